import { ne } from "drizzle-orm";
import type { Db } from "../db/client";
import { contentItems } from "../db/schema/content";
import { mediaFiles } from "../db/schema/operator";
import { webapps } from "../db/schema/webapps";
import type { MediaFileRow } from "./files-store";

/** Who a stored file belongs to, as the row that references it says. */
export interface MediaReference {
  userId: number;
  webappId: number | null;
  kind: MediaFileRow["kind"];
}

// Every string inside an item's media JSON (paths of videos, images, slides, thumbnails, at any depth).
function stringsIn(value: unknown, out: string[]): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

/** Every media path a post or a web app references (posts' media, web apps' logos), with the owner each reference names. */
export function mediaReferences(db: Db): Map<string, MediaReference> {
  const refs = new Map<string, MediaReference>();
  const logos = db
    .select({ id: webapps.id, userId: webapps.userId, logoPath: webapps.logoPath })
    .from(webapps)
    .where(ne(webapps.logoPath, ""))
    .all();
  for (const w of logos) refs.set(w.logoPath, { userId: w.userId, webappId: null, kind: "logo" });
  const items = db
    .select({ userId: contentItems.userId, webappId: contentItems.webappId, media: contentItems.media })
    .from(contentItems)
    .all();
  for (const i of items)
    for (const path of stringsIn(i.media, []))
      if (!refs.has(path))
        refs.set(path, { userId: i.userId, webappId: i.webappId, kind: path.includes("/upload-") ? "upload" : "render" });
  return refs;
}

/** The web apps by id with their owner: a file lying in `<user>/<web app>/` belongs to that web app when the user matches. */
export function webappOwners(db: Db): Map<number, number> {
  return new Map(
    db
      .select({ id: webapps.id, userId: webapps.userId })
      .from(webapps)
      .all()
      .map((w) => [w.id, w.userId]),
  );
}

/** The paths the ledger already holds. */
export function ledgerPaths(db: Db): Set<string> {
  return new Set(
    db
      .select({ path: mediaFiles.path })
      .from(mediaFiles)
      .all()
      .map((r) => r.path),
  );
}

/** Adds ledger rows for files found on disk; a path already recorded keeps its row (the backfill may run again). */
export function insertMissingMediaFiles(db: Db, rows: MediaFileRow[]): number {
  if (rows.length === 0) return 0;
  try {
    return db.insert(mediaFiles).values(rows).onConflictDoNothing().returning({ path: mediaFiles.path }).all().length;
  } catch (e) {
    throw new Error(`media.backfill-store: cannot record ${rows.length} files: ${e instanceof Error ? e.message : e}`);
  }
}
