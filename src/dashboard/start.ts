import type { StartStep } from "../model/start-steps";
import type { StartFacts } from "./start-store";

/**
 * The step to show, derived from what exists (so the guide resumes where the user left it): no web app yet; no run
 * and nothing connected (unless they chose to post by hand); a run or its renders still going, or none that worked;
 * posts waiting for approval; or finished.
 */
export function startStep(f: StartFacts, skippedConnect: boolean): StartStep {
  if (!f.webapp) return "webapp";
  if (!f.run) return f.connected.length > 0 || skippedConnect ? "generate" : "platforms";
  if (f.run.status === "queued" || f.run.status === "running" || f.rendering > 0) return "generate";
  if (f.pending > 0) return "review";
  return f.run.status === "failed" ? "generate" : "done";
}
