import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { AppContext } from "../app/context";
import { declareJob, type RegisteredJob } from "../jobs/declare";
import { findJobById, type Job } from "../jobs/store";
import { JobError, type JobContext } from "../jobs/worker";
import { ZipFileWriter } from "../lib/zip";
import { EXPORT_KINDS, exportPlan, type ExportKind, type ExportRequest } from "./plan";

/** How long a finished export stays on disk for its download (older ones are removed when a new one is asked for). */
export const EXPORT_KEPT_MS = 24 * 60 * 60_000;

/** Building one export zip: the requester, what and which one; a fresh job each time someone asks. */
export const exportJob = declareJob<ExportRequest>({
  kind: "export.build",
  key: (p) => `export:${p.what}:${p.id}:${p.userId}`,
  attempts: 3,
  parse: (raw) => {
    const { userId, what, id } = raw;
    const ok =
      typeof userId === "number" &&
      typeof id === "number" &&
      typeof what === "string" &&
      (EXPORT_KINDS as readonly string[]).includes(what);
    return ok ? { userId, id, what: what as ExportKind } : undefined;
  },
});

/** The folder finished exports are kept in (under the data folder, beside the database). */
export function exportsDir(ctx: AppContext): string {
  return join(ctx.config.storage.data_dir, "exports");
}

/** Where export job `jobId`'s finished zip lives; it exists only once the whole file was written and synced. */
export function exportFile(ctx: AppContext, jobId: number): string {
  return join(exportsDir(ctx), `${jobId}.zip`);
}

/** Queues building the export (after removing finished ones older than a day); answers the job, whose id names the export. */
export function requestExport(ctx: AppContext, r: ExportRequest): Job {
  removeOldExports(ctx);
  const now = ctx.clock.now();
  return exportJob.enqueue(ctx.db, r, { now, variant: `${now.getTime().toString(36)}-${crypto.randomUUID().slice(0, 8)}` });
}

/** The export job `jobId` when it is one and `userId` asked for it; anyone else's answers undefined. */
export function exportOf(ctx: AppContext, userId: number, jobId: number): { job: Job; request: ExportRequest } | undefined {
  const job = findJobById(ctx.db, jobId);
  if (!job || job.kind !== exportJob.kind) return undefined;
  const { userId: owner, what, id } = job.payload as Partial<ExportRequest>;
  if (owner !== userId || typeof id !== "number" || !(EXPORT_KINDS as readonly string[]).includes(String(what))) return undefined;
  return { job, request: { userId, what: what as ExportKind, id } };
}

function removeOldExports(ctx: AppContext): void {
  const dir = exportsDir(ctx);
  if (!existsSync(dir)) return;
  const cutoff = Date.now() - EXPORT_KEPT_MS;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).mtimeMs < cutoff) rmSync(path, { force: true });
  }
}

/** What the build waits on between files: by default one turn of the event loop, so pages keep answering during a big export. */
export interface ExportDeps {
  pause?: (filesDone: number) => Promise<void>;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes the export's zip one file at a time into `<id>.zip.part`, reporting "42% 3 of 7 files" (by bytes) as it goes,
 * syncs it and renames it to `<id>.zip`: a crash or a failure mid-build leaves no file that could be offered.
 */
export async function buildExport(ctx: AppContext, job: Job, r: ExportRequest, jc: JobContext, deps: ExportDeps = {}): Promise<void> {
  const now = ctx.clock.now();
  const plan = await exportPlan(ctx, r, now);
  if (!plan) throw new JobError(`${r.what === "item" ? "post" : r.what} ${r.id} no longer exists, or is not this account's`, false);
  mkdirSync(exportsDir(ctx), { recursive: true });
  const final = exportFile(ctx, job.id);
  const part = `${final}.part`;
  const total = plan.files.reduce((n, f) => n + f.bytes, 0);
  const pause = deps.pause ?? nextTurn;
  jc.heartbeat(`0% 0 of ${plan.files.length} files`);
  const zip = new ZipFileWriter(part, now);
  try {
    let bytes = 0;
    for (const [i, f] of plan.files.entries()) {
      if (jc.signal.aborted) throw new JobError(`export #${job.id} was stopped; it starts again later`, true);
      zip.add({ name: f.name, data: f.read() });
      bytes += f.bytes;
      // Below 100% until the file is complete and renamed: "done" is the job's state, never a percentage.
      const percent = Math.min(99, Math.floor((100 * bytes) / Math.max(1, total)));
      jc.heartbeat(`${percent}% ${i + 1} of ${plan.files.length} files`);
      await pause(i + 1);
    }
    zip.close();
  } catch (e) {
    try {
      zip.abandon();
    } catch {
      // already closed by a failing close(): the part file is removed below either way
    }
    rmSync(part, { force: true });
    throw e;
  }
  renameSync(part, final);
}

/** The "export.build" handler (`deps` lets a test pace the build between files). */
export function exportHandler(ctx: AppContext, deps?: ExportDeps): RegisteredJob {
  return exportJob.handle((p, job, jc) => buildExport(ctx, job, p, jc, deps));
}
