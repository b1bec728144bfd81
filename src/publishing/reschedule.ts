import type { AppContext } from "../app/context";
import { recordEvent, type Actor } from "../content/state";
import { inTransaction } from "../db/client";
import { moveQueuedJobs, openJobsOfItem } from "../jobs/store";
import type { PlatformId } from "../platforms/ids";
import { PLATFORM_RULES } from "../platforms/rules";
import type { ItemRow } from "./input";
import { publishJob } from "./schedule";
import { createMayHaveHappened, getJournal, itemOfUser, setPlannedTime } from "./store";

/** What moving a scheduled post did: moved (or already at that time), or refused with a sentence for the person. */
export type RescheduleResult =
  | { ok: true; changed: boolean; item: ItemRow }
  | { ok: false; code: "not_found" | "invalid_state"; message: string; item?: ItemRow };

const label = (p: string) => PLATFORM_RULES[p as PlatformId]?.label ?? p;

/**
 * Moves an approved or scheduled post to `at` so that its publish runs at the new time exactly once: the planned
 * time and every queued publish job of the item move in one write transaction. A publish already claimed by a worker
 * (its call may be on the way), a post in "publishing", or one whose create may have reached the platform is refused.
 * A claim is one guarded UPDATE of a due job: it either ran before this transaction (the job is running: refused)
 * or after it (the job's time is the new one, so the old time claims nothing). The engine also re-reads the
 * planned time before calling and waits for a later one.
 */
export function reschedulePublish(
  ctx: AppContext,
  userId: number,
  itemId: number,
  at: Date,
  reason: string,
  actor: Actor,
): RescheduleResult {
  return inTransaction(ctx.db, (): RescheduleResult => {
    const item = itemOfUser(ctx.db, userId, itemId);
    if (!item)
      return {
        ok: false,
        code: "not_found",
        message: `Item ${itemId} was not found. It may have been deleted, or it belongs to another account.`,
      };
    const refuse = (why: string): RescheduleResult => ({
      ok: false,
      code: "invalid_state",
      item,
      message: `Item ${itemId} ${why}; it cannot move.`,
    });
    if (item.status === "published") return refuse("is already published");
    if (item.status === "publishing") return refuse("is being published now");
    if (item.status !== "approved" && item.status !== "scheduled") return refuse(`is ${item.status.replace("_", " ")}`);
    const now = ctx.clock.now();
    const open = openJobsOfItem(ctx.db, publishJob.kind, itemId);
    if (open.some((j) => j.status === "running" && (j.leaseUntil?.getTime() ?? 0) >= now.getTime()))
      return refuse(`is being published now (its publish to ${label(item.platform)} has started)`);
    const journal = getJournal(ctx.db, itemId);
    if (journal && createMayHaveHappened(journal.phase))
      return refuse(`may already be on ${label(item.platform)} (a publish was sent and is being checked)`);
    if (item.plannedAt?.getTime() === at.getTime()) return { ok: true, changed: false, item };
    if (!setPlannedTime(ctx.db, itemId, ["approved", "scheduled"], at, reason, now))
      return refuse("changed state meanwhile (reload the calendar)");
    moveQueuedJobs(
      ctx.db,
      open.filter((j) => j.status === "queued").map((j) => j.id),
      at,
    );
    // A scheduled post always has its job; should it have none, the move gives it one so the post is not stranded.
    if (item.status === "scheduled" && open.length === 0)
      publishJob.enqueue(ctx.db, { itemId }, { now, runAt: at, variant: `moved-${now.getTime().toString(36)}` });
    recordEvent(ctx.db, itemId, actor, "publish.moved", `from ${item.plannedAt?.toISOString() ?? "no time"} to ${at.toISOString()}`, now);
    return { ok: true, changed: true, item: itemOfUser(ctx.db, userId, itemId)! };
  });
}
