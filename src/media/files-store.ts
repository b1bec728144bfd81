import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { mediaFiles } from "../db/schema/operator";

/** One stored media file as the ledger keeps it. */
export type MediaFileRow = typeof mediaFiles.$inferSelect;

/** Notes a file stored under the media folder with its size (a path written again replaces its row). */
export function recordMediaFile(db: Db, row: MediaFileRow): void {
  try {
    db.insert(mediaFiles)
      .values(row)
      .onConflictDoUpdate({ target: mediaFiles.path, set: { bytes: row.bytes, userId: row.userId, createdAt: row.createdAt } })
      .run();
  } catch (e) {
    throw new Error(`media.files-store: cannot record ${row.path}: ${e instanceof Error ? e.message : e}`);
  }
}

/** Forgets a deleted file; a path never recorded is fine. */
export function forgetMediaFile(db: Db, path: string): void {
  db.delete(mediaFiles).where(eq(mediaFiles.path, path)).run();
}

/** Forgets every file of a deleted web app's folder. */
export function forgetWebappMedia(db: Db, webappId: number): void {
  db.delete(mediaFiles).where(eq(mediaFiles.webappId, webappId)).run();
}
