import { existsSync } from "node:fs";
import { join } from "node:path";
import type { AppContext } from "../app/context";
import { ensureLocalMedia } from "./storage/local";
import { mediaStoreOf } from "./storage/open";

const VIDEO = /\.(mp4|mov|m4v|webm|mkv)$/i;

/**
 * The app's own clips: video files the owner put under `<user>/<app>/clips/` in the media store, in name order, as
 * local files for ffmpeg (in S3 mode fetched from the bucket into the local cache first).
 */
export async function appClipFiles(ctx: AppContext, userId: number, webappId: number): Promise<string[]> {
  const prefix = `${userId}/${webappId}/clips/`;
  const keys = (await mediaStoreOf(ctx).list(prefix))
    .map((o) => o.key)
    .filter((k) => VIDEO.test(k) && !k.slice(prefix.length).includes("/"));
  await ensureLocalMedia(ctx, keys);
  return keys.map((k) => join(ctx.config.storage.media_dir, k)).filter((path) => existsSync(path));
}
