import { and, eq, isNotNull, lte } from "drizzle-orm";
import type { AppContext } from "../app/context";
import { transition } from "../content/state";
import { contentItems } from "../db/schema/content";
import { enqueueJob } from "../jobs/store";
import { SYSTEM } from "./outcome";

/** The job kind that publishes one item. */
export const PUBLISH_JOB = "publish.item";

/** The job key of an item's first publish (retries get their own keys). */
export function publishJobKey(itemId: number, retry?: string): string {
  return retry ? `publish:${itemId}:retry-${retry}` : `publish:${itemId}`;
}

// Jobs are never limited by the queue's attempt count: the engine counts transient failures itself and
// waits for caps and rate limits without spending attempts.
const UNLIMITED = 1_000_000;

/** Adds the publish job for an item at its planned time (idempotent by key). */
export function enqueuePublish(ctx: AppContext, itemId: number, runAt: Date, retry?: string): void {
  enqueueJob(
    ctx.db,
    { kind: PUBLISH_JOB, key: publishJobKey(itemId, retry), payload: { itemId }, runAt, maxAttempts: UNLIMITED },
    ctx.clock.now(),
  );
}

/**
 * Moves approved items with a planned time within `horizonMs` to "scheduled", each with its job at
 * planned_at. Each item's job and its move commit together, up to 100 items per commit (one fsync each,
 * not two per item): a crash leaves an item either approved without a job (the next run schedules it)
 * or scheduled with its job.
 */
export function schedulePublishing(ctx: AppContext, now: Date, horizonMs = 24 * 60 * 60_000): number {
  const due = ctx.db
    .select({ id: contentItems.id, plannedAt: contentItems.plannedAt })
    .from(contentItems)
    .where(
      and(
        eq(contentItems.status, "approved"),
        isNotNull(contentItems.plannedAt),
        lte(contentItems.plannedAt, new Date(now.getTime() + horizonMs)),
      ),
    )
    .all();
  let n = 0;
  for (let i = 0; i < due.length; i += SCHEDULE_CHUNK) {
    const chunk = due.slice(i, i + SCHEDULE_CHUNK);
    ctx.db.transaction(
      () => {
        for (const item of chunk) {
          enqueuePublish(ctx, item.id, item.plannedAt!);
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
      },
      { behavior: "immediate" },
    );
  }
  return n;
}

// Items per commit when scheduling: big enough to share the fsync, small enough not to hold the write lock long.
const SCHEDULE_CHUNK = 100;
