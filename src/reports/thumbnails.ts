import { existsSync } from "node:fs";
import { isAbsolute, normalize } from "node:path";
import { loadSharp } from "../lib/sharp";
import type { MediaStore } from "../media/storage/port";

/** The width in pixels a post's thumbnail is scaled to for the PDF (drawn about 40 points wide: sharp at 2x). */
const THUMB_WIDTH = 96;

/**
 * Small JPEG copies of the posts' thumbnails (JPEG or PNG in the media store: the folder or the bucket), keyed by item
 * id. A missing or unreadable file is left out: the report draws an empty frame for it.
 */
export async function loadThumbnails(store: MediaStore, posts: Array<{ itemId: number; thumbnailPath: string | null }>) {
  const out = new Map<number, Buffer>();
  const wanted = posts.filter((p) => p.thumbnailPath);
  if (wanted.length === 0) return out;
  const sharp = await loadSharp();
  for (const p of wanted) {
    const rel = normalize(p.thumbnailPath!);
    if (rel.startsWith("..") || (isAbsolute(rel) && !existsSync(rel))) continue;
    try {
      // A thumbnail is small: read whole from the store (no local copy), or from its file when an old item names one.
      const input = isAbsolute(rel) ? rel : await store.get(rel);
      out.set(p.itemId, await sharp(input).resize({ width: THUMB_WIDTH, withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer());
    } catch {
      // A missing or broken file costs the report its picture, not the report.
    }
  }
  return out;
}
