import type { AppContext } from "../app/context";
import type { JobHandler } from "../jobs/worker";
import { createAdapters } from "./adapters";
import { publishItemJob, type PublishDeps } from "./engine";
import { refreshDueTokens as refreshAll } from "./refresh";
import { PUBLISH_JOB } from "./schedule";

export { schedulePublishing } from "./schedule";

/** The job handlers the worker registers: "publish.item" (payload { itemId }). */
export function publishHandlers(ctx: AppContext, deps?: PublishDeps): Record<string, JobHandler> {
  const d = deps ?? { adapters: createAdapters(ctx) };
  return {
    [PUBLISH_JOB]: async (job, jc) => {
      const itemId = Number((job.payload as { itemId?: unknown }).itemId);
      if (!Number.isInteger(itemId)) throw new Error(`publishing: job #${job.id} has no item id`);
      await publishItemJob(ctx, d, itemId, jc);
    },
  };
}

/** Refreshes tokens expiring within publishing.refresh_ahead_minutes (register on a schedule, e.g. every 10 min). */
export function refreshDueTokens(ctx: AppContext, now: Date, deps?: PublishDeps) {
  return refreshAll(ctx, now, (deps ?? { adapters: createAdapters(ctx) }).adapters);
}
