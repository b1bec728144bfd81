import { join } from "node:path";
import type { AppContext } from "../app/context";
import { ensureLocalMedia } from "../media/storage/local";
import { probeMedia } from "../media/video/probe";
import { CAROUSEL_LIMITS } from "../platforms/carousel";
import { PLATFORM_RULES } from "../platforms/rules";
import type { PlatformId } from "../platforms/ids";
import { localDate } from "../lib/zoned-time";
import { asJpeg, itemMedia, saveComposerUploads } from "./upload";
import { insertComposedItems, ownedWebapp, readyMediaOf } from "./store";
import { checkCompose, type ComposeInput, type ComposeMedia, type FieldProblems } from "./validate";

/** Where the post's media comes from: uploaded files (in order), an item whose generated media is reused, or none. */
export type MediaSource = { files?: File[]; fromItemId?: number };

/** The outcome of writing a post: the new items (one per platform) and their batch, or sentences per field. */
export type ComposeResult = { ok: true; batchId: number; itemIds: number[] } | { ok: false; notFound?: true; problems: FieldProblems };

/**
 * Writes a person's own post: the web app must be theirs, the media is checked and stored (or picked), every
 * chosen platform's rules are applied, and one item per platform waits for approval in the composer batch.
 */
export async function composePost(
  ctx: AppContext,
  user: { id: number; timezone: string },
  input: ComposeInput,
  source: MediaSource,
  channel: "web" | "api",
): Promise<ComposeResult> {
  const app = ownedWebapp(ctx.db, user.id, input.webappId);
  if (!app) return { ok: false, notFound: true, problems: { webappId: [`There is no web app ${input.webappId} among yours.`] } };
  const now = ctx.clock.now();
  const owner = { userId: user.id, webappId: app.id, localDate: localDate(now, user.timezone) };
  const media = await mediaFrom(ctx, owner, source);
  if ("problem" in media) return { ok: false, problems: { media: [media.problem] } };
  const checked = checkCompose(input, media, user.timezone, now);
  if (!checked.ok) return checked;
  // A platform that takes JPEG only (Instagram) gets JPEG copies of PNG uploads, made once for the post.
  const jpegMedia = checked.post.platforms.some((p) => PLATFORM_RULES[p].imageJpegOnly) ? await asJpeg(ctx, owner, media) : media;
  const rows = checked.post.platforms.map((platform) => ({
    platform,
    format: composedFormat(platform, media),
    title: input.title.trim(),
    caption: input.caption.trim(),
    hashtags: input.hashtags,
    linkUrl: input.linkUrl.trim(),
    plannedAt: checked.post.plannedAt,
    media: itemMedia(PLATFORM_RULES[platform].imageJpegOnly ? jpegMedia : media),
  }));
  // The batch is the planned day's: unapproved posts expire when their day ends, so a post for next week waits until then.
  const batchOwner = { ...owner, localDate: localDate(checked.post.plannedAt, user.timezone) };
  return { ok: true, ...insertComposedItems(ctx.db, batchOwner, channel, rows, now) };
}

/**
 * A composed post's format on one platform: several images make a carousel where the platform takes one and the count
 * is within its limits (docs/platforms.md, "Carousels"), else the first image is posted; one image, a video, or text.
 */
function composedFormat(platform: PlatformId, media: ComposeMedia): "text" | "image" | "video" | "carousel" {
  if (media.kind === "none") return "text";
  if (media.kind === "video") return "video";
  const lim = CAROUSEL_LIMITS[platform];
  return lim && media.images.length >= lim.min && media.images.length <= lim.max ? "carousel" : "image";
}

async function mediaFrom(
  ctx: AppContext,
  owner: { userId: number; webappId: number; localDate: string },
  source: MediaSource,
): Promise<ComposeMedia | { problem: string }> {
  const files = (source.files ?? []).filter((f) => f.size > 0);
  if (files.length > 0) {
    const saved = await saveComposerUploads(ctx, owner, files);
    return saved.ok ? saved.media : { problem: saved.message };
  }
  if (source.fromItemId === undefined) return { kind: "none" };
  const picked = readyMediaOf(ctx.db, owner.userId, source.fromItemId);
  if (!picked) return { problem: `Post #${source.fromItemId} has no finished media of yours to reuse; pick another or upload a file.` };
  const m = picked.media as { video?: string; images?: ({ path: string; width?: number; height?: number } | string)[] };
  if (picked.format === "video" && m.video) {
    // ffprobe reads a file: in S3 mode the video is fetched from the bucket first (into the local cache).
    const probe = await ensureLocalMedia(ctx, [m.video])
      .then(() => probeMedia(join(ctx.config.storage.media_dir, m.video!)))
      .catch(() => undefined);
    if (!probe) return { problem: `The video of post #${source.fromItemId} could not be read; pick another or upload a file.` };
    return { kind: "video", path: m.video, seconds: probe.durationSeconds, bytes: probe.sizeBytes };
  }
  const first = m.images?.[0];
  if (!first) return { problem: `Post #${source.fromItemId} has no image or video to reuse; pick another or upload a file.` };
  const img = typeof first === "string" ? { path: first } : first;
  return { kind: "image", images: [{ path: img.path, width: img.width ?? 0, height: img.height ?? 0 }] };
}
