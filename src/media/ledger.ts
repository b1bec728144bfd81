import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { AppContext } from "../app/context";
import { forgetMediaFile, forgetWebappMedia, recordMediaFile, type MediaFileRow } from "./files-store";
import { FolderMediaStore } from "./storage/folder";
import { mediaStoreOf } from "./storage/open";
import type { PutSource } from "./storage/port";

/** Who a stored file counts against, and what it is. */
export type MediaOwner = { userId: number; webappId: number | null; kind: MediaFileRow["kind"] };

/**
 * Every write of the app's media goes through here: the file is put into the media store under its key and noted
 * with its size on the storage ledger in the same step, so the quota never walks a folder or a bucket.
 */
export async function keepMedia(ctx: AppContext, owner: MediaOwner, key: string, source: PutSource): Promise<void> {
  const stored = await mediaStoreOf(ctx).put(key, source);
  recordMediaFile(ctx.db, { path: key, ...owner, bytes: stored.bytes, createdAt: ctx.clock.now() });
}

/** Puts every file a render staged in `stageDir` under `<keyDir>/<name>` (a rename into the folder store); answers the keys. */
export async function keepStagedMedia(ctx: AppContext, owner: MediaOwner, stageDir: string, keyDir: string): Promise<string[]> {
  const names = readdirSync(stageDir);
  for (const name of names) await keepMedia(ctx, owner, `${keyDir}/${name}`, { file: join(stageDir, name) });
  return names.map((name) => `${keyDir}/${name}`);
}

/** Deletes a stored media file and takes it off the ledger (its bytes no longer count against storage). */
export async function dropMedia(ctx: AppContext, key: string): Promise<void> {
  await mediaStoreOf(ctx).delete(key);
  forgetMediaFile(ctx.db, key);
}

/** Deletes a removed web app's media (renders, uploads, clips: its posts went with it) and frees its storage. */
export async function deleteWebappMedia(ctx: AppContext, userId: number, webappId: number): Promise<void> {
  const store = mediaStoreOf(ctx);
  for (const o of await store.list(`${userId}/${webappId}/`)) await store.delete(o.key);
  // The folder keeps directories a bucket does not have: the app's own goes too, as it always did.
  if (store instanceof FolderMediaStore) rmSync(store.pathOf(`${userId}/${webappId}`), { recursive: true, force: true });
  forgetWebappMedia(ctx.db, webappId);
}
