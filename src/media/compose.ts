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
