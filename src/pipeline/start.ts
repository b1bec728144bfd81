import type { AppContext } from "../app/context";
import { requireQuota } from "../operator/quota";
import { declareJob } from "../jobs/declare";
import { createRun, findRunTarget, latestRun, type RunRow } from "./store";
import { localDate } from "../lib/zoned-time";

/** Which run of which day a pipeline job is for: its key (the payload names the run row, which is made with the key). */
export interface RunJobKey {
  webappId: number;
  localDate: string;
  attempt: number;
}

/** Executes (or resumes) one pipeline run; three attempts for crashes and retryable step failures. */
export const pipelineRunJob = declareJob<{ runId: number }, RunJobKey>({
  kind: "pipeline.run",
  key: (k) => `run:${k.webappId}:${k.localDate}:${k.attempt}`,
  attempts: 3,
  parse: (raw) => (typeof raw.runId === "number" && Number.isInteger(raw.runId) ? { runId: raw.runId } : undefined),
});

/** What asked for a run. */
export interface RunRequest {
  webappId: number;
  /** Scope to this owner (routes and API); the CLI and schedules pass none. */
  userId?: number;
  /** YYYY-MM-DD in the owner's time zone; today there by default. */
  localDate?: string;
  /** Make a new attempt even when the day already has a batch. */
  force?: boolean;
  trigger: RunRow["trigger"];
}

/**
 * Returns the day's run for a web app, creating it (batch + run + job) when there is none, or a new
 * attempt when forced. Idempotent: asking twice for the same day without force gives the same run.
 */
export function requestRun(ctx: AppContext, req: RunRequest): { run: RunRow; created: boolean } | undefined {
  const app = findRunTarget(ctx.db, req.webappId, req.userId);
  if (!app) return undefined;
  requireQuota(ctx, app.userId, "posts_month");
  // A full storage quota refuses the run (its renders would have nowhere to go) rather than writing text posts only.
  requireQuota(ctx, app.userId, "storage_mb", 0);
  const now = ctx.clock.now();
  const date = req.localDate ?? localDate(now, app.timezone);
  const latest = latestRun(ctx.db, app.id, date);
  if (latest && !req.force) return { run: latest, created: false };
  const attempt = latest ? latest.attempt + 1 : 1;
  const key = { webappId: app.id, localDate: date, attempt };
  const jobKey = pipelineRunJob.key(key);
  const { run, created } = createRun(
    ctx.db,
    { userId: app.userId, webappId: app.id, localDate: date, attempt, jobKey, trigger: req.trigger },
    now,
  );
  pipelineRunJob.enqueue(ctx.db, { runId: run.id }, { now, key });
  return { run, created };
}
