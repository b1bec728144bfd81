import { loadSharp } from "../lib/sharp";
import { darken, toHex, type Rgb } from "./color";
import type { Brand } from "./brand";

/** A brand gradient with soft shapes, as a PNG of w x h; `seed` varies the shapes between scenes. */
export async function gradientBackground(brand: Brand, w: number, h: number, seed = 0): Promise<Buffer> {
  const a = toHex(brand.primary);
  const b = toHex(darken(brand.secondary, 0.25));
  const c = toHex(darken(brand.primary, 0.55));
  const r = (n: number) => (((Math.sin(seed * 12.9898 + n * 78.233) * 43758.5453) % 1) + 1) % 1;
  const circles = [0, 1, 2]
    .map(
      (i) =>
        `<circle cx="${Math.round(r(i) * w)}" cy="${Math.round(r(i + 3) * h)}" r="${Math.round((0.2 + r(i + 6) * 0.3) * Math.max(w, h))}" fill="#ffffff" fill-opacity="${(0.05 + r(i + 9) * 0.07).toFixed(3)}"/>`,
    )
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<defs><linearGradient id="g" x1="0" y1="0" x2="${seed % 2 ? 1 : 0.3}" y2="1"><stop offset="0" stop-color="${a}"/><stop offset="0.6" stop-color="${b}"/><stop offset="1" stop-color="${c}"/></linearGradient></defs>
<rect width="${w}" height="${h}" fill="url(#g)"/>${circles}</svg>`;
  return (await loadSharp())(Buffer.from(svg)).png({ compressionLevel: 1 }).toBuffer();
}

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

/** Darkens a background image with a brand-tinted veil so text on it reaches contrast. */
export async function veil(bg: Buffer, w: number, h: number, tint: Rgb, opacity = 0.45): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><linearGradient id="v" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${toHex(darken(tint, 0.6))}" stop-opacity="${opacity}"/><stop offset="1" stop-color="#000000" stop-opacity="${Math.min(0.85, opacity + 0.2)}"/></linearGradient></defs><rect width="${w}" height="${h}" fill="url(#v)"/></svg>`;
  return (await loadSharp())(bg)
    .composite([{ input: Buffer.from(svg) }])
    .png({ compressionLevel: 1 })
    .toBuffer();
}
