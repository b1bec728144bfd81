import type { User } from "../../src/auth/sessions";
import type { InboxFilter, InboxRow } from "../../src/inbox/store";
import { type CommentPiece, commentPieces, safeAvatarUrl, splitPieces } from "../../src/lib/comment-text";
import { formatLocal } from "../../src/lib/format";
import type { PlatformId } from "../../src/platforms/ids";
import { PLATFORM_IDS } from "../../src/platforms/ids";
import { COMMENT_ACTIONS, noHideReason } from "../../src/platforms/comment-actions";
import { REPLY_LIMITS } from "../../src/platforms/reply-limits";
import { PLATFORM_RULES } from "../../src/platforms/rules";
import { Page } from "../layout/page";

/** What the inbox page shows: the filtered comments grouped by post, the filter's values, drafts by comment id. */
export interface InboxPageProps {
  user: User;
  csrf: string;
  unread: number;
  rows: InboxRow[];
  filter: InboxFilter;
  webapps: { id: number; name: string }[];
  drafts: Map<number, string>;
  notice?: string;
}

const SHOW_CHOICES = [
  ["", "Open (not spam)"],
  ["needs_reply", "Needs a reply"],
  ["question", "Questions"],
  ["complaint", "Complaints"],
  ["spam", "Spam and hidden"],
  ["all", "Everything"],
] as const;

/** /inbox: comments on the user's published posts, grouped by post, with filters, replies and keyboard triage. */
export function InboxPage(p: InboxPageProps): JSX.Element {
  const groups = new Map<number, InboxRow[]>();
  for (const r of p.rows) {
    const g = groups.get(r.comment.itemId);
    if (g) g.push(r);
    else groups.set(r.comment.itemId, [r]);
  }
  return (
    <Page title="Inbox" user={p.user} csrf={p.csrf} unread={p.unread} active="inbox">
      <>
        {p.notice ? (
          <div class="notice notice-info" role="status" safe>
            {p.notice}
          </div>
        ) : (
          ""
        )}
        <Filters filter={p.filter} webapps={p.webapps} />
        <p class="muted small">
          Keys: j / k move, r reply, e done. TikTok's API gives no comments for the access this app holds, so TikTok posts are not here.
        </p>
        {p.rows.length === 0 ? <p class="empty">No comments match.</p> : ""}
        <div class="inbox" id="inbox">
          {[...groups.values()].map((rows) => (
            <PostGroup rows={rows} csrf={p.csrf} user={p.user} drafts={p.drafts} />
          ))}
        </div>
        <script src="/public/inbox.js" defer></script>
      </>
    </Page>
  );
}

