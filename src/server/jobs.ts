import type { AppContext } from "../app/context";
import { handlersOf, type RegisteredJob } from "../jobs/declare";
import { Scheduler } from "../jobs/schedules";
import { JobWorker } from "../jobs/worker";
import type { LlmGateway } from "../llm/types";
import { mediaRenderHandler, mediaRenderJob } from "../media/job";
import { pipelineJobHandler } from "../pipeline/handler";
import { regenerateJobHandler } from "../pipeline/regenerate";
import { pipelineRunJob } from "../pipeline/start";
import { publishItemHandler } from "../publishing/handlers";
import { firstCommentHandler } from "../publishing/first-comment";
import { commentReplyHandler } from "../inbox/reply-job";
import { exportHandler, exportJob } from "../exports/job";
import { mediaLedgerBackfillHandler, queueMediaLedgerBackfill } from "../media/ledger-backfill";
import { SCHEDULES } from "./schedules";

/** Every job this process runs, one entry each (each handler is bound to its job's declaration). */
export function jobList(ctx: AppContext, llm: LlmGateway): RegisteredJob[] {
  return [
    pipelineJobHandler(ctx, llm),
    mediaRenderHandler(ctx),
    regenerateJobHandler(ctx, llm),
    publishItemHandler(ctx),
    commentReplyHandler(ctx),
    exportHandler(ctx),
    firstCommentHandler(ctx),
    mediaLedgerBackfillHandler(ctx),
  ];
}

/** The background half of the appliance: the job workers and the schedules. */
export interface Background {
  workers: JobWorker[];
  scheduler: Scheduler;
  /** Stops schedules, then workers; a running job gets `graceMs` to finish before it is cancelled (it runs again later). */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The job workers for this list: one runs every kind but media renders, `pipeline.concurrency - 1` more run only
 * pipeline jobs (so at most that many pipelines run at once), `media.render_concurrency` run only renders, and one runs exports.
 * Renders have workers of their own so a person's "Regenerate media" starts within a poll, instead of waiting
 * behind a minute-long pipeline run or a batch of uploads on the shared worker (leases keep them from taking the same job).
 */
export function createWorkers(ctx: AppContext, list: RegisteredJob[]): JobWorker[] {
  const only = (pick: (kind: string) => boolean) => handlersOf(list.filter((j) => pick(j.kind)));
  const worker = (handlers: ReturnType<typeof handlersOf>) => new JobWorker(ctx.db, ctx.clock, handlers, { log: ctx.log.warn });
  const pipelines = Array.from({ length: ctx.config.pipeline.concurrency - 1 }, () => worker(only((k) => k === pipelineRunJob.kind)));
  const renders = Array.from({ length: ctx.config.media.render_concurrency }, () => worker(only((k) => k === mediaRenderJob.kind)));
  // Exports have a worker of their own too: a person waits on the page for them.
  // (Only when the list has them: a worker with no kinds would claim every kind.)
  const exports = list.some((j) => j.kind === exportJob.kind) ? [worker(only((k) => k === exportJob.kind))] : [];
  return [worker(only((k) => k !== mediaRenderJob.kind && k !== exportJob.kind)), ...pipelines, ...renders, ...exports];
}

/** Starts the job workers (see createWorkers) and the schedules (after HTTP is up); stop() ends them in reverse order. */
export function startBackground(ctx: AppContext, llm: LlmGateway): Background {
  const workers = createWorkers(ctx, jobList(ctx, llm));
  const scheduler = new Scheduler(ctx, SCHEDULES);
  // Media stored before the storage ledger existed is counted once per box (the job's key makes later starts a no-op).
  queueMediaLedgerBackfill(ctx);
  for (const w of workers) w.start();
  scheduler.start();
  return {
    workers,
    scheduler,
    async stop(graceMs?: number) {
      await scheduler.stop();
      await Promise.all(workers.map((w) => w.stop(graceMs)));
    },
  };
}
