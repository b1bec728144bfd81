import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import type { AppContext } from "../../app/context";
import { makeRenderTemp } from "../temp";
import { mediaStoreOf } from "./open";
import { checkKey, MediaNotFoundError } from "./port";

/**
 * Makes stored objects readable as files at <media_dir>/<key> for the tools that need paths (platform uploads,
 * sharp, ffprobe). The folder store already keeps them there; with a bucket, each one missing is downloaded there
 * (through a staging folder and a rename, so a half-copied file is never read) and media_dir is a read-through cache
 * that may be emptied at any time. Keys with no object, and paths that are no key (absolute ones), are skipped: the caller
 * reports the missing file as before.
 */
export async function ensureLocalMedia(ctx: AppContext, keys: Array<string | undefined | null>): Promise<void> {
  const store = mediaStoreOf(ctx);
  if (store.driver === "folder") return;
  const root = ctx.config.storage.media_dir;
  for (const key of keys) {
    if (!key || !isKey(key) || existsSync(join(root, key))) continue;
    const stage = makeRenderTemp(root, "fetch");
    try {
      const copy = await store.localFile(key, stage);
      mkdirSync(dirname(join(root, key)), { recursive: true });
      renameSync(copy, join(root, key));
    } catch (e) {
      if (!(e instanceof MediaNotFoundError)) throw e;
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
  }
}

function isKey(key: string): boolean {
  try {
    return checkKey(key) === key;
  } catch {
    return false;
  }
}
