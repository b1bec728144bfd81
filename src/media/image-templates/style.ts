import { contrastRatio, darken, type Rgb } from "../color";
import type { Box } from "./plan";

/** The least WCAG contrast any text on an image reaches (AA for body text). */
export const MIN_CONTRAST = 4.5;

/** Type sizes as shares of the image's shorter side: one scale for every template and size. */
export const TYPE_SCALE = {
  display: 0.2,
  h1: 0.088,
  h2: 0.066,
  body: 0.048,
  small: 0.034,
  min: 0.026,
} as const;

/** One step of the type scale, in pixels, for a w x h image. */
export function typeSize(step: keyof typeof TYPE_SCALE, w: number, h: number): number {
  return Math.max(12, Math.round(Math.min(w, h) * TYPE_SCALE[step]));
}

/** The gap between blocks, in pixels: a share of the shorter side. */
export function gapOf(w: number, h: number, times = 1): number {
  return Math.round(Math.min(w, h) * 0.035 * times);
}

/**
 * The part of a w x h image that platform interface leaves clear: tall (9:16) frames lose the bottom 20% and the right
 * 15% to buttons and captions; other frames keep an even margin of 6-7%.
 */
export function safeArea(w: number, h: number): Box {
  const vertical = h / w > 1.5;
  const left = Math.round(w * 0.06);
  const top = Math.round(h * (vertical ? 0.08 : 0.07));
  const right = Math.round(w * (vertical ? 0.15 : 0.06));
  const bottom = Math.round(h * (vertical ? 0.2 : 0.07));
  return { left, top, width: w - left - right, height: h - top - bottom };
}

/** The lowest contrast a colour reaches against any of the colours it may sit on. */
export function worstContrast(color: Rgb, backdrops: Rgb[]): number {
  return Math.min(...backdrops.map((b) => contrastRatio(color, b)));
}

const WHITE: Rgb = [255, 255, 255];
/** The near-black the light templates set their text in. */
export const INK: Rgb = [17, 24, 39];

/**
 * A text colour that reads on every backdrop colour: `preferred` when it passes, else white or near-black
 * (whichever contrasts more); undefined when none reaches MIN_CONTRAST (the caller darkens the backdrop).
 */
export function readableText(backdrops: Rgb[], preferred?: Rgb): Rgb | undefined {
  if (preferred && worstContrast(preferred, backdrops) >= MIN_CONTRAST) return preferred;
  const best = worstContrast(WHITE, backdrops) >= worstContrast(INK, backdrops) ? WHITE : INK;
  return worstContrast(best, backdrops) >= MIN_CONTRAST ? best : undefined;
}

/**
 * Backdrop colours darkened together, step by step, until white text reads on all of them, also where a veil of
 * white up to `veil` opacity (the cards' soft decoration) lies over them.
 */
export function darkenUntilReadable(backdrops: Rgb[], veil = 0): Rgb[] {
  const seen = (cs: Rgb[]) => [...cs, ...cs.map((c) => over(c, WHITE, veil))];
  let out = backdrops;
  for (let i = 0; i < 30 && worstContrast(WHITE, seen(out)) < MIN_CONTRAST; i++) out = out.map((c) => darken(c, 0.08));
  return out;
}

/**
 * An accent colour (the brand's) usable as text on the backdrops: the brand colour itself when it passes, else the
 * same hue darkened (on light backdrops) or lightened (on dark ones) until it does, else plain readable text.
 */
export function accentText(accent: Rgb, backdrops: Rgb[]): Rgb {
  if (worstContrast(accent, backdrops) >= MIN_CONTRAST) return accent;
  const lightBackdrop = worstContrast(INK, backdrops) > worstContrast(WHITE, backdrops);
  let c = accent;
  for (let i = 0; i < 20; i++) {
    c = lightBackdrop ? darken(c, 0.12) : (c.map((v) => v + (255 - v) * 0.15) as Rgb);
    if (worstContrast(c, backdrops) >= MIN_CONTRAST) return c.map(Math.round) as Rgb;
  }
  return readableText(backdrops) ?? WHITE;
}

/** Mixes two colours (t = 0 gives a, 1 gives b). */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return a.map((v, i) => Math.round(v + (b[i]! - v) * t)) as Rgb;
}

/** A colour seen through a layer of `top` at `opacity` over `under` (what the eye and the contrast check see). */
export function over(under: Rgb, top: Rgb, opacity: number): Rgb {
  return mix(under, top, opacity);
}
