import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { AppContext } from "../app/context";
import { declareJob, type RegisteredJob } from "../jobs/declare";
import type { JobContext } from "../jobs/worker";
import { insertMissingMediaFiles, ledgerPaths, mediaReferences, webappOwners } from "./backfill-store";
import type { MediaFileRow } from "./files-store";
import { mediaStoreOf } from "./storage/open";

/**
 * Counting media stored before the storage ledger existed: one job, queued at every start under one key, so it runs
 * once per box (its finished row is the mark that it was done) and a second run would only add what is still missing.
 */
export const mediaLedgerBackfillJob = declareJob<Record<string, never>>({
  kind: "media.ledger_backfill",
  key: () => "media-ledger-backfill",
  attempts: 3,
  parse: () => ({}),
});

/** What one backfill found: files seen, rows added (by reference and by their web app's folder), and files nobody references. */
export interface BackfillReport {
  seen: number;
  added: number;
  byReference: number;
  byFolder: number;
  unreferenced: string[];
}

// Renders in progress live here and are not stored media yet.
const SKIPPED_DIRS = new Set([".tmp"]);
const BATCH = 500;
const PROGRESS_EVERY = 1000;

/** Every file under the media folder as a path relative to it, one folder at a time (the event loop turns between folders). */
async function* walkFolder(root: string, rel = ""): AsyncGenerator<StoredFile> {
  let entries: Dirent[];
  try {
    entries = await readdir(join(root, rel), { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw e;
  }
  for (const e of entries) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name) || rel !== "") yield* walkFolder(root, path);
    } else if (e.isFile()) yield { path };
  }
}

// A stored object's key, and its size when the listing gave it (the bucket's does; the folder's is read only when needed).
interface StoredFile {
  path: string;
  bytes?: number;
}

/** Every stored object: the folder walked, or the bucket listed (its local folder is only a cache there, never the record). */
async function* storedFiles(ctx: AppContext): AsyncGenerator<StoredFile> {
  const store = mediaStoreOf(ctx);
  if (store.driver === "folder") {
    yield* walkFolder(ctx.config.storage.media_dir);
    return;
  }
  for (const o of await store.list("")) yield { path: o.key, bytes: o.bytes };
}

/**
 * Walks the media store once (the folder, or the bucket's listing) and adds a ledger row for each file the ledger lacks, attributed to the account of the
 * post or web app that references it (a post's media, a web app's logo), else of the web app whose folder
 * (`<user>/<web app>/`) holds it. Files nobody references are reported in the log, never deleted.
 */
export async function backfillMediaLedger(ctx: AppContext, jc?: JobContext): Promise<BackfillReport> {
  const root = mediaStoreOf(ctx).driver === "folder" ? ctx.config.storage.media_dir : `the bucket ${ctx.config.storage.s3_bucket}`;
  const known = ledgerPaths(ctx.db);
  const refs = mediaReferences(ctx.db);
  const apps = webappOwners(ctx.db);
  const now = ctx.clock.now();
  const report: BackfillReport = { seen: 0, added: 0, byReference: 0, byFolder: 0, unreferenced: [] };
  let pending: MediaFileRow[] = [];
  const flush = () => {
    report.added += insertMissingMediaFiles(ctx.db, pending);
    pending = [];
  };
  ctx.log.info(`media ledger backfill: walking ${root} (${known.size} files already counted)`);
  for await (const { path, bytes: listed } of storedFiles(ctx)) {
    report.seen++;
    if (report.seen % PROGRESS_EVERY === 0) {
      flush();
      ctx.log.info(`media ledger backfill: ${report.seen} files seen, ${report.added} added`);
      jc?.heartbeat(`${report.seen} files seen, ${report.added} added`);
    }
    if (known.has(path)) continue;
    let owner = refs.get(path);
    if (owner) report.byReference++;
    else {
      const [user, app] = path.split("/");
      const appOwner = app && /^\d+$/.test(app) ? apps.get(Number(app)) : undefined;
      if (appOwner !== undefined && String(appOwner) === user) {
        owner = { userId: appOwner, webappId: Number(app), kind: path.includes("/upload-") ? "upload" : "render" };
        report.byFolder++;
      }
    }
    if (!owner) {
      report.unreferenced.push(path);
      continue;
    }
    const size = listed ?? (await stat(join(ctx.config.storage.media_dir, path)).catch(() => undefined))?.size;
    if (size === undefined) continue; // removed while walking
    pending.push({ path, ...owner, bytes: size, createdAt: now });
    if (pending.length >= BATCH) flush();
  }
  flush();
  ctx.log.info(
    `media ledger backfill: done: ${report.seen} files seen, ${report.added} added (${report.byReference} referenced by a post or web app, ${report.byFolder} in their web app's folder), ${report.unreferenced.length} unreferenced`,
  );
  if (report.unreferenced.length > 0) {
    const shown = report.unreferenced.slice(0, 50);
    ctx.log.warn(
      `media ledger backfill: ${report.unreferenced.length} files under ${root} belong to no post or web app; they are not counted and were not deleted: ${shown.join(", ")}${report.unreferenced.length > shown.length ? ", ..." : ""}`,
    );
  }
  return report;
}

/** Queues the backfill (at start): once per box, as its key is taken by the first one. */
export function queueMediaLedgerBackfill(ctx: AppContext): void {
  mediaLedgerBackfillJob.enqueue(ctx.db, {}, { now: ctx.clock.now() });
}

/** The "media.ledger_backfill" handler. */
export function mediaLedgerBackfillHandler(ctx: AppContext): RegisteredJob {
  return mediaLedgerBackfillJob.handle(async (_p, _job, jc) => {
    await backfillMediaLedger(ctx, jc);
  });
}
