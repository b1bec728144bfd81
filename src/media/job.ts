import type { AppContext } from "../app/context";
import { enqueueJob, type Job } from "../jobs/store";
import { JobError, type JobHandler } from "../jobs/worker";
import { markMediaWaiting } from "./store";
import { MediaRenderError, renderItemMedia } from "./render";

/** The job kind the creative agent enqueues with payload {itemId}. */
export const MEDIA_RENDER_JOB = "media.render";

/** Handler for "media.render": renders the item, heartbeating progress; failures are recorded on the item and not retried. */
export function mediaRenderHandler(ctx: AppContext): JobHandler {
  return async (job, jc) => {
    const itemId = Number((job.payload as { itemId?: unknown }).itemId);
    if (!Number.isInteger(itemId) || itemId <= 0)
      throw new JobError(`media.render: payload has no itemId: ${JSON.stringify(job.payload)}`, false);
    let last = -1;
    try {
      await renderItemMedia(ctx, itemId, {
        signal: jc.signal,
        onProgress: (pct, note) => {
          // The heartbeat writes to SQLite; once per whole percent is plenty.
          if (Math.floor(pct) === last) return;
          last = Math.floor(pct);
          jc.heartbeat(`${last}% ${note}`);
        },
      });
    } catch (e) {
      // A cancelled render (worker stopping) should run again later; a failed one waits for "regenerate media".
      if (e instanceof MediaRenderError) throw new JobError(e.message, e.cancelled);
      throw e;
    }
  };
}

/** Queues a (re-)render of one item's media ("regenerate media"): marks it waiting and enqueues a fresh job. */
export function requestMediaRender(ctx: AppContext, itemId: number): Job {
  const now = ctx.clock.now();
  markMediaWaiting(ctx.db, itemId, now);
  // A new key per request: the old job may have finished, and a regenerate must run again.
  return enqueueJob(
    ctx.db,
    { kind: MEDIA_RENDER_JOB, key: `${MEDIA_RENDER_JOB}:${itemId}:${now.getTime()}`, payload: { itemId }, runAt: now, maxAttempts: 2 },
    now,
  );
}
