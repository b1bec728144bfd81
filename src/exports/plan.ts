import type { AppContext } from "../app/context";
import { batchItemIds, findBatchForUser } from "../content/store";
import { memoryEntry, type LazyZipEntry } from "../lib/zip";
import { accountRows } from "../operator/export-store";
import { bundleFiles } from "../publishing/manual";
import { itemOfUser } from "../publishing/store";
import { findUserById } from "../users/store";

/** What can be exported: one post's bundle, a batch's bundles in one zip, or an account's data (admins, operator mode). */
export const EXPORT_KINDS = ["item", "batch", "account"] as const;
/** One kind of export. */
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** An export as its job carries it: who asked, what, and which one. */
export interface ExportRequest extends Record<string, unknown> {
  userId: number;
  what: ExportKind;
  id: number;
}

/** The files of an export and the name the download gets; undefined when the subject is gone or not the requester's. */
export interface ExportPlan {
  filename: string;
  files: LazyZipEntry[];
}

// A batch's posts that were never thrown away: what a person may post by hand.
const BATCH_STATES = [
  "pending_approval",
  "approved",
  "scheduled",
  "publishing",
  "published",
  "failed",
  "needs_check",
  "manual_ready",
] as const;

const json = (name: string, value: unknown) => memoryEntry(name, new TextEncoder().encode(JSON.stringify(value, null, 2)));

/** Lists the files of the export `r` (read lazily while the zip is written). */
export async function exportPlan(ctx: AppContext, r: ExportRequest, now: Date): Promise<ExportPlan | undefined> {
  const day = now.toISOString().slice(0, 10);
  if (r.what === "item") {
    const item = itemOfUser(ctx.db, r.userId, r.id);
    return item ? bundleFiles(ctx, item) : undefined;
  }
  if (r.what === "batch") {
    const batch = findBatchForUser(ctx.db, r.userId, r.id);
    if (!batch) return undefined;
    const files: LazyZipEntry[] = [];
    for (const id of batchItemIds(ctx.db, r.userId, r.id, BATCH_STATES)) {
      const item = itemOfUser(ctx.db, r.userId, id);
      if (item)
        for (const f of (await bundleFiles(ctx, item)).files) files.push({ ...f, name: `${item.platform}-item-${item.id}/${f.name}` });
    }
    return { filename: exportFilename(r, batch.localDate, ""), files };
  }
  const requester = findUserById(ctx.db, r.userId);
  if (requester?.role !== "admin" || !ctx.config.operator.enabled || !findUserById(ctx.db, r.id)) return undefined;
  const rows = accountRows(ctx.db, r.id);
  return { filename: exportFilename(r, day, ""), files: Object.entries(rows).map(([table, list]) => json(`${table}.json`, list)) };
}

/** The name a download gets: by what it holds, the batch's date or the export's day, and the post's platform. */
export function exportFilename(r: ExportRequest, day: string, platform: string): string {
  if (r.what === "item") return `amarktai-${platform}-item-${r.id}.zip`;
  if (r.what === "batch") return `amarktai-batch-${r.id}-${day}.zip`;
  return `account-${r.id}-${day}.zip`;
}

/** A sentence naming what an export holds ("the bundle of post 12"), for its page. */
export function exportSubject(r: ExportRequest): string {
  if (r.what === "item") return `the bundle of post ${r.id} (media and texts for posting by hand)`;
  if (r.what === "batch") return `the bundles of every post in batch ${r.id} (media and texts for posting by hand)`;
  return `the data of account ${r.id} (every row that belongs to it, without credentials)`;
}

/** The download's file name for a finished export (looked up lightly: the post's platform, the batch's date). */
export function downloadName(ctx: AppContext, r: ExportRequest, createdAt: Date): string {
  const day = createdAt.toISOString().slice(0, 10);
  if (r.what === "item") return exportFilename(r, day, itemOfUser(ctx.db, r.userId, r.id)?.platform ?? "post");
  if (r.what === "batch") return exportFilename(r, findBatchForUser(ctx.db, r.userId, r.id)?.localDate ?? day, "");
  return exportFilename(r, day, "");
}
