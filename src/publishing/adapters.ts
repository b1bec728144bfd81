import { isAbsolute, relative } from "node:path";
import type { AppContext } from "../app/context";
import { mediaStoreOf } from "../media/storage/open";
import type { PlatformId } from "../platforms/ids";
import { PLATFORMS } from "../platforms/registry";
import type { PlatformAdapter } from "../platforms/types";
import type { Sleep } from "../platforms/wait";

/** The adapters the publishing queue uses: one per registered platform, built from config, the app clock and signed media URLs. */
export function createAdapters(ctx: AppContext, opts: { sleep?: Sleep } = {}): Partial<Record<PlatformId, PlatformAdapter>> {
  const deps = {
    sleep: opts.sleep,
    now: () => ctx.clock.now(),
    processingTimeoutMs: ctx.config.publishing.processing_timeout_minutes * 60_000,
    mediaUrl: (absPath: string) => publicMediaUrl(ctx, absPath),
  };
  return Object.fromEntries(PLATFORMS.map((p) => [p.id, p.adapter(ctx.config, deps)]));
}

/**
 * A signed, expiring URL a platform can pull a media file from (the media store's: this box's /signed-media, or the
 * bucket's presigned URL), only when that address is HTTPS (a box behind NAT or on plain HTTP has none) and the
 * file lives in the media directory.
 */
export function publicMediaUrl(ctx: AppContext, absPath: string): string | undefined {
  const rel = relative(ctx.config.storage.media_dir, absPath);
  if (!rel || rel.startsWith("..") || isAbsolute(rel)) return undefined;
  const url = mediaStoreOf(ctx).signedUrl(rel.split("\\").join("/"), 6 * 3600_000);
  return url.startsWith("https://") ? url : undefined;
}
