import type { AppContext } from "../app/context";
import { enqueueJob } from "../jobs/store";
import { createRun, findRunTarget, latestRun, type RunRow } from "./store";
import { localDate } from "../lib/zoned-time";

/** The job kind that executes a pipeline run. */
export const PIPELINE_JOB = "pipeline.run";

/** The idempotency key of a run's job. */
export function runJobKey(webappId: number, localDate: string, attempt: number): string {
  return `run:${webappId}:${localDate}:${attempt}`;
}

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
  const now = ctx.clock.now();
  const date = req.localDate ?? localDate(now, app.timezone);
  const latest = latestRun(ctx.db, app.id, date);
  if (latest && !req.force) return { run: latest, created: false };
  const attempt = latest ? latest.attempt + 1 : 1;
  const jobKey = runJobKey(app.id, date, attempt);
  const { run, created } = createRun(
    ctx.db,
    { userId: app.userId, webappId: app.id, localDate: date, attempt, jobKey, trigger: req.trigger },
    now,
  );
  enqueueJob(ctx.db, { kind: PIPELINE_JOB, key: jobKey, payload: { runId: run.id }, runAt: now, maxAttempts: 3 }, now);
  return { run, created };
}
