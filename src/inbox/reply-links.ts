import type { AppContext } from "../app/context";
import { commentPieces } from "../lib/comment-text";
import { consumeLink, createLink, type LinkProblem, peekLink } from "../links/store";
import { draftsFor } from "./draft";
import { type InboxRow, listInbox } from "./store";

/** The link purpose of a one-tap "send this reply" link (the token is scoped to one comment and one draft text). */
export const SEND_REPLY_PURPOSE = "inbox.send_reply";

/** How many comments a digest lists at most (the newest first). */
export const DIGEST_REPLIES_CAP = 5;

/** The longest comment excerpt a digest shows (the inbox has the rest). */
const DIGEST_COMMENT_CHARS = 300;

/** The hash a link carries of the exact draft it sends: a different draft later means the link refuses. */
export function draftHash(text: string): string {
  return Bun.SHA256.hash(text, "hex");
}

/** A comment waiting for an answer as a digest lists it: hostile text flattened (links as "[link: domain]") and its draft. */
export interface DigestReply {
  commentId: number;
  platform: string;
  authorName: string;
  /** The comment with control characters removed, links reduced to their domain, clipped; still to be escaped. */
  text: string;
  draft: string;
  webappName: string;
  postTitle: string;
}

/** A comment's text as plain words for a digest: links never live, only their domain. */
export function commentAsText(raw: string, max = DIGEST_COMMENT_CHARS): string {
  const { pieces, clipped } = commentPieces(raw, max);
  const text = pieces.map((p) => ("text" in p ? p.text : `[link: ${p.linkDomain}]`)).join("");
  return clipped > 0 ? `${text}…` : text;
}

function toDigestReply(r: InboxRow, draft: string): DigestReply {
  return {
    commentId: r.comment.id,
    platform: r.comment.platform,
    authorName: commentAsText(r.comment.authorName, 80),
    text: commentAsText(r.comment.text),
    draft,
    webappName: r.webappName,
    postTitle: r.postTitle,
  };
}

/** The user's newest comments that need an answer and have a drafted reply, at most `cap` (one indexed query). */
export function repliesForDigest(ctx: AppContext, userId: number, cap = DIGEST_REPLIES_CAP): DigestReply[] {
  const rows = listInbox(ctx.db, userId, { show: "needs_reply", limit: cap * 2 }, ctx.clock.now());
  const drafts = draftsFor(ctx, rows);
  const out: DigestReply[] = [];
  for (const r of rows) {
    const d = drafts.get(r.comment.id);
    if (d && out.length < cap) out.push(toDigestReply(r, d));
  }
  return out;
}

/** The comment's current draft (what the inbox would offer now), or undefined once it needs none or a reply went out. */
export function currentDraftOf(ctx: AppContext, userId: number, commentId: number): { row: InboxRow; draft: string } | undefined {
  const row = listInbox(ctx.db, userId, { show: "all", beforeId: commentId + 1, limit: 1 }, ctx.clock.now())[0];
  if (!row || row.comment.id !== commentId) return undefined;
  const draft = draftsFor(ctx, [row]).get(commentId);
  return draft ? { row, draft } : undefined;
}

/** Creates a one-time "send this reply" token for the user's comment and this exact draft; only its hash is stored. */
export function createReplyToken(ctx: AppContext, userId: number, commentId: number, draft: string, lifetimeHours: number): string {
  return createLink(
    ctx.db,
    {
      purpose: SEND_REPLY_PURPOSE,
      userId,
      subject: String(commentId),
      data: { draftHash: draftHash(draft) },
      ttlMs: lifetimeHours * 3_600_000,
    },
    ctx.clock.now(),
  ).token;
}

/** The public URL of a "send this reply" link, built from server.public_base_url (never the request's Host). */
export function replyLinkUrl(ctx: AppContext, token: string): string {
  return `${ctx.config.server.public_base_url}/links/reply/${token}`;
}

/** A resolved "send this reply" token: whose comment and which draft (by hash). */
export interface ReplyLink {
  userId: number;
  commentId: number;
  draftHash: string;
}

function toReplyLink(link: { userId: number | null; subject: string; data: unknown }): ReplyLink | { problem: LinkProblem } {
  const commentId = Number(link.subject);
  const hash = (link.data as { draftHash?: unknown } | null)?.draftHash;
  if (!Number.isInteger(commentId) || commentId <= 0 || link.userId === null || typeof hash !== "string") return { problem: "unknown" };
  return { userId: link.userId, commentId, draftHash: hash };
}

/** Looks a token up without using it (the confirm page). */
export function peekReplyToken(ctx: AppContext, token: string): ReplyLink | { problem: LinkProblem } {
  const r = peekLink(ctx.db, token, SEND_REPLY_PURPOSE, ctx.clock.now());
  if ("problem" in r) return { problem: r.problem === "wrong_purpose" ? "unknown" : r.problem };
  return toReplyLink(r.link);
}

/** Uses a token exactly once (a replay or a race answers "used"). */
export function consumeReplyToken(ctx: AppContext, token: string): ReplyLink | { problem: LinkProblem } {
  const r = consumeLink(ctx.db, token, SEND_REPLY_PURPOSE, ctx.clock.now());
  if ("problem" in r) return { problem: r.problem === "wrong_purpose" ? "unknown" : r.problem };
  return toReplyLink(r.link);
}
