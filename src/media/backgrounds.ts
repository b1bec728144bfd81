import { loadSharp } from "../lib/sharp";

/** A failed image read: names the file and what to do. */
export class BadImageError extends Error {}

/**
 * Covers w x h with an image file or buffer (centre crop); throws BadImageError when the image
 * cannot be decoded, so a corrupt upload fails the render with its name instead of a black frame.
 */
export async function coverImage(input: string | Buffer, w: number, h: number, label: string): Promise<Buffer> {
  try {
    return await (await loadSharp())(input, { failOn: "error" })
      .rotate()
      .resize(w, h, { fit: "cover", position: "attention" })
      .flatten({ background: "#000000" })
      .png({ compressionLevel: 1 })
      .toBuffer();
  } catch (e) {
    throw new BadImageError(
      `cannot read the image ${label}: ${e instanceof Error ? e.message : e}; replace it with a valid PNG, JPEG or WebP`,
    );
  }
}
