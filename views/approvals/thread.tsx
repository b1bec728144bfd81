import type { ContentItem } from "../../src/content/types";
import { weightedLength } from "../../src/platforms/rules";

/** A thread's posts in order on the card (each with its X length), or the caption when the item is no thread. */
export function ThreadOrCaption(props: { item: ContentItem; highlight: (text: string) => JSX.Element }): JSX.Element {
  const posts = props.item.threadPosts;
  if (posts.length === 0) return props.highlight(props.item.caption);
  return (
    <ol class="thread-posts" aria-label="Thread posts, in order">
      {posts.map((p) => (
        <li>
          {props.highlight(p)}
          <span class="hint" safe>{`${weightedLength(p)}/280`}</span>
        </li>
      ))}
    </ol>
  );
}

/** The first comment on the card, under the caption: where the link and call to action go. */
export function FirstCommentLine(props: { item: ContentItem; highlight: (text: string) => JSX.Element }): JSX.Element {
  if (!props.item.firstComment) return "";
  return (
    <div class="first-comment">
      <span class="hint">First comment, posted right after the post:</span>
      {props.highlight(props.item.firstComment)}
    </div>
  );
}

/** What the edit form shows for the thread's posts (one field per post, a spare one while under four) and the first comment. */
export function ThreadEditFields(props: { item: ContentItem; thread?: string[]; firstComment?: string }): JSX.Element {
  const { item } = props;
  const posts = props.thread ?? item.threadPosts;
  const slots = item.threadPosts.length > 0 ? [...posts, ...(posts.length < 4 ? [""] : [])].slice(0, 4) : [];
  const takesComment = item.platform === "instagram" || item.platform === "linkedin" || item.firstComment !== "";
  return (
    <>
      {slots.map((p, i) => (
        <label>
          <span safe>{`Post ${i + 1} of the thread`}</span>
          <span class="hint">{i === slots.length - 1 && p === "" ? " (optional: adds a post)" : " (at most 280, links count 23)"}</span>
          <textarea name={`thread${i + 1}`} rows="3" safe>
            {p}
          </textarea>
        </label>
      ))}
      {takesComment ? (
        <label>
          First comment <span class="hint">posted under the post right after it; the link goes here</span>
          <textarea name="firstComment" rows="2" safe>
            {props.firstComment ?? item.firstComment}
          </textarea>
        </label>
      ) : (
        ""
      )}
    </>
  );
}
