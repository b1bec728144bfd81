import type { AppContext } from "../app/context";
import type { PlatformId } from "../platforms/ids";
import { replyTooLong } from "../platforms/reply-limits";
import { PLATFORM_RULES } from "../platforms/rules";
import { type Connection, type PlatformAdapter, PlatformError, type PostComment, type ReplyTarget } from "../platforms/types";
import { connectionFor, getConnectionRow, openConnection } from "../publishing/connections";
import { toPlatformError } from "../publishing/engine";
import { refreshConnection } from "../publishing/refresh";
import { findPublishItem } from "../publishing/store";
import { prepareReply, type ReplyRow, replyOf, writeReplyPhase } from "./reply-store";
import { type CommentRow, commentById, commentOfUser } from "./store";

/** The adapters replies, likes and hides go through (those publishing uses). */
export interface ReplyDeps {
  adapters: Partial<Record<PlatformId, PlatformAdapter>>;
}

/** What became of a send: sent (now or before), refused with a reason, or to try again later (the journal keeps it). */
export type SendResult =
  | { kind: "sent"; remoteReplyId: string }
  | { kind: "refused"; reason: string }
  | { kind: "retry"; reason: string; retryAt?: Date };

const label = (p: string) => PLATFORM_RULES[p as PlatformId]?.label ?? p;

/** Where a reply goes: the comment's thread on the platform (a reply to a reply answers its top-level comment, as the platforms require). */
export function replyTarget(postRemoteId: string, c: Pick<CommentRow, "remoteId" | "parentRemoteId">): ReplyTarget {
  return { postId: postRemoteId, commentId: c.parentRemoteId ?? c.remoteId };
}

/**
 * Checks a reply the user wrote and writes its intent to the journal; the caller queues the send. Returns a
 * sentence for the user when it cannot be sent (empty, over the platform's limit, a deleted comment, no account).
 */
export function requestReply(ctx: AppContext, userId: number, commentId: number, text: string): { reply: ReplyRow } | { problem: string } {
  const c = commentOfUser(ctx.db, userId, commentId);
  if (!c) return { problem: "There is no such comment." };
  const body = text.trim();
  if (!body) return { problem: "Write a reply first." };
  if (c.deleted) return { problem: `The comment was deleted on ${label(c.platform)}, so the reply was not sent.` };
  const tooLong = replyTooLong(c.platform as PlatformId, body);
  if (tooLong) return { problem: `Not sent: ${tooLong}.` };
  const conn = connectionFor(ctx, userId, c.platform);
  if (!conn) return { problem: `${label(c.platform)} is not connected; connect it on the Platforms page to reply.` };
  return { reply: prepareReply(ctx.db, { commentId, userId, connectionId: conn.id, text: body }, ctx.clock.now()) };
}

/**
 * Sends a journalled reply exactly once. Phase send_sent is written right before the platform call; a run that
 * finds send_sent (the last run died or lost the answer) first reads the comment's thread on the platform and
 * records our reply if it is there, and sends only when it is not.
 */
export async function sendReply(ctx: AppContext, deps: ReplyDeps, commentId: number): Promise<SendResult> {
  const row = replyOf(ctx.db, commentId);
  const c = commentById(ctx.db, commentId);
  if (!row || !c) return { kind: "refused", reason: "the reply or its comment no longer exists" };
  if (row.phase === "confirmed") return { kind: "sent", remoteReplyId: row.remoteReplyId ?? "" };
  if (row.phase === "refused") return { kind: "refused", reason: row.problem ?? "refused" };
  const refuse = (reason: string): SendResult => {
    writeReplyPhase(ctx.db, commentId, "refused", ctx.clock.now(), { problem: reason });
    return { kind: "refused", reason };
  };
  const adapter = deps.adapters[c.platform as PlatformId];
  if (!adapter?.replyToComment) return refuse(`${label(c.platform)} takes no replies through its API for this app`);
  const item = findPublishItem(ctx.db, c.itemId);
  if (!item?.remoteId) return refuse("the post has no id on its platform");
  let conn: Connection;
  try {
    conn = await openFor(ctx, adapter, row.connectionId ?? undefined, c);
  } catch (e) {
    const pe = toPlatformError(e);
    return pe.kind === "transient" ? { kind: "retry", reason: pe.message } : refuse(pe.message);
  }
  const target = replyTarget(item.remoteId, c);
  try {
    if (row.phase === "send_sent") {
      const found = findOurReply(await adapter.fetchComments!(conn, item.remoteId), conn, target, row.text);
      if (found) {
        writeReplyPhase(ctx.db, commentId, "confirmed", ctx.clock.now(), { remoteReplyId: found.id, problem: null });
        return { kind: "sent", remoteReplyId: found.id };
      }
    } else if (c.deleted) return refuse(`the comment was deleted on ${label(c.platform)}, so the reply was not sent`);
    writeReplyPhase(ctx.db, commentId, "send_sent", ctx.clock.now());
    const sent = await adapter.replyToComment(conn, target, row.text);
    writeReplyPhase(ctx.db, commentId, "confirmed", ctx.clock.now(), { remoteReplyId: sent.id, problem: null });
    return { kind: "sent", remoteReplyId: sent.id };
  } catch (e) {
    const pe = toPlatformError(e);
    if (pe.kind === "transient" || pe.kind === "rate_limited" || pe.kind === "auth_expired" || pe.kind === "daily_cap")
      return { kind: "retry", reason: pe.message, retryAt: pe.retryAt };
    if (pe.kind === "not_found") return refuse(`the comment is gone on ${label(c.platform)}, so the reply was not sent`);
    return refuse(`${label(c.platform)} refused the reply: ${pe.message}`);
  }
}

/** Our reply in the thread: written by the connected account under the target comment with the same text. */
function findOurReply(list: PostComment[], conn: Connection, target: ReplyTarget, text: string): PostComment | undefined {
  const want = text.trim();
  return list.find(
    (c) => c.parentId === target.commentId && (c.authorId === undefined || c.authorId === conn.accountId) && c.text.trim() === want,
  );
}

/** The account a reply (or a like or hide) goes out through, renewed when its token is about to expire. */
export async function openFor(
  ctx: AppContext,
  adapter: PlatformAdapter,
  connectionId: number | undefined,
  c: CommentRow,
): Promise<Connection> {
  let row = (connectionId !== undefined ? getConnectionRow(ctx, connectionId) : undefined) ?? connectionFor(ctx, c.userId, c.platform);
  if (!row) throw new PlatformError("forbidden", `${label(c.platform)} is not connected; connect it on the Platforms page`);
  if (row.expiresAt && row.expiresAt.getTime() - ctx.clock.now().getTime() < 2 * 60_000)
    row = await refreshConnection(ctx, adapter, row.id, 2 * 60_000);
  return openConnection(ctx, row);
}
