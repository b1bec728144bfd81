import type { AppContext } from "../app/context";
import { recordEvent } from "../content/state";
import type { RegisteredJob } from "../jobs/declare";
import { JobError } from "../jobs/worker";
import type { PlatformId } from "../platforms/ids";
import { PLATFORM_RULES } from "../platforms/rules";
import type { Connection, PlatformAdapter, PostComment } from "../platforms/types";
import { createAdapters } from "./adapters";
import { getConnectionRow, openConnection } from "./connections";
import { toPlatformError } from "./engine";
import { firstCommentJob } from "./first-comment-job";
import { publishInputFor } from "./input";
import { SYSTEM } from "./outcome";
import { refreshConnection } from "./refresh";
import { findPublishItem, getJournal, writeCommentState } from "./store";

/** The adapters first comments go through (those publishing uses). */
export interface FirstCommentDeps {
  adapters: Partial<Record<PlatformId, PlatformAdapter>>;
}

/** What became of the first comment: posted (now or before), nothing to post, refused for good, or to try again later. */
export type FirstCommentResult = { kind: "sent"; id: string } | { kind: "none" } | { kind: "refused"; reason: string };

const label = (p: string) => PLATFORM_RULES[p as PlatformId]?.label ?? p;

/**
 * Posts an item's first comment exactly once, as its own phase of the item's journal: `commentPhase` "sent" is
 * written right before the call and "confirmed" (with the comment's id) after it. A run that finds "sent" (the last
 * one died or lost the answer) lists the post's comments and adopts ours when it is there; it sends again only once
 * the platform had time to list it and it is not. The post itself is never touched: a refused comment is recorded
 * on the item's history with the text to post by hand, and the item stays published.
 */
export async function sendFirstComment(ctx: AppContext, deps: FirstCommentDeps, itemId: number): Promise<FirstCommentResult> {
  const item = findPublishItem(ctx.db, itemId);
  const journal = getJournal(ctx.db, itemId);
  if (!item?.remoteId || !item.firstComment || !journal) return { kind: "none" };
  const data = journal.data;
  if (data.commentPhase === "confirmed") return { kind: "sent", id: data.commentId ?? "" };
  if (data.commentPhase === "refused") return { kind: "refused", reason: data.commentProblem ?? "refused" };
  const text = publishInputFor(item, ctx.config.storage.media_dir).firstComment ?? item.firstComment;
  const now = ctx.clock.now();
  const refuse = (reason: string): FirstCommentResult => {
    writeCommentState(ctx.db, itemId, { commentPhase: "refused", commentProblem: reason }, ctx.clock.now());
    recordEvent(
      ctx.db,
      itemId,
      SYSTEM,
      "publish.first_comment_failed",
      `The post is published, but its first comment was not: ${reason}. Post it by hand under the post: ${text}`,
      ctx.clock.now(),
    );
    return { kind: "refused", reason };
  };
  const adapter = deps.adapters[item.platform as PlatformId];
  if (!adapter?.postFirstComment) return refuse(`${label(item.platform)} takes no comments through its API in this version`);
  let row = journal.connectionId === null ? undefined : getConnectionRow(ctx, journal.connectionId);
  if (!row) return refuse(`the ${label(item.platform)} account it was published with is no longer connected`);
  try {
    if (row.expiresAt && row.expiresAt.getTime() - now.getTime() < 2 * 60_000)
      row = await refreshConnection(ctx, adapter, row.id, 2 * 60_000);
    const conn = openConnection(ctx, row);
    if (data.commentPhase === "sent") {
      const found = ourComment(await adapter.fetchComments!(conn, item.remoteId), conn, text);
      if (found) return confirm(ctx, itemId, found.id, "found under the post after an interrupted send");
      const settle = ctx.config.publishing.reconcile_delay_seconds * 1000;
      const sentAt = Number(data.commentSentAt ?? 0);
      if (now.getTime() - sentAt < settle)
        throw new JobError("first comment: not listed yet; looking again before sending", true, new Date(sentAt + settle));
    }
    writeCommentState(ctx.db, itemId, { commentPhase: "sent", commentSentAt: String(now.getTime()) }, now);
    const sent = await adapter.postFirstComment(conn, item.remoteId, text);
    return confirm(ctx, itemId, sent.id, "posted");
  } catch (e) {
    if (e instanceof JobError) throw e;
    const pe = toPlatformError(e);
    if (["transient", "rate_limited", "auth_expired", "daily_cap"].includes(pe.kind))
      throw new JobError(`first comment of item #${itemId}: ${pe.message}`, true, pe.retryAt);
    if (pe.kind === "not_found") return refuse(`the post is gone on ${label(item.platform)}`);
    return refuse(`${label(item.platform)} refused it (${pe.message})`);
  }
}

function confirm(ctx: AppContext, itemId: number, id: string, how: string): FirstCommentResult {
  const now = ctx.clock.now();
  writeCommentState(ctx.db, itemId, { commentPhase: "confirmed", commentId: id }, now);
  recordEvent(ctx.db, itemId, SYSTEM, "publish.first_comment", `First comment ${how}: ${id}`, now);
  return { kind: "sent", id };
}

/** A comment compared the way platforms give it back: links dropped (they may shorten them), whitespace collapsed. */
function norm(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** Our first comment among the post's comments: top-level, by the connected account (where the platform says), same text. */
function ourComment(list: PostComment[], conn: Connection, text: string): PostComment | undefined {
  const want = norm(text);
  const ours = (c: PostComment) => c.authorId === undefined || c.authorId === conn.accountId || c.authorId === conn.extra.author;
  return list.find((c) => c.parentId === undefined && ours(c) && norm(c.text) === want);
}

/** The first comment job's handler: a retry keeps the journal, so the next attempt lists the comments before sending. */
export function firstCommentHandler(ctx: AppContext, deps?: FirstCommentDeps): RegisteredJob {
  const d = deps ?? { adapters: createAdapters(ctx) };
  return firstCommentJob.handle(async ({ itemId }) => {
    await sendFirstComment(ctx, d, itemId);
  });
}
