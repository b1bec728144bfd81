import { selectedPlatforms } from "../agents/creative";
import type { Optimizer } from "../agents/optimize";
import type { ResearchOutput } from "../agents/research/facts";
import type { AppContext } from "../app/context";
import { PIPELINE_STEPS, type PipelineStep } from "../model/pipeline-steps";
import type { LlmGateway } from "../llm/types";
import { creativeStep, mediaStep, optimizeStep, queueStep, researchStep, type StepInput } from "./steps";
import { failStep, findRun, findRunTarget, listSteps, setRunStatus, startStep } from "./store";

/** A progress line for people (CLI, run page, job progress). */
export type Progress = (step: PipelineStep, state: "skipped" | "started" | "done" | "failed", detail: string) => void | Promise<void>;

/** Options for executing a run. */
export interface ExecuteOptions {
  onProgress?: Progress;
  optimizer?: Optimizer;
}

/** Thrown when a run cannot go on; `retryable` says whether trying again later may help. */
export class RunError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/**
 * Executes a run's steps in order, skipping the ones already done (a restart resumes where it stopped).
 * Each step stores its output in the same transaction as its writes, so a crash repeats at most the
 * unfinished step and never duplicates items. Emits "batch.ready" when the batch waits for approval.
 */
export async function executeRun(ctx: AppContext, llm: LlmGateway, runId: number, opts: ExecuteOptions = {}): Promise<"ready"> {
  const run = findRun(ctx.db, runId);
  if (!run) throw new RunError(`Run ${runId} does not exist.`, false);
  const app = findRunTarget(ctx.db, run.webappId);
  if (!app) throw new RunError(`The web app of run ${runId} was deleted.`, false);
  if (selectedPlatforms(app.platforms).length === 0) {
    // Refused before research: nothing is read or spent for a batch that could hold no post.
    const msg = `The web app "${app.name}" has no platforms selected, so there is nothing to write. Pick at least one in its settings (or app:add --platforms), then run again.`;
    setRunStatus(ctx.db, run.id, "failed", ctx.clock.now(), msg);
    throw new RunError(msg, false);
  }
  if (run.status !== "ready") setRunStatus(ctx.db, run.id, "running", ctx.clock.now());
  const input: StepInput = { ctx, llm, run, app, optimizer: opts.optimizer };
  for (const step of PIPELINE_STEPS) {
    const row = listSteps(ctx.db, run.id).find((s) => s.step === step);
    if (row?.status === "done") {
      await opts.onProgress?.(step, "skipped", row.summary);
      continue;
    }
    startStep(ctx.db, run.id, step, ctx.clock.now());
    await opts.onProgress?.(step, "started", "");
    try {
      await runStep(input, step);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      failStep(ctx.db, run.id, step, msg, ctx.clock.now());
      setRunStatus(ctx.db, run.id, "failed", ctx.clock.now(), `${step}: ${msg}`);
      await opts.onProgress?.(step, "failed", msg);
      throw new RunError(`The ${step} step failed for "${app.name}": ${msg}`, step === "research");
    }
    const done = listSteps(ctx.db, run.id).find((s) => s.step === step);
    await opts.onProgress?.(step, "done", done?.summary ?? "");
  }
  const wasReady = findRun(ctx.db, run.id)?.status === "ready";
  setRunStatus(ctx.db, run.id, "ready", ctx.clock.now());
  // At least once: a crash after the queue step but before this line emits again on resume.
  if (!wasReady) await ctx.events.emit("batch.ready", { batchId: run.batchId, userId: run.userId, webappId: run.webappId });
  return "ready";
}

async function runStep(s: StepInput, step: PipelineStep): Promise<void> {
  switch (step) {
    case "research":
      return researchStep(s);
    case "creative":
      return creativeStep(s, stepOutput<ResearchOutput>(s, "research"));
    case "media":
      return mediaStep(s);
    case "optimize":
      return optimizeStep(s);
    case "queue":
      return queueStep(s);
  }
}

function stepOutput<T>(s: StepInput, step: PipelineStep): T {
  const row = listSteps(s.ctx.db, s.run.id).find((r) => r.step === step);
  if (row?.status !== "done") throw new Error(`the ${step} step has no stored output`);
  return row.output as T;
}
