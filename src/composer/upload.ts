import { rmSync } from "node:fs";
import { join } from "node:path";
import type { AppContext } from "../app/context";
import { loadSharp } from "../lib/sharp";
import { dropMedia, keepMedia } from "../media/ledger";
import { mediaStoreOf } from "../media/storage/open";
import { makeRenderTemp } from "../media/temp";
import { probeMedia } from "../media/video/probe";
import { quotaCheck, STORAGE_MB_BYTES } from "../operator/quota";
import { COMPOSER_MAX_IMAGES, type ComposeImage, type ComposeMedia } from "./validate";

/** Image kinds every platform takes, found by the file's first bytes (never its name or declared type). */
const IMAGE_KINDS = { png: [0x89, 0x50, 0x4e, 0x47], jpg: [0xff, 0xd8, 0xff] } as const;
const VIDEO_FORMATS = ["mov,mp4,m4a,3gp,3g2,mj2"];
/** The largest image side we take: platforms scale anything bigger down anyway. */
export const IMAGE_MAX_PIXELS = 8192;

function imageKind(bytes: Uint8Array): "png" | "jpg" | undefined {
  for (const [kind, sig] of Object.entries(IMAGE_KINDS)) if (sig.every((b, i) => bytes[i] === b)) return kind as "png" | "jpg";
  return undefined;
}

// An MP4 or MOV file names its box type "ftyp" at byte 4.
const isIsoVideo = (bytes: Uint8Array) => bytes[4] === 0x66 && bytes[5] === 0x74 && bytes[6] === 0x79 && bytes[7] === 0x70;

/**
 * Checks an uploaded image (sharp) or video (ffprobe) and stores it under <media_dir>/<user>/<web app>/<date>/, where
 * generated media lives and is served from; answers the stored media, or a sentence for the "media" field.
 */
