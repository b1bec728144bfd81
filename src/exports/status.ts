import { existsSync } from "node:fs";
import type { AppContext } from "../app/context";
import type { Job } from "../jobs/store";
import { readProgress } from "../lib/progress";
import type { ExportView } from "../../views/exports/page";
import { exportFile } from "./job";
import { downloadName, exportSubject, type ExportRequest } from "./plan";

/** Reads an export's job into what its page shows: its state, progress (percent, files done, time left) and file name. */
export function exportView(ctx: AppContext, job: Job, r: ExportRequest): ExportView {
  const now = ctx.clock.now();
  const base = {
    id: job.id,
    subject: exportSubject(r),
    filename: downloadName(ctx, r, job.createdAt),
    again: { what: r.what, id: r.id },
  };
  const progress = readProgress(job.progress, job.startedAt, now);
  if (job.status === "done")
    return existsSync(exportFile(ctx, job.id))
      ? { ...base, state: "ready", progress: { percent: 100, note: "" } }
      : { ...base, state: "gone", progress };
  if (job.status === "failed" || job.status === "cancelled")
    return { ...base, state: "failed", progress, error: job.lastError ?? undefined };
  if (job.status === "running") return { ...base, state: "building", progress };
  // Queued: not started yet, or waiting to try again after a failed attempt (its error is shown meanwhile).
  return { ...base, state: "waiting", progress: { percent: 0, note: job.lastError ? `trying again after: ${job.lastError}` : "" } };
}
