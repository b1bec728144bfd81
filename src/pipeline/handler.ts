import type { AppContext } from "../app/context";
import { JobError, type JobHandler } from "../jobs/worker";
import type { LlmGateway } from "../llm/types";
import { executeRun, RunError } from "./run";

/** The "pipeline.run" job handler: executes (or resumes) the run named in the payload. */
export function pipelineJobHandler(ctx: AppContext, llm: LlmGateway): JobHandler {
  return async (job, jc) => {
    const runId = Number(job.payload.runId);
    if (!Number.isInteger(runId)) throw new JobError(`pipeline.run job ${job.id} has no runId in its payload`, false);
    try {
      await executeRun(ctx, llm, runId, {
        onProgress: (step, state, detail) => jc.heartbeat(`${step}: ${state}${detail ? ` (${detail})` : ""}`),
      });
    } catch (e) {
      if (e instanceof RunError) throw new JobError(e.message, e.retryable);
      throw e;
    }
  };
}
