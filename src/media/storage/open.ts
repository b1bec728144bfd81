import type { AppContext } from "../../app/context";
import type { Config } from "../../config/schema";
import { signedMediaUrl } from "../signed";
import { FolderMediaStore } from "./folder";
import type { MediaStore } from "./port";
import { S3MediaStore } from "./s3";

/** The media store the storage section names: the folder (default) or the bucket. */
export function openMediaStore(config: Config, signFolderUrl: (key: string, ttlMs: number) => string): MediaStore {
  const s = config.storage;
  if (s.driver === "s3")
    return new S3MediaStore({
      bucket: s.s3_bucket,
      endpoint: s.s3_endpoint,
      region: s.s3_region,
      accessKeyId: s.s3_access_key_id,
      secretAccessKey: s.s3_secret_access_key,
      pathStyle: s.s3_path_style,
    });
  return new FolderMediaStore(s.media_dir, signFolderUrl);
}

const stores = new WeakMap<object, MediaStore>();

/** The app's media store, opened once per storage section in effect (folder URLs are signed by signed.ts). */
export function mediaStoreOf(ctx: AppContext): MediaStore {
  let store = stores.get(ctx.config.storage);
  if (!store) {
    store = openMediaStore(ctx.config, (key, ttlMs) => signedMediaUrl(ctx, key, ttlMs));
    stores.set(ctx.config.storage, store);
  }
  return store;
}
