import type { AppContext } from "../app/context";
import type { LlmGateway } from "../llm/types";
import { MEDIA_RENDER_JOB, mediaRenderHandler } from "../media/job";
import { pipelineJobHandler } from "../pipeline/handler";
import { publishHandlers } from "../publishing/handlers";
import { regenerateJobHandler, REGENERATE_JOB } from "../pipeline/regenerate";
import { PIPELINE_JOB } from "../pipeline/start";
import { Scheduler } from "./schedules";
import { JobWorker, type JobHandler } from "./worker";

/** Every job kind this process runs, one line each. */
export function jobHandlers(ctx: AppContext, llm: LlmGateway): Record<string, JobHandler> {
  return {
    [PIPELINE_JOB]: pipelineJobHandler(ctx, llm),
    [MEDIA_RENDER_JOB]: mediaRenderHandler(ctx),
    [REGENERATE_JOB]: regenerateJobHandler(ctx, llm),
    ...publishHandlers(ctx),
  };
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
  const handlers = jobHandlers(ctx, llm);
  const extra = Array.from(
    { length: ctx.config.pipeline.concurrency - 1 },
    () => new JobWorker(ctx.db, ctx.clock, { [PIPELINE_JOB]: handlers[PIPELINE_JOB]! }, { log: ctx.log.warn }),
  );
  const workers = [new JobWorker(ctx.db, ctx.clock, handlers, { log: ctx.log.warn }), ...extra];
  const scheduler = new Scheduler(ctx);
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
