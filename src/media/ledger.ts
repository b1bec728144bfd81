import { rmSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { AppContext } from "../app/context";
import { forgetMediaFile, forgetWebappMedia, recordMediaFile, type MediaFileRow } from "./files-store";

/** Records files just stored under the media folder (sizes read once, here) so the storage quota never walks the folder. */
export function noteStoredMedia(
  ctx: AppContext,
  owner: { userId: number; webappId: number | null; kind: MediaFileRow["kind"] },
  relPaths: string[],
): void {
  const now = ctx.clock.now();
  for (const path of relPaths) {
    const bytes = statSync(join(ctx.config.storage.media_dir, path), { throwIfNoEntry: false })?.size;
    if (bytes !== undefined) recordMediaFile(ctx.db, { path, ...owner, bytes, createdAt: now });
  }
}

/** Forgets a media file that was deleted (its bytes no longer count against storage). */
export function noteDeletedMedia(ctx: AppContext, relPath: string): void {
  forgetMediaFile(ctx.db, relPath);
}

/** Deletes a removed web app's media folder (renders, uploads, clips: its posts went with it) and frees its storage. */
export function deleteWebappMedia(ctx: AppContext, userId: number, webappId: number): void {
  const root = resolve(ctx.config.storage.media_dir);
  const dir = resolve(root, String(userId), String(webappId));
  if (relative(root, dir).split(sep).length === 2) rmSync(dir, { recursive: true, force: true });
  forgetWebappMedia(ctx.db, webappId);
}
