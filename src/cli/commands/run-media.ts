import type { AppContext } from "../../app/context";
import { findJobByKey, type Job } from "../../jobs/store";
import { JobWorker, type JobHandler } from "../../jobs/worker";
import { latestMediaJobs, mediaRenderHandler, requestMediaRender } from "../../media/job";
import { batchItems } from "../../pipeline/store";

type Line = (l: string) => void;

const FOLLOW_POLL_MS = 500;

/**
 * Renders the media of a batch's video and image items in this process, one at a time, through the job
 * worker and the "media.render" handler, printing each item's progress. A job a live server already holds
 * is followed instead of rendered twice. Returns 0 when every item's media is ready, 1 when any failed.
 */
export async function renderBatchMedia(ctx: AppContext, batchId: number, out: Line, err: Line): Promise<number> {
  const items = batchItems(ctx.db, batchId).filter((i) => !i.failure && ["video", "image", "carousel"].includes(i.format));
  if (items.length === 0) return 0;
  out(`Rendering media for ${items.length} item(s), one at a time:`);
  const jobsByItem = latestMediaJobs(
    ctx.db,
    items.map((i) => i.id),
  );
  const failed: string[] = [];
  for (const item of items) {
    const label = `item ${item.id} (${item.platform} ${item.variant}, ${item.format})`;
    if (item.mediaStatus === "ready") {
      out(`  ${label}: ready (rendered before)`);
      continue;
    }
    const started = Date.now();
    const job = jobsByItem.get(item.id) ?? requestMediaRender(ctx, item.id);
    await renderOrFollow(ctx, job.key, progressPrinter(label, out));
    const now = batchItems(ctx.db, batchId).find((i) => i.id === item.id);
    if (now?.mediaStatus === "ready") out(`  ${label}: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    else {
      const why = now?.mediaError ?? findJobByKey(ctx.db, job.key)?.lastError ?? `media is ${now?.mediaStatus ?? "gone"}`;
      failed.push(`${label}: ${why}`);
      err(`run: media for ${label} failed: ${why}`);
    }
  }
  if (failed.length) {
    err(
      `run: ${failed.length} of ${items.length} item(s) have no media; the batch is still reviewable as text. Fix the cause above, then use "regenerate media" on the approval page or run this command again.`,
    );
    return 1;
  }
  out(`Media ready for all ${items.length} item(s).`);
  return 0;
}

// Runs the job here, or, while another process holds its lease, follows its progress until it ends or the lease lapses.
async function renderOrFollow(ctx: AppContext, key: string, show: (progress: string) => void): Promise<void> {
  const handler = mediaRenderHandler(ctx);
  const printing: JobHandler = (job, jc) => handler.run(job, { signal: jc.signal, heartbeat: (p) => (jc.heartbeat(p), p && show(p)) });
  const worker = new JobWorker(ctx.db, ctx.clock, { [handler.kind]: printing }, { log: ctx.log.warn });
  let followed = false;
  for (;;) {
    if (await worker.runByKey(key)) return;
    const job = findJobByKey(ctx.db, key);
    if (!job || !heldElsewhere(job, ctx.clock.now())) return;
    if (!followed) show("0% another worker is rendering this item; following it");
    followed = true;
    if (job.progress) show(job.progress);
    await Bun.sleep(FOLLOW_POLL_MS);
  }
}

function heldElsewhere(job: Job, now: Date): boolean {
  return job.status === "running" && !!job.leaseUntil && job.leaseUntil.getTime() >= now.getTime();
}

// Heartbeats come once per percent; a line every 10% or when the stage changes is enough to follow.
function progressPrinter(label: string, out: Line): (progress: string) => void {
  let lastStep = -1;
  let lastNote = "";
  return (progress) => {
    const m = /^(\d+)%\s*(.*)$/.exec(progress);
    if (!m) return;
    const pct = Number(m[1]);
    const note = m[2]!;
    if (Math.floor(pct / 10) === lastStep && note === lastNote) return;
    lastStep = Math.floor(pct / 10);
    lastNote = note;
    out(`  ${label}: ${String(pct).padStart(3)}% ${note}`);
  };
}
