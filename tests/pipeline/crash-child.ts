// A child process for the crash/resume test: runs due pipeline jobs on a given data dir and stops
// (hangs) at a chosen point so the parent can SIGKILL it there. Usage: bun crash-child.ts DATA_DIR POINT
// POINT is "after:<step>" (the step committed) or "during:creative" (a model call is in flight).
import type { TSchema } from "@sinclair/typebox";
import { join } from "node:path";
import { buildContext } from "../../src/server/boot";
import { parseConfig } from "../../src/config/load";
import { JobWorker } from "../../src/jobs/worker";
import type { LlmGateway, StructuredRequest, StructuredResult } from "../../src/llm/types";
import { createLogger } from "../../src/lib/log";
import { executeRun } from "../../src/pipeline/run";
import { pipelineRunJob } from "../../src/pipeline/start";

const [dir, point] = process.argv.slice(2) as [string, string];
const hang = () => new Promise<never>(() => setInterval(() => {}, 1 << 30));

/** No providers, as without keys; but on the third creative call it hangs, to be killed mid-step. */
class HangingGateway implements LlmGateway {
  private calls = 0;
  async generateStructured<S extends TSchema>(req: StructuredRequest<S>): Promise<StructuredResult<S>> {
    if (point === "during:creative" && req.agent === "creative" && ++this.calls === 3) {
      console.log("AT during:creative");
      await hang();
    }
    return { kind: "fallback", reason: "no provider configured" };
  }
}

const config = parseConfig("", undefined, {
  AMARKTAI_DATA_DIR: join(dir, "data"),
  AMARKTAI_MEDIA_DIR: join(dir, "media"),
  AMARKTAI_FETCH_ALLOW_PRIVATE_NETWORKS: "true",
});
const ctx = buildContext(config, { log: createLogger("error") });
const llm = new HangingGateway();
const worker = new JobWorker(ctx.db, ctx.clock, {
  [pipelineRunJob.kind]: async (job) => {
    await executeRun(ctx, llm, Number(job.payload.runId), {
      onProgress: async (step, state) => {
        if (state === "done" && point === `after:${step}`) {
          console.log(`AT ${point}`);
          await hang();
        }
      },
    });
  },
});
await worker.drain();
console.log("FINISHED");
