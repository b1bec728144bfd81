import type { AppContext } from "../app/context";
import { loadSharp } from "../lib/sharp";
import { dropMedia, keepMedia } from "../media/ledger";
import { quotaCheck, STORAGE_MB_BYTES } from "../operator/quota";

/** Logo file kinds we accept, found by reading the file's first bytes (never by its name or declared type). */
export const LOGO_TYPES = { png: "image/png", jpg: "image/jpeg", webp: "image/webp", svg: "image/svg+xml" } as const;
/** A logo file kind. */
export type LogoKind = keyof typeof LOGO_TYPES;

/** Recognises PNG, JPEG, WebP and SVG by content; undefined for anything else. */
export function sniffLogo(bytes: Uint8Array): LogoKind | undefined {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (starts([0xff, 0xd8, 0xff])) return "jpg";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "webp";
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, "");
  // An SVG may open with an XML declaration, comments and a doctype before its <svg> root.
  const rest = head.replace(/^\s*(<\?xml[^>]*\?>\s*)?((<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*)*/i, "");
  if (/^<svg[\s>]/i.test(rest)) return "svg";
  return undefined;
}

/** The largest logo in pixels, each side: bigger ones were accepted and then made every render fail. */
export const LOGO_MAX_PIXELS = 4096;

/** A logo upload that was refused, with a sentence for the person. */
export type LogoProblem = { field: "logo"; message: string };

/** Checks and stores an uploaded logo under <media_dir>/<userId>/logos/; returns the path relative to the media dir. */
export async function saveLogo(
  ctx: AppContext,
  userId: number,
  file: File,
): Promise<{ ok: true; path: string } | ({ ok: false } & LogoProblem)> {
  const max = ctx.config.webapps.logo_max_bytes;
  if (file.size > max) {
    return {
      ok: false,
      field: "logo",
      message: `The logo "${file.name}" is ${(file.size / 1_000_000).toFixed(1)} MB; the limit is ${(max / 1_000_000).toFixed(1)} MB. Upload a smaller image.`,
    };
  }
  const room = quotaCheck(ctx, userId, "storage_mb", file.size / STORAGE_MB_BYTES);
  if (!room.allowed)
    return { ok: false, field: "logo", message: `The logo "${file.name}" was not stored. ${room.message} (${room.upgradeUrl})` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = sniffLogo(bytes);
  if (!kind)
    return { ok: false, field: "logo", message: `The logo "${file.name}" is not a PNG, JPEG, SVG or WebP image. Upload one of those.` };
  const size = await pixelSize(bytes);
  if (!size)
    return {
      ok: false,
      field: "logo",
      message: `The logo "${file.name}" could not be read as an image. Upload a PNG, JPEG, SVG or WebP file.`,
    };
  if (size.width > LOGO_MAX_PIXELS || size.height > LOGO_MAX_PIXELS) {
    return {
      ok: false,
      field: "logo",
      message: `The logo "${file.name}" is ${size.width} x ${size.height} pixels; the limit is ${LOGO_MAX_PIXELS} x ${LOGO_MAX_PIXELS}. Upload a smaller image (a few hundred pixels is plenty).`,
    };
  }
  const rel = `${userId}/logos/${crypto.randomUUID()}.${kind}`;
  await keepMedia(ctx, { userId, webappId: null, kind: "logo" }, rel, { bytes });
  return { ok: true, path: rel };
}

// Reads only the header (sharp decodes no pixels for metadata), so a huge image costs nothing to check.
async function pixelSize(bytes: Uint8Array): Promise<{ width: number; height: number } | undefined> {
  try {
    const meta = await (await loadSharp())(bytes, { limitInputPixels: false }).metadata();
    return meta.width && meta.height ? { width: meta.width, height: meta.height } : undefined;
  } catch {
    return undefined;
  }
}

/** The media key of a user's stored logo, or undefined when the path is not one of their logos (<userId>/logos/<file>). */
export function logoKey(userId: number, rel: string): string | undefined {
  const name = rel.startsWith(`${userId}/logos/`) ? rel.slice(`${userId}/logos/`.length) : "";
  return name && name !== "." && name !== ".." && !/[/\\]/.test(name) ? rel : undefined;
}

/** Deletes a stored logo file; a missing file is fine. */
export async function removeLogo(ctx: AppContext, userId: number, rel: string): Promise<void> {
  const key = logoKey(userId, rel);
  if (key) await dropMedia(ctx, key);
}

/** The media type to serve a stored logo with, from its extension (set by sniffLogo at upload). */
export function logoContentType(rel: string): string {
  const ext = rel.split(".").pop() as LogoKind;
  return LOGO_TYPES[ext] ?? "application/octet-stream";
}
