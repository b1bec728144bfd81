import type { AppContext } from "../app/context";
import type { Db } from "../db/client";
import { declareJob, itemIdPayload, type RegisteredJob } from "../jobs/declare";
import { latestJobsByItem, type Job } from "../jobs/store";
import { readProgress, type WorkProgress } from "../lib/progress";
import { JobError } from "../jobs/worker";
import { useRenderQuota } from "../operator/quota";
import { markMediaWaiting, saveMediaFailed } from "./store";
import { MediaRenderError, renderItemMedia } from "./render";

/** Renders one item's video or image; two attempts (a failed render waits for "regenerate media", a cancelled one runs again). */
export const mediaRenderJob = declareJob<{ itemId: number }>({
  kind: "media.render",
  key: (p) => `media:${p.itemId}`,
  attempts: 2,
  parse: itemIdPayload,
});

/** Handler for "media.render": renders the item, heartbeating progress; failures are recorded on the item and not retried. */
export function mediaRenderHandler(ctx: AppContext): RegisteredJob {
  return mediaRenderJob.handle(async ({ itemId }, _job, jc) => {
    const quota = useRenderQuota(ctx, itemId);
    if (!quota.allowed) {
      saveMediaFailed(ctx.db, itemId, `${quota.message} (${quota.upgradeUrl})`, ctx.clock.now());
      throw new JobError(quota.message, false);
    }
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
  });
}

/** Queues a (re-)render of one item's media ("regenerate media"): marks it waiting and enqueues a fresh job. */
export function requestMediaRender(ctx: AppContext, itemId: number): Job {
  const now = ctx.clock.now();
  markMediaWaiting(ctx.db, itemId, now);
  // A new key per request: the old job may have finished, and a regenerate must run again.
  return mediaRenderJob.enqueue(ctx.db, { itemId }, { now, variant: `regen-${now.getTime()}` });
}

/** The newest render job of each of these items (regenerates make more than one), by item id. */
export function latestMediaJobs(db: Db, itemIds: number[]): Map<number, Job> {
  return latestJobsByItem(db, mediaRenderJob.kind, itemIds);
}

/**
 * How far each of these items' newest render is: measured percent and time left while it runs, 0% "queued" while
 * it waits for a render worker. Items without a queued or running render are left out.
 */
export function renderProgress(db: Db, itemIds: number[], now: Date): Map<number, WorkProgress> {
  const out = new Map<number, WorkProgress>();
  for (const [itemId, job] of latestMediaJobs(db, itemIds)) {
    if (job.status === "running") out.set(itemId, readProgress(job.progress, job.startedAt, now));
    else if (job.status === "queued")
      out.set(itemId, { percent: 0, note: job.attempts > 0 ? "waiting to try again" : "queued for the media studio" });
  }
  return out;
}
