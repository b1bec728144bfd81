import { join } from "node:path";
import { loadSharp } from "../lib/sharp";
import { coverImage, gradientBackground, veil } from "./backgrounds";
import type { Brand } from "./brand";
import { composeStill } from "./compose";
import type { Fonts } from "./fonts";
import type { SceneSources } from "./video/assets";

/** One rendered image: where it is (relative to the media dir), its size and what it is for. */
export interface RenderedImage {
  path: string;
  width: number;
  height: number;
  target: string;
  contrast: number;
}

/** Every image size the platforms take (docs/platforms.md, "Media specs to render for"), by target name. */
export const IMAGE_TARGETS: Record<string, [number, number]> = {
  vertical: [1080, 1920],
  portrait: [1080, 1350],
  square: [1080, 1080],
  linkedin: [1200, 627],
  x: [1600, 900],
};

/** The target name of a size, e.g. "portrait" for 1080x1350. */
export function targetOfSize(w: number, h: number): string {
  return Object.entries(IMAGE_TARGETS).find(([, [tw, th]]) => tw === w && th === h)?.[0] ?? `${w}x${h}`;
}

/** Renders branded images at the given sizes into `outDir` (JPEG), returning paths relative to `relBase`. */
export async function renderImages(a: {
  brand: Brand;
  fonts: Fonts;
  sizes: [number, number][];
  headline: string;
  keyLine: string;
  sources: SceneSources;
  outDir: string;
  relDir: string;
  stem: string;
}): Promise<RenderedImage[]> {
  const out: RenderedImage[] = [];
  for (const [i, [w, h]] of a.sizes.entries()) {
    const photo =
      w > h ? (a.sources.desktop ?? a.sources.ogImage ?? a.sources.generated?.[0]) : (a.sources.generated?.[0] ?? a.sources.ogImage);
    const background = photo
      ? await veil(await coverImage(photo, w, h, "background image"), w, h, a.brand.primary, 0.5)
      : await gradientBackground(a.brand, w, h, i + 3);
    const still = await composeStill(a.brand, a.fonts, {
      width: w,
      height: h,
      background,
      headline: a.headline,
      keyLine: a.keyLine,
      showUrl: true,
    });
    const target = targetOfSize(w, h);
    const name = `${a.stem}-${target}.jpg`;
    await (await loadSharp())(still.png).jpeg({ quality: 88, mozjpeg: true }).toFile(join(a.outDir, name));
    out.push({ path: `${a.relDir}/${name}`, width: w, height: h, target, contrast: Number(still.contrast.toFixed(2)) });
  }
  return out;
}
