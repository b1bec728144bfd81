import type { AppContext } from "../app/context";
import { inTransaction } from "../db/client";
import { recordEvent, transition, type Actor } from "../content/state";
import type { JobContext } from "../jobs/worker";
import type { RemotePost } from "../platforms/types";
import { countPost } from "./connections";
import { firstCommentJob } from "./first-comment-job";
import { findPublishItem, writePhase } from "./store";
import type { ItemRow } from "./input";

/** The queue acts for no person. */
export const SYSTEM: Actor = { userId: null, channel: "system" };

/** A content item by id, or undefined. */
export function getItem(ctx: AppContext, itemId: number): ItemRow | undefined {
  return findPublishItem(ctx.db, itemId);
}

/**
 * Records the post: journal "confirmed", item published with remote id and permalink, history line (plus the
 * adapter's notes, or the journal's `stillToDo` step when the adapter never finished); with `job`, the publish
 * job is marked done in the same commit.
 */
export function markPublished(
  ctx: AppContext,
  item: ItemRow,
  connectionId: number,
  post: RemotePost,
  how: string,
  job?: Pick<JobContext, "complete">,
): void {
  const now = ctx.clock.now();
  // The journal, the item, its history line, the account's count and the job's completion commit together:
  // one fsync, not four.
  inTransaction(ctx.db, () => {
    const journal = writePhase(ctx.db, item.id, connectionId, "confirmed", { remoteId: post.remoteId, permalink: post.permalink }, now);
    const ok = transition(ctx.db, item.id, "published", SYSTEM, {
      from: ["scheduled", "publishing", "needs_check", "failed", "approved"],
      action: "publish.published",
      detail: `${how}: ${post.permalink || post.remoteId}`,
      set: { remoteId: post.remoteId, permalink: post.permalink, failure: null },
      now,
    });
    if (ok) {
      countPost(ctx, connectionId);
      for (const note of post.notes ?? unfinished(journal.data)) recordEvent(ctx.db, item.id, SYSTEM, "publish.note", note, now);
      // The first comment is its own step, queued in this commit: a crash after the post resumes with the comment only.
      if (item.firstComment) firstCommentJob.enqueue(ctx.db, { itemId: item.id }, { now });
    }
    job?.complete?.();
  });
}

function unfinished(data: Record<string, string>): string[] {
  return data.stillToDo
    ? [`Publishing was interrupted after the post was created, so one step was not done: ${data.stillToDo}. The post itself is published.`]
    : [];
}

/** Final failure: the item is failed with the sentence for the user, who is told. */
export async function markFailed(ctx: AppContext, item: ItemRow, reason: string): Promise<void> {
  const now = ctx.clock.now();
  const ok = transition(ctx.db, item.id, "failed", SYSTEM, {
    from: ["scheduled", "publishing"],
    action: "publish.failed",
    detail: reason,
    set: { failure: reason },
    now,
  });
  if (ok) await ctx.events.emit("content.attention", { itemId: item.id, userId: item.userId, reason });
}

/**
 * No way to post through the platform's API (not connected, or no API in this version): the item is ready for
 * manual posting, with the sentence that says what to do. Not a failure; the person is not alerted as for one.
 */
export function markManualReady(ctx: AppContext, item: ItemRow, reason: string): void {
  transition(ctx.db, item.id, "manual_ready", SYSTEM, {
    from: ["scheduled"],
    action: "publish.manual_ready",
    detail: reason,
    set: { failure: reason },
    now: ctx.clock.now(),
  });
}

/** Unknown outcome: the item needs a person to check; it is never reposted automatically. */
export async function markNeedsCheck(ctx: AppContext, item: ItemRow, reason: string): Promise<void> {
  const now = ctx.clock.now();
  const ok = transition(ctx.db, item.id, "needs_check", SYSTEM, {
    from: ["publishing", "scheduled"],
    action: "publish.needs_check",
    detail: reason,
    set: { failure: reason },
    now,
  });
  if (ok) await ctx.events.emit("content.attention", { itemId: item.id, userId: item.userId, reason });
}
