import { join } from "node:path";
import type { OverlayOptions } from "sharp";
import { loadSharp } from "../lib/sharp";
import type { Slide } from "../platforms/carousel";
import { gradientBackground } from "./backgrounds";
import { displayUrl, type Brand } from "./brand";
import { contrastRatio, readableOn, type Rgb } from "./color";
import { readLogo, safeZone } from "./compose";
import type { Fonts } from "./fonts";
import { setText, setTextOnPlate, type SetText } from "./text";

/** A box on an image, in pixels. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** One rendered slide: where it is (relative to the media dir), its size, the text's box and size, and its contrast. */
export interface RenderedSlide {
  path: string;
  width: number;
  height: number;
  target: string;
  contrast: number;
  /** Where the slide's text landed: always inside the image's safe zone. */
  textBox: Box;
  /** The type size the text was set at after shrinking to fit. */
  fontSize: number;
}

/** The most a slide's text is set at, as a share of the image's shorter side (the cover and the end are larger). */
const TYPE_SCALE: Record<Slide["kind"], number> = { cover: 0.095, fact: 0.07, cta: 0.085 };

async function meanColor(img: Buffer, r: Box): Promise<Rgb> {
  const s = await (await loadSharp())(img).extract(r).stats();
  return [s.channels[0]!.mean, s.channels[1]!.mean, s.channels[2]!.mean];
}

/**
 * Draws one slide on a brand gradient: the logo and the slide's number at the top, the text set in the brand's
 * fonts and shrunk (then wrapped) until its measured block fits the box between them, the site's address at the
 * bottom. The text colour (or a plate behind it) is picked for a WCAG contrast of at least 4.5:1.
 */
export async function composeSlide(
  brand: Brand,
  fonts: Fonts,
  s: { width: number; height: number; slide: Slide; index: number; total: number },
): Promise<{ png: Buffer; contrast: number; textBox: Box; fontSize: number }> {
  const { width: w, height: h } = s;
  const z = safeZone(w, h);
  const scale = Math.min(w, h);
  const background = await gradientBackground(brand, w, h, s.index + 1);
  const layers: OverlayOptions[] = [];
  const brandPlate = readableOn(brand.primary);
  const label = (text: string, maxSize: number, maxWidth: number) =>
    setTextOnPlate(
      {
        text,
        fontFile: fonts.bold,
        bold: true,
        color: brandPlate.text,
        maxWidth,
        maxHeight: Math.round(scale * 0.09),
        maxSize,
        align: "left",
      },
      brandPlate.background,
      0.95,
      14,
    );
  let headerHeight = 0;
  if (brand.logoFile) {
    const logo = await readLogo(brand.logoFile, Math.round(w * 0.14), Math.round(h * 0.08));
    layers.push({ input: logo, left: z.left, top: z.top });
    headerHeight = (await (await loadSharp())(logo).metadata()).height!;
  }
  const counter = await label(`${s.index + 1}/${s.total}`, Math.round(scale * 0.035), Math.round(z.width * 0.3));
  layers.push({ input: counter.png, left: z.left + z.width - counter.width, top: z.top });
  headerHeight = Math.max(headerHeight, counter.height);
  const url = await label(displayUrl(brand.url), Math.round(scale * (s.slide.kind === "cta" ? 0.05 : 0.035)), z.width);
  layers.push({ input: url.png, left: z.left, top: z.top + z.height - url.height });
  const gap = Math.round(scale * 0.04);
  const area: Box = {
    left: z.left,
    top: z.top + headerHeight + gap,
    width: z.width,
    height: z.height - headerHeight - url.height - gap * 2,
  };
  const bgMean = await meanColor(background, area);
  const pick = readableOn(bgMean, 4.5);
  // readableOn hands back the same background when white or black text passes on it; a darker one means a plate.
  const needsPlate = pick.background !== bgMean;
  const block = {
    text: s.slide.text,
    fontFile: s.slide.kind === "fact" ? fonts.regular : fonts.bold,
    bold: s.slide.kind !== "fact",
    color: pick.text,
    maxWidth: area.width,
    maxHeight: area.height,
    maxSize: Math.round(scale * TYPE_SCALE[s.slide.kind]),
    minSize: Math.max(12, Math.round(scale * 0.025)),
    align: "left" as const,
  };
  const text: SetText = needsPlate ? await setTextOnPlate(block, pick.background, 0.85) : await setText(block);
  const textBox: Box = {
    left: area.left,
    top: area.top + Math.max(0, Math.round((area.height - text.height) / 2)),
    width: text.width,
    height: text.height,
  };
  layers.push({ input: text.png, left: textBox.left, top: textBox.top });
  const png = await (await loadSharp())(background).composite(layers).png({ compressionLevel: 2 }).toBuffer();
  return { png, contrast: contrastRatio(pick.text, pick.background), textBox, fontSize: text.size };
}

/** Renders a carousel's slides at w x h into `outDir` as JPEG files named `<stem>-slide-<n>.jpg`, in order. */
export async function renderSlides(a: {
  brand: Brand;
  fonts: Fonts;
  slides: Slide[];
  size: [number, number];
  outDir: string;
  relDir: string;
  stem: string;
  onSlide?: (done: number, total: number) => void;
}): Promise<RenderedSlide[]> {
  const [w, h] = a.size;
  const out: RenderedSlide[] = [];
  for (const [i, slide] of a.slides.entries()) {
    const drawn = await composeSlide(a.brand, a.fonts, { width: w, height: h, slide, index: i, total: a.slides.length });
    const name = `${a.stem}-slide-${i + 1}.jpg`;
    await (await loadSharp())(drawn.png).jpeg({ quality: 88, mozjpeg: true }).toFile(join(a.outDir, name));
    out.push({
      path: `${a.relDir}/${name}`,
      width: w,
      height: h,
      target: `slide-${i + 1}`,
      contrast: Number(drawn.contrast.toFixed(2)),
      textBox: drawn.textBox,
      fontSize: drawn.fontSize,
    });
    a.onSlide?.(i + 1, a.slides.length);
  }
  return out;
}
