import type { AppContext } from "../app/context";
import type { LlmGateway } from "../llm/types";
import { pipelineJobHandler } from "../pipeline/handler";
import { PIPELINE_JOB } from "../pipeline/start";
import { Scheduler } from "./schedules";
import { JobWorker, type JobHandler } from "./worker";

/** Every job kind this process runs, one line each. */
export function jobHandlers(ctx: AppContext, llm: LlmGateway): Record<string, JobHandler> {
  return {
    [PIPELINE_JOB]: pipelineJobHandler(ctx, llm),
  };
}

/** The background half of the appliance: the job worker and the schedules. */
export interface Background {
  worker: JobWorker;
  scheduler: Scheduler;
  stop(): Promise<void>;
}

/** Starts the job worker and the schedules (after HTTP is up); stop() ends them in reverse order. */
export function startBackground(ctx: AppContext, llm: LlmGateway): Background {
  const worker = new JobWorker(ctx.db, ctx.clock, jobHandlers(ctx, llm), { log: ctx.log.warn });
  const scheduler = new Scheduler(ctx);
  worker.start();
  scheduler.start();
  return {
    worker,
    scheduler,
    async stop() {
      await scheduler.stop();
      await worker.stop();
    },
  };
}
