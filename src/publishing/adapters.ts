import { isAbsolute, relative } from "node:path";
import type { AppContext } from "../app/context";
import { signedMediaUrl } from "../media/signed";
import type { PlatformId } from "../platforms/ids";
import type { PlatformAdapter } from "../platforms/types";
import type { Sleep } from "../platforms/wait";
import { facebookAdapter } from "../platforms/facebook/adapter";
import { instagramAdapter } from "../platforms/instagram/adapter";
import { linkedinAdapter } from "../platforms/linkedin/adapter";
import { tiktokAdapter } from "../platforms/tiktok/adapter";
import { xAdapter } from "../platforms/x/adapter";
import { youtubeAdapter } from "../platforms/youtube/adapter";

/** Platforms whose adapter is finished and tested; the others are exported by hand until theirs are. */
export const FINISHED_ADAPTERS: readonly PlatformId[] = ["x", "youtube", "linkedin", "instagram", "facebook", "tiktok"];

/** The adapters the publishing queue uses, built from config (base URLs, credentials) and the app clock. */
export function createAdapters(ctx: AppContext, opts: { sleep?: Sleep } = {}): Partial<Record<PlatformId, PlatformAdapter>> {
  const now = () => ctx.clock.now();
  const processingTimeoutMs = ctx.config.publishing.processing_timeout_minutes * 60_000;
  return {
    x: xAdapter(ctx.config.platform_x, { sleep: opts.sleep, now, processingTimeoutMs }),
    youtube: youtubeAdapter(ctx.config.platform_youtube, {
      sleep: opts.sleep,
      now,
      processingTimeoutMs,
      chunkBytes: ctx.config.platform_youtube.upload_chunk_bytes,
    }),
    linkedin: linkedinAdapter(ctx.config.platform_linkedin, { sleep: opts.sleep, now, processingTimeoutMs }),
    instagram: instagramAdapter(ctx.config.platform_meta, {
      sleep: opts.sleep,
      now,
      processingTimeoutMs,
      mediaUrl: (p) => publicMediaUrl(ctx, p),
    }),
    facebook: facebookAdapter(ctx.config.platform_meta, { sleep: opts.sleep, now, processingTimeoutMs }),
    tiktok: tiktokAdapter(ctx.config.platform_tiktok, { sleep: opts.sleep, now, processingTimeoutMs }),
  };
}

/**
 * A signed, expiring URL a platform can pull a media file from, only when the configured public base URL is
 * HTTPS (a box behind NAT or on plain HTTP has none) and the file lives in the media directory.
 */
export function publicMediaUrl(ctx: AppContext, absPath: string): string | undefined {
  if (!ctx.config.server.public_base_url.startsWith("https://")) return undefined;
  const rel = relative(ctx.config.storage.media_dir, absPath);
  if (!rel || rel.startsWith("..") || isAbsolute(rel)) return undefined;
  return signedMediaUrl(ctx, rel.split("\\").join("/"), 6 * 3600_000);
}
