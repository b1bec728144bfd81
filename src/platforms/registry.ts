import type { AppContext } from "../app/context";
import type { PlatformId } from "../db/schema/webapps";
import type { PlatformAdapter } from "./types";
import type { Sleep } from "./wait";
import { facebookAdapter } from "./facebook/adapter";
import { instagramAdapter } from "./instagram/adapter";
import { linkedinAdapter } from "./linkedin/adapter";
import { tiktokAdapter } from "./tiktok/adapter";
import { xAdapter } from "./x/adapter";
import { youtubeAdapter } from "./youtube/adapter";

/** Platforms whose adapter is finished and tested; the others are exported by hand until theirs are. */
export const FINISHED_ADAPTERS: readonly PlatformId[] = ["x", "youtube", "linkedin", "instagram", "facebook", "tiktok"];

/** The adapters the publishing queue uses, built from config (base URLs, credentials) and the app clock. */
export function createAdapters(ctx: Pick<AppContext, "config" | "clock">, opts: { sleep?: Sleep } = {}): Partial<Record<PlatformId, PlatformAdapter>> {
  const now = () => ctx.clock.now();
  const processingTimeoutMs = ctx.config.publishing.processing_timeout_minutes * 60_000;
  return {
    x: xAdapter(ctx.config.platform_x, { sleep: opts.sleep, now, processingTimeoutMs }),
    youtube: youtubeAdapter(ctx.config.platform_youtube, { sleep: opts.sleep, now, processingTimeoutMs, chunkBytes: ctx.config.platform_youtube.upload_chunk_bytes }),
    linkedin: linkedinAdapter(ctx.config.platform_linkedin, { sleep: opts.sleep, now, processingTimeoutMs }),
    instagram: instagramAdapter(ctx.config.platform_meta, { sleep: opts.sleep, now, processingTimeoutMs }),
    facebook: facebookAdapter(ctx.config.platform_meta, { sleep: opts.sleep, now, processingTimeoutMs }),
    tiktok: tiktokAdapter(ctx.config.platform_tiktok, { sleep: opts.sleep, now, processingTimeoutMs }),
  };
}
