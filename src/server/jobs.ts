import type { AppContext } from "../app/context";
import { handlersOf, type RegisteredJob } from "../jobs/declare";
import { Scheduler } from "../jobs/schedules";
import { JobWorker } from "../jobs/worker";
import type { LlmGateway } from "../llm/types";
import { mediaRenderHandler } from "../media/job";
import { pipelineJobHandler } from "../pipeline/handler";
import { regenerateJobHandler } from "../pipeline/regenerate";
import { pipelineRunJob } from "../pipeline/start";
import { publishItemHandler } from "../publishing/handlers";
import { commentReplyHandler } from "../inbox/reply-job";
import { SCHEDULES } from "./schedules";

/** Every job this process runs, one entry each (each handler is bound to its job's declaration). */
export function jobList(ctx: AppContext, llm: LlmGateway): RegisteredJob[] {
  return [
    pipelineJobHandler(ctx, llm),
    mediaRenderHandler(ctx),
    regenerateJobHandler(ctx, llm),
    publishItemHandler(ctx),
    commentReplyHandler(ctx),
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
 * Starts the job workers and the schedules (after HTTP is up); stop() ends them in reverse order.
 * One worker runs every kind; `pipeline.concurrency - 1` more run only pipeline jobs, so at most
 * that many pipelines run at once (leases keep them from taking the same job).
 */
export function startBackground(ctx: AppContext, llm: LlmGateway): Background {
  const list = jobList(ctx, llm);
  const pipelineOnly = handlersOf(list.filter((j) => j.kind === pipelineRunJob.kind));
  const extra = Array.from(
    { length: ctx.config.pipeline.concurrency - 1 },
    () => new JobWorker(ctx.db, ctx.clock, pipelineOnly, { log: ctx.log.warn }),
  );
  const workers = [new JobWorker(ctx.db, ctx.clock, handlersOf(list), { log: ctx.log.warn }), ...extra];
  const scheduler = new Scheduler(ctx, SCHEDULES);
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
