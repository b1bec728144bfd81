import type { AppContext } from "../app/context";
import type { RegisteredJob } from "../jobs/declare";
import { JobError } from "../jobs/worker";
import type { LlmGateway } from "../llm/types";
import { executeRun, RunError } from "./run";
import { pipelineRunJob } from "./start";

/** The "pipeline.run" job handler: executes (or resumes) the run named in the payload. */
export function pipelineJobHandler(ctx: AppContext, llm: LlmGateway): RegisteredJob {
  return pipelineRunJob.handle(async ({ runId }, _job, jc) => {
    try {
      await executeRun(ctx, llm, runId, {
        onProgress: (step, state, detail) => jc.heartbeat(`${step}: ${state}${detail ? ` (${detail})` : ""}`),
      });
    } catch (e) {
      if (e instanceof RunError) throw new JobError(e.message, e.retryable);
      throw e;
    }
  });
}
