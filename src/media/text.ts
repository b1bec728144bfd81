import { stripControlChars } from "../lib/control-chars";
import { loadSharp } from "../lib/sharp";
import { existsSync } from "node:fs";
import { toHex, type Rgb } from "./color";
import { fontFamily, MissingFontError } from "./fonts";

/** What to set: the text, the font file, the box it must fit and the largest size to try. */
export interface TextBlock {
  text: string;
  fontFile: string;
  bold?: boolean;
  color: Rgb;
  maxWidth: number;
  maxHeight: number;
  maxSize: number;
  minSize?: number;
  align?: "left" | "centre" | "right";
}

/** A transparent PNG of the set text, and its measured size. */
export interface SetText {
  png: Buffer;
  width: number;
  height: number;
  size: number;
}

/** Escapes text for Pango markup (XML): & < > " ' would otherwise be read as markup; control characters (invalid XML) are dropped. */
export function escapeMarkup(s: string): string {
  return stripControlChars(s)
    .replace(/\t/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/**
 * Sets text with Pango (through sharp) word-wrapped to maxWidth, shrinking the size until the
 * measured block fits maxHeight; Pango shapes Arabic and other scripts and falls back per glyph.
 */
export async function setText(b: TextBlock): Promise<SetText> {
  if (!existsSync(b.fontFile))
    throw new MissingFontError(`font file not found: ${b.fontFile}; install fonts-dejavu-core or set media.font_bold / media.font_regular`);
  const text = b.text.trim() || " ";
  const min = b.minSize ?? 18;
  for (let size = b.maxSize; ; size = Math.max(min, Math.floor(size * 0.88))) {
    const markup = `<span foreground="${toHex(b.color)}">${escapeMarkup(text)}</span>`;
    const img = (await loadSharp())({
      text: {
        text: markup,
        font: `${fontFamily(b.fontFile)}${b.bold ? " Bold" : ""} ${size}`,
        fontfile: b.fontFile,
        width: b.maxWidth,
        rgba: true,
        wrap: "word-char",
        align: b.align ?? "centre",
        dpi: 72,
        spacing: Math.round(size * 0.15),
      },
    });
    const { data, info } = await img.png().toBuffer({ resolveWithObject: true });
    if ((info.height <= b.maxHeight && info.width <= b.maxWidth) || size === min) {
      if (info.height > b.maxHeight)
        return {
          png: await (await loadSharp())(data).resize({ height: b.maxHeight, fit: "inside" }).png().toBuffer(),
          width: Math.round((info.width * b.maxHeight) / info.height),
          height: b.maxHeight,
          size,
        };
      return { png: data, width: info.width, height: info.height, size };
    }
  }
}

/** Sets text on a rounded plate of `plate` colour with padding (captions and labels stay readable on any background). */
export async function setTextOnPlate(b: TextBlock, plate: Rgb, opacity = 0.78, padding = 24): Promise<SetText> {
  // Small frames (test renders, thumbnails) shrink the padding so the text keeps room.
  const pad = Math.max(2, Math.min(padding, Math.floor(b.maxHeight / 4), Math.floor(b.maxWidth / 8)));
  const t = await setText({ ...b, maxWidth: b.maxWidth - pad * 2, maxHeight: b.maxHeight - pad * 2 });
  const w = t.width + pad * 2;
  const h = t.height + pad * 2;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" rx="${Math.min(28, h / 4)}" fill="${toHex(plate)}" fill-opacity="${opacity}"/></svg>`;
  const png = await (await loadSharp())(Buffer.from(svg))
    .composite([{ input: t.png, left: pad, top: pad }])
    .png()
    .toBuffer();
  return { png, width: w, height: h, size: t.size };
}
