import { existsSync } from "node:fs";
import { isAbsolute, join, normalize } from "node:path";
import { loadSharp } from "../lib/sharp";

/** The width in pixels a post's thumbnail is scaled to for the PDF (drawn about 40 points wide: sharp at 2x). */
const THUMB_WIDTH = 96;

/**
 * Small JPEG copies of the posts' thumbnails (JPEG or PNG under the media folder), keyed by item id. A missing or
 * unreadable file is left out: the report draws an empty frame for it.
 */
export async function loadThumbnails(mediaDir: string, posts: Array<{ itemId: number; thumbnailPath: string | null }>) {
  const out = new Map<number, Buffer>();
  const wanted = posts.filter((p) => p.thumbnailPath);
  if (wanted.length === 0) return out;
  const sharp = await loadSharp();
  for (const p of wanted) {
    const rel = normalize(p.thumbnailPath!);
    const path = isAbsolute(rel) ? rel : join(mediaDir, rel);
    if (rel.startsWith("..") || !existsSync(path)) continue;
    try {
      out.set(p.itemId, await sharp(path).resize({ width: THUMB_WIDTH, withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer());
    } catch {
      // A broken file costs the report its picture, not the report.
    }
  }
  return out;
}
