import type { AppContext } from "../app/context";
import { handlersOf, type RegisteredJob } from "../jobs/declare";
import { JobError, type JobHandler } from "../jobs/worker";
import { PAUSED_PUBLISH_RETRY_MS, publishingPause } from "../operator/quota";
import { createAdapters } from "./adapters";
import { publishItemJob, type PublishDeps } from "./engine";
import { firstCommentHandler } from "./first-comment";
import { refreshDueTokens as refreshAll } from "./refresh";
import { publishJob } from "./schedule";

export { schedulePublishing } from "./schedule";

/** The "publish.item" handler: publishes the item named in the payload. */
export function publishItemHandler(ctx: AppContext, deps?: PublishDeps): RegisteredJob {
  const d = deps ?? { adapters: createAdapters(ctx) };
  return publishJob.handle((p, _job, jc) => {
    const paused = publishingPause(ctx, p.itemId);
    if (paused) throw new JobError(paused, true, new Date(ctx.clock.now().getTime() + PAUSED_PUBLISH_RETRY_MS));
    return publishItemJob(ctx, d, p.itemId, jc);
  });
}

/** The publish runner's handler table (publish:due, tests): the publishing job and the first comment after it. */
export function publishHandlers(ctx: AppContext, deps?: PublishDeps): Record<string, JobHandler> {
  const d = deps ?? { adapters: createAdapters(ctx) };
  return handlersOf([publishItemHandler(ctx, d), firstCommentHandler(ctx, d)]);
}

/** Refreshes tokens expiring within publishing.refresh_ahead_minutes (register on a schedule, e.g. every 10 min). */
export function refreshDueTokens(ctx: AppContext, now: Date, deps?: PublishDeps) {
  return refreshAll(ctx, now, (deps ?? { adapters: createAdapters(ctx) }).adapters);
}
