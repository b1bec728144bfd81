import type { OverlayOptions } from "sharp";
import { loadSharp } from "../lib/sharp";
import { contrastRatio, readableOn, type Rgb } from "./color";
import { displayUrl, type Brand } from "./brand";
import type { Fonts } from "./fonts";
import { setText, setTextOnPlate } from "./text";
import { BadImageError } from "./backgrounds";
import { safeArea } from "./image-templates/style";

/** The part of a w x h frame that platform UI leaves clear: vertical frames lose the bottom 20% and right 15%. */
export function safeZone(w: number, h: number): { left: number; top: number; width: number; height: number } {
  return safeArea(w, h);
}

/** One branded still: background, logo, headline, key line and URL. */
export interface StillSpec {
  width: number;
  height: number;
  background: Buffer;
  headline: string;
  keyLine?: string;
  showUrl?: boolean;
  /** "center" sets the text block in the middle of the safe zone with a larger headline (end cards). */
  layout?: "top" | "center";
}

/** The composed image and the contrast its text reached (WCAG ratio). */
export interface Still {
  png: Buffer;
  contrast: number;
}

async function meanColor(img: Buffer, r: { left: number; top: number; width: number; height: number }): Promise<Rgb> {
  const s = await (await loadSharp())(img).extract(r).stats();
  return [s.channels[0]!.mean, s.channels[1]!.mean, s.channels[2]!.mean];
}

/** Composes a branded still inside the safe zone, with text colour (or a plate) chosen for WCAG contrast. */
export async function composeStill(brand: Brand, fonts: Fonts, spec: StillSpec): Promise<Still> {
  const { width: w, height: h } = spec;
  const z = safeZone(w, h);
  const layers: OverlayOptions[] = [];
  let y = z.top;
  if (brand.logoFile) {
    const logo = await readLogo(brand.logoFile, Math.round(w * 0.14), Math.round(h * 0.08));
    layers.push({ input: logo, left: z.left, top: y });
    y += (await (await loadSharp())(logo).metadata()).height! + Math.round(h * 0.03);
  }
  const textBox = { left: z.left, top: y, width: z.width, height: z.top + z.height - y };
  const bgMean = await meanColor(spec.background, textBox);
  const pick = readableOn(bgMean, 4.5);
  const needsPlate = pick.background !== bgMean;
  const scale = Math.min(w, h);
  const block = async (text: string, font: string, bold: boolean, maxSize: number, maxHeight: number) =>
    needsPlate
      ? setTextOnPlate(
          { text, fontFile: font, bold, color: pick.text, maxWidth: z.width, maxHeight, maxSize, align: "left" },
          pick.background,
        )
      : setText({ text, fontFile: font, bold, color: pick.text, maxWidth: z.width, maxHeight, maxSize, align: "left" });
  const center = spec.layout === "center";
  const head = await block(spec.headline, fonts.bold, true, Math.round(scale * (center ? 0.12 : 0.085)), Math.round(textBox.height * 0.5));
  const gap = Math.round(scale * 0.045);
  const key = spec.keyLine
    ? await block(spec.keyLine, fonts.regular, false, Math.round(scale * (center ? 0.065 : 0.05)), Math.round(textBox.height * 0.3))
    : undefined;
  const blockHeight = head.height + (key ? gap + key.height : 0);
  if (center) y = Math.max(y, Math.round(textBox.top + (textBox.height - blockHeight) / 2));
  layers.push({ input: head.png, left: z.left, top: y });
  if (key) layers.push({ input: key.png, left: z.left, top: y + head.height + gap });
  if (spec.showUrl !== false) {
    const url = await setTextOnPlate(
      {
        text: displayUrl(brand.url),
        fontFile: fonts.bold,
        bold: true,
        color: readableOn(brand.primary).text,
        maxWidth: z.width,
        maxHeight: Math.round(scale * 0.09),
        maxSize: Math.round(scale * (center ? 0.055 : 0.04)),
        align: "left",
      },
      readableOn(brand.primary).background,
      0.95,
      16,
    );
    layers.push({ input: url.png, left: z.left, top: z.top + z.height - url.height });
  }
  const png = await (await loadSharp())(spec.background).composite(layers).png({ compressionLevel: 2 }).toBuffer();
  return { png, contrast: contrastRatio(pick.text, pick.background) };
}

/** A logo file scaled to fit w x h (PNG); a file that cannot be read fails the render with its name. */
export async function readLogo(file: string, w: number, h: number): Promise<Buffer> {
  try {
    return await (await loadSharp())(file, { failOn: "error" }).resize({ width: w, height: h, fit: "inside" }).png().toBuffer();
  } catch (e) {
    throw new BadImageError(
      `cannot read the logo ${file.split("/").pop()}: ${e instanceof Error ? e.message : e}; upload the logo again as PNG, JPEG, WebP or SVG`,
    );
  }
}
