import type { AppContext } from "../app/context";
import { itemIdPayload } from "../jobs/declare";
import { claimNextJob, completeJob, DEFAULT_LEASE_MS, extendLease, failJob, type Job } from "../jobs/store";
import { JobError, type JobHandler } from "../jobs/worker";
import { firstCommentJob } from "./first-comment-job";
import { publishJob } from "./schedule";

/**
 * Runs every due publish job (and first comment) now with `concurrency` in flight (different accounts wait on different
 * platforms, so one slow upload does not hold up the rest). Claims are leased like the worker's.
 * Returns how many jobs ran; `seen` collects their item ids.
 */
export async function runDuePublishJobs(
  ctx: AppContext,
  handlers: Record<string, JobHandler>,
  opts: { concurrency?: number; leaseMs?: number; signal?: AbortSignal; seen?: number[] } = {},
): Promise<number> {
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const signal = opts.signal ?? new AbortController().signal;
  let ran = 0;
  const lane = async () => {
    for (;;) {
      const job = claimNextJob(ctx.db, ctx.clock.now(), leaseMs, [publishJob.kind, firstCommentJob.kind]);
      if (!job) return;
      await runOne(ctx, handlers, job, leaseMs, signal);
      const p = itemIdPayload(job.payload);
      if (p) opts.seen?.push(p.itemId);
      ran++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 8) }, lane));
  return ran;
}

async function runOne(ctx: AppContext, handlers: Record<string, JobHandler>, job: Job, leaseMs: number, signal: AbortSignal) {
  const handler = handlers[job.kind]!;
  let extended = 0;
  const heartbeat = (p?: string) => {
    // One lease write per tenth of the lease is enough; uploads call this per chunk.
    const now = Date.now();
    if (now - extended < leaseMs / 10) return;
    extended = now;
    extendLease(ctx.db, job.id, new Date(ctx.clock.now().getTime() + leaseMs), p);
  };
  // The engine completes the job in the same commit as the published item (complete); otherwise it is done here.
  let completed = false;
  const complete = () => {
    completeJob(ctx.db, job.id, ctx.clock.now());
    completed = true;
  };
  try {
    await handler(job, { heartbeat, signal, complete });
    if (!completed) completeJob(ctx.db, job.id, ctx.clock.now());
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    failJob(ctx.db, job, msg, ctx.clock.now(), {
      retryable: e instanceof JobError ? e.retryable : true,
      retryAt: e instanceof JobError ? e.retryAt : undefined,
    });
  }
}
