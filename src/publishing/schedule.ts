import type { AppContext } from "../app/context";
import { inTransaction } from "../db/client";
import { transition } from "../content/state";
import { approvedItemsPlannedBy, findPublishItem } from "./store";
import { declareJob, itemIdPayload } from "../jobs/declare";
import { SYSTEM } from "./outcome";

/**
 * Publishes one item; its first publish has the plain key, each retry a variant `retry-<id>`. Never limited by
 * the queue's attempt count: the engine counts transient failures itself and waits for caps and rate limits
 * without spending attempts.
 */
export const publishJob = declareJob<{ itemId: number }>({
  kind: "publish.item",
  key: (p) => `publish:${p.itemId}`,
  attempts: 1_000_000,
  parse: itemIdPayload,
});

/** Adds the publish job for an item at its planned time (idempotent by key); `retry` makes a fresh job for a retry. */
export function enqueuePublish(ctx: AppContext, itemId: number, runAt: Date, retry?: string): void {
  publishJob.enqueue(ctx.db, { itemId }, { now: ctx.clock.now(), runAt, variant: retry && `retry-${retry}` });
}

/**
 * Moves approved items with a planned time within `horizonMs` to "scheduled", each with its job at
 * planned_at. Each item's job and its move commit together, up to 100 items per commit (one fsync each,
 * not two per item): a crash leaves an item either approved without a job (the next run schedules it)
 * or scheduled with its job.
 */
export function schedulePublishing(ctx: AppContext, now: Date, horizonMs = 24 * 60 * 60_000): number {
  const due = approvedItemsPlannedBy(ctx.db, new Date(now.getTime() + horizonMs));
  let n = 0;
  for (let i = 0; i < due.length; i += SCHEDULE_CHUNK) {
    const chunk = due.slice(i, i + SCHEDULE_CHUNK);
    inTransaction(ctx.db, () => {
      for (const due of chunk) {
        // Read again under the write lock: a person may have moved the post since the list was read.
        const item = findPublishItem(ctx.db, due.id);
        if (!item || item.status !== "approved" || !item.plannedAt) continue;
        enqueuePublish(ctx, item.id, item.plannedAt);
        if (
          transition(ctx.db, item.id, "scheduled", SYSTEM, {
            from: ["approved"],
            action: "publish.scheduled",
            detail: `planned for ${item.plannedAt!.toISOString()}`,
            now,
          })
        )
          n++;
      }
    });
  }
  return n;
}

// Items per commit when scheduling: big enough to share the fsync, small enough not to hold the write lock long.
const SCHEDULE_CHUNK = 100;