export async function saveComposerUpload(
  ctx: AppContext,
  owner: { userId: number; webappId: number; localDate: string },
  file: File,
): Promise<{ ok: true; media: ComposeMedia } | { ok: false; message: string }> {
  const max = ctx.config.media.upload_max_bytes;
  if (file.size > max)
    return { ok: false, message: `"${file.name}" is ${(file.size / 1e6).toFixed(1)} MB; the limit is ${(max / 1e6).toFixed(1)} MB.` };
  const room = quotaCheck(ctx, owner.userId, "storage_mb", file.size / STORAGE_MB_BYTES);
  if (!room.allowed) return { ok: false, message: `"${file.name}" was not stored. ${room.message} (${room.upgradeUrl})` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = imageKind(bytes);
  const ext = kind ?? (isIsoVideo(bytes) ? "mp4" : undefined);
  if (!ext) return { ok: false, message: `"${file.name}" is not a PNG or JPEG image or an MP4 video. Upload one of those.` };
  const rel = `${owner.userId}/${owner.webappId}/${owner.localDate}/upload-${crypto.randomUUID()}.${ext}`;
  // Checked in a staging folder (ffprobe reads a file) and stored only once it passed: a refused file never has a key.
  const stage = makeRenderTemp(ctx.config.storage.media_dir, "upload");
  try {
    const local = join(stage, `upload.${ext}`);
    await Bun.write(local, bytes);
    const checked = kind ? await checkImage(bytes, rel, file.name) : await checkVideo(local, rel, file.name, bytes.byteLength);
    if (checked.ok) await keepMedia(ctx, { userId: owner.userId, webappId: owner.webappId, kind: "upload" }, rel, { file: local });
    return checked;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

async function checkImage(
  bytes: Uint8Array,
  rel: string,
  name: string,
): Promise<{ ok: true; media: ComposeMedia } | { ok: false; message: string }> {
  const sharp = await loadSharp();
  const meta = await sharp(bytes)
    .metadata()
    .catch(() => undefined);
  if (!meta?.width || !meta.height) return { ok: false, message: `"${name}" could not be read as an image. Upload a PNG or JPEG file.` };
  if (meta.width > IMAGE_MAX_PIXELS || meta.height > IMAGE_MAX_PIXELS)
    return {
      ok: false,
      message: `"${name}" is ${meta.width} x ${meta.height} pixels; the limit is ${IMAGE_MAX_PIXELS} on each side. Upload a smaller image.`,
    };
  return { ok: true, media: { kind: "image", images: [{ path: rel, width: meta.width, height: meta.height }] } };
}

async function checkVideo(
  abs: string,
  rel: string,
  name: string,
  size: number,
): Promise<{ ok: true; media: ComposeMedia } | { ok: false; message: string }> {
  const probe = await probeMedia(abs).catch(() => undefined);
  if (!probe || !VIDEO_FORMATS.includes(probe.formatName) || !probe.video)
    return { ok: false, message: `"${name}" could not be read as a video. Upload an MP4 file (H.264).` };
  return { ok: true, media: { kind: "video", path: rel, seconds: probe.durationSeconds, bytes: size } };
}

/**
 * Checks and stores several uploaded files in their order: one video alone, or images (each checked as above);
 * answers the post's media, or the sentence for the first file refused (the files stored before it are removed).
 */
export async function saveComposerUploads(
  ctx: AppContext,
  owner: { userId: number; webappId: number; localDate: string },
  files: File[],
): Promise<{ ok: true; media: ComposeMedia } | { ok: false; message: string }> {
  if (files.length > COMPOSER_MAX_IMAGES)
    return { ok: false, message: `A post keeps up to ${COMPOSER_MAX_IMAGES} images; ${files.length} files were sent. Remove some.` };
  const images: ComposeImage[] = [];
  // Files removed are taken off the storage ledger too, so a refused post never counts against the quota.
  const remove = (path: string) => dropMedia(ctx, path);
  const undo = async () => {
    for (const i of images) await remove(i.path);
  };
  for (const file of files) {
    const saved = await saveComposerUpload(ctx, owner, file);
    if (!saved.ok) {
      await undo();
      return saved;
    }
    if (saved.media.kind === "video") {
      if (files.length === 1) return saved;
      await undo();
      await remove(saved.media.path);
      return { ok: false, message: `"${file.name}" is a video: a post takes one video alone, or images. Remove the video or the images.` };
    }
    if (saved.media.kind === "image") images.push(...saved.media.images);
  }
  return { ok: true, media: { kind: "image", images } };
}

/** The media JSON an item stores for publishing: the images in the person's order (the first is what is posted today), or the video. */
export function itemMedia(media: ComposeMedia): Record<string, unknown> {
  if (media.kind === "image")
    return { images: media.images.map((i) => ({ path: i.path, width: i.width, height: i.height, target: `${i.width}x${i.height}` })) };
  if (media.kind === "video") return { video: media.path };
  return {};
}

/**
 * The post's media with every PNG image replaced by a JPEG copy (white under any transparency, quality 90), kept on
 * the storage ledger beside the original, for a platform that takes JPEG only; other media is answered as it is.
 */
export async function asJpeg(ctx: AppContext, owner: { userId: number; webappId: number }, media: ComposeMedia): Promise<ComposeMedia> {
  if (media.kind !== "image" || !media.images.some((i) => i.path.endsWith(".png"))) return media;
  const sharp = await loadSharp();
  const images: ComposeImage[] = [];
  for (const image of media.images) {
    if (!image.path.endsWith(".png")) {
      images.push(image);
      continue;
    }
    const jpeg = await sharp(await mediaStoreOf(ctx).get(image.path))
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 90 })
      .toBuffer();
    const path = image.path.replace(/\.png$/, ".jpg");
    await keepMedia(ctx, { ...owner, kind: "upload" }, path, { bytes: new Uint8Array(jpeg) });
    images.push({ ...image, path });
  }
  return { ...media, images };
}