function Filters(props: { filter: InboxFilter; webapps: { id: number; name: string }[] }): JSX.Element {
  const f = props.filter;
  return (
    <form method="get" action="/inbox" class="inbox-filters">
      <label>
        Web app
        <select name="app">
          <option value="">All</option>
          {props.webapps.map((w) => (
            <option value={String(w.id)} selected={f.webappId === w.id} safe>
              {w.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Platform
        <select name="platform">
          <option value="">All</option>
          {PLATFORM_IDS.filter((id) => id !== "tiktok").map((id) => (
            <option value={id} selected={f.platform === id} safe>
              {PLATFORM_RULES[id].label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Show
        <select name="show">
          {SHOW_CHOICES.map(([v, l]) => (
            <option value={v} selected={(f.show ?? "") === v} safe>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label>
        Unanswered for more than (hours)
        <input type="number" name="hours" min="1" max="720" value={f.unansweredHours === undefined ? "" : String(f.unansweredHours)} />
      </label>
      <button type="submit" class="secondary">
        Filter
      </button>
    </form>
  );
}

function PostGroup(props: { rows: InboxRow[]; csrf: string; user: User; drafts: Map<number, string> }): JSX.Element {
  const first = props.rows[0]!;
  const platform = first.comment.platform as PlatformId;
  return (
    <section class="inbox-post">
      <h2>
        <span safe>{first.postTitle || `Post #${first.comment.itemId}`}</span>
        <span class="muted small" safe>{` · ${PLATFORM_RULES[platform]?.label ?? platform} · ${first.webappName}`}</span>
      </h2>
      <ol class="inbox-list">
        {props.rows.map((r) => (
          <CommentItem row={r} csrf={props.csrf} user={props.user} draft={props.drafts.get(r.comment.id)} />
        ))}
      </ol>
    </section>
  );
}

function Pieces(props: { pieces: CommentPiece[] }): JSX.Element {
  return (
    <>
      {props.pieces.map((p) =>
        "text" in p ? (
          <span safe>{p.text}</span>
        ) : (
          <span class="link-domain" title="A link (not followed)" safe>{`[link: ${p.linkDomain}]`}</span>
        ),
      )}
    </>
  );
}

/** The comment's text: escaped, links as their domain, controls removed, long text behind "more". */
export function CommentText(props: { text: string }): JSX.Element {
  const { pieces, clipped } = commentPieces(props.text);
  const [head, tail] = splitPieces(pieces);
  return (
    <div class="comment-text" dir="auto">
      <Pieces pieces={head} />
      {tail.length ? (
        <details class="more">
          <summary>more</summary>
          <Pieces pieces={tail} />
          {clipped > 0 ? <span class="muted" safe>{` … (${clipped} more characters not shown)`}</span> : ""}
        </details>
      ) : (
        ""
      )}
    </div>
  );
}

function CommentItem(props: { row: InboxRow; csrf: string; user: User; draft?: string }): JSX.Element {
  const c = props.row.comment;
  const avatar = safeAvatarUrl(c.authorAvatarUrl);
  const limit = REPLY_LIMITS[c.platform as PlatformId] ?? 0;
  const base = `/inbox/comments/${c.id}`;
  const sent = props.row.replyPhase === "confirmed";
  const actions = COMMENT_ACTIONS[c.platform as PlatformId];
  const noHide = c.platform === "linkedin" ? noHideReason("linkedin", "LinkedIn") : undefined;
  return (
    <li class={`inbox-item state-${c.state}`} id={`c${c.id}`} tabindex="-1" data-comment={String(c.id)}>
      <div class="inbox-head">
        {avatar ? <img class="avatar" src={avatar} alt="" width="28" height="28" loading="lazy" /> : ""}
        <strong safe>
          {commentPieces(c.authorName, 80)
            .pieces.map((p) => ("text" in p ? p.text : p.linkDomain))
            .join("")}
        </strong>
        <span
          class="muted small"
          safe
        >{` ${formatLocal(c.postedAt, props.user.timezone)}${c.parentRemoteId ? " · reply" : ""}${c.edited ? " · edited" : ""}${c.likeCount ? ` · ${c.likeCount} likes` : ""}`}</span>
        {c.labels.map((l) => (
          <span class={`badge label-${l}`} safe>
            {l.replace("_", " ")}
          </span>
        ))}
        <span class="badge" safe>
          {c.state.replace("_", " ")}
        </span>
      </div>
      {c.deleted ? <p class="muted small">Deleted on the platform: a reply cannot be sent.</p> : ""}
      <CommentText text={c.text} />
      {props.row.replyProblem ? (
        <p class="notice notice-error small" safe>
          {`Reply not sent: ${props.row.replyProblem}`}
        </p>
      ) : (
        ""
      )}
      {sent ? <p class="muted small">Reply sent.</p> : ""}
      <div class="inbox-actions">
        {!sent && !c.deleted && limit > 0 ? (
          <form method="post" action={`${base}/reply`} class="reply-form">
            <input type="hidden" name="_csrf" value={props.csrf} />
            <textarea name="text" rows="3" data-limit={String(limit)} aria-label="Reply" safe>
              {props.draft ?? ""}
            </textarea>
            <span class="muted small reply-count" aria-live="polite" safe>{`limit ${limit} characters`}</span>
            <button type="submit">Send reply</button>
          </form>
        ) : (
          ""
        )}
        <form method="post" action={`${base}/state`}>
          <input type="hidden" name="_csrf" value={props.csrf} />
          <input type="hidden" name="state" value={c.state === "done" ? "new" : "done"} />
          <button type="submit" class="secondary" data-key="e">
            {c.state === "done" ? "Reopen" : "Done"}
          </button>
        </form>
        {actions?.like ? (
          <form method="post" action={`${base}/like`}>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <button type="submit" class="secondary">
              Like
            </button>
          </form>
        ) : (
          ""
        )}
        {actions?.hide ? (
          <form method="post" action={`${base}/hide`}>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <button type="submit" class="secondary">
              Hide
            </button>
          </form>
        ) : (
          ""
        )}
      </div>
      {noHide ? (
        <p class="muted small" safe>
          {noHide}
        </p>
      ) : (
        ""
      )}
    </li>
  );
}
