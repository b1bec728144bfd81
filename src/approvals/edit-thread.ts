import type { ContentItem } from "../content/store";
import { stripControlChars } from "../lib/control-chars";
import type { PlatformId } from "../platforms/ids";
import { checkThread } from "../platforms/thread";

/** The longest first comment each platform takes (Instagram 2,200 characters, LinkedIn 1,250). */
const COMMENT_MAX: Partial<Record<PlatformId, number>> = { instagram: 2200, linkedin: 1250 };

/** A thread's and first comment's edit: the fields to save and what changed, or the problems in sentences. */
export type ThreadEdit =
  | { fields: { threadPosts?: string[]; firstComment?: string; caption?: string }; changed: string[] }
  | { problems: string[] };

/**
 * Checks an edit of a thread's posts (one text per post, in order; an emptied post is dropped) against X's rules, and
 * of the first comment against its platform's length. The thread's caption is its posts joined, so the library and
 * searches read the whole thread. Missing inputs keep the item's values.
 */
export function validateThreadEdit(
  item: Pick<ContentItem, "platform" | "threadPosts" | "firstComment" | "hashtags" | "linkUrl">,
  input: { thread?: string[]; firstComment?: string },
  hashtags: string[],
  caption = "",
): ThreadEdit {
  const problems: string[] = [];
  const fields: { threadPosts?: string[]; firstComment?: string; caption?: string } = {};
  const changed: string[] = [];
  if (item.threadPosts.length > 0) {
    const posts =
      input.thread !== undefined
        ? input.thread.map((p) => stripControlChars(p.replace(/\r\n/g, "\n")).trim()).filter(Boolean)
        : item.threadPosts;
    problems.push(...checkThread(posts, hashtags));
    fields.threadPosts = posts;
    fields.caption = posts.join("\n\n");
    if (posts.join("\u0000") !== item.threadPosts.join("\u0000")) changed.push("thread posts");
  }
  if (input.firstComment !== undefined) {
    const comment = stripControlChars(input.firstComment.replace(/\r\n/g, "\n")).trim();
    const max = COMMENT_MAX[item.platform as PlatformId];
    if (max === undefined && comment !== "") problems.push("This platform takes no first comment from us; leave it empty.");
    else if (max !== undefined && [...comment].length > max)
      problems.push(`The first comment has ${[...comment].length} characters; the platform allows ${max}.`);
    // The caption sends people to the first comment for the link: the link may leave the comment only for the caption.
    const link = item.linkUrl;
    if (link && item.firstComment.includes(link) && !comment.includes(link) && !caption.includes(link))
      problems.push(
        `The caption sends people to the first comment for the link: keep ${link} in the first comment, or put it in the caption (and change what the caption says).`,
      );
    fields.firstComment = comment;
    if (comment !== item.firstComment) changed.push("first comment");
  }
  return problems.length > 0 ? { problems } : { fields, changed };
}

/** The thread's posts (fields thread1..thread4) and first comment of the web edit form; absent fields are left out. */
export function threadFormInput(body: unknown): { thread?: string[]; firstComment?: string } {
  const b = (body ?? {}) as Record<string, unknown>;
  const posts = [1, 2, 3, 4].map((i) => b[`thread${i}`]).filter((v): v is string => typeof v === "string");
  return {
    ...(posts.length > 0 ? { thread: posts } : {}),
    ...(typeof b.firstComment === "string" ? { firstComment: b.firstComment } : {}),
  };
}
