import type { Brand } from "../brand";
import { contrastRatio, darken, readableOn, type Rgb } from "../color";

/** A rectangle in frame pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The design system for one frame size and brand: type scale, spacing and the colours every template draws with. */
export interface Tokens {
  width: number;
  height: number;
  /** Type sizes in pixels, a major-third scale from the caption size. */
  type: { label: number; body: number; caption: number; title: number; display: number };
  /** Space between blocks and inside cards. */
  gap: number;
  pad: number;
  radius: number;
  colors: {
    /** The background gradient's two ends (brand colours, deepened). */
    bgFrom: Rgb;
    bgTo: Rgb;
    /** Cards: near-white surface with near-black text. */
    surface: Rgb;
    onSurface: Rgb;
    /** The brand colour as a text colour on the surface (darkened until it reaches 4.5:1). */
    accentText: Rgb;
    /** Solid brand plates (badges, link pills, kinetic captions) and the text on them. */
    accent: Rgb;
    onAccent: Rgb;
    /** Caption plates: a deep shade of the brand with white text. */
    plate: Rgb;
    onPlate: Rgb;
  };
}

const SURFACE: Rgb = [250, 250, 252];
const INK: Rgb = [17, 24, 39];

/** Tokens for a w x h frame in the brand's colours; every text/background pair they name reaches WCAG 4.5:1. */
export function designTokens(brand: Brand, w: number, h: number): Tokens {
  const base = Math.min(w, h);
  const caption = Math.round(base * 0.058);
  const accent = readableOn(brand.primary, 4.5);
  let accentText = brand.primary;
  for (let i = 0; i < 20 && contrastRatio(accentText, SURFACE) < 4.5; i++) accentText = darken(accentText, 0.12);
  const plate = readableOn(darken(brand.primary, 0.55), 7);
  return {
    width: w,
    height: h,
    type: {
      label: Math.round(caption * 0.8),
      body: caption,
      caption: Math.round(caption * 1.1),
      title: Math.round(caption * 1.25 * 1.25),
      display: Math.round(caption * 1.25 ** 4),
    },
    gap: Math.round(base * 0.035),
    pad: Math.round(base * 0.05),
    radius: Math.round(base * 0.04),
    colors: {
      bgFrom: brand.primary,
      bgTo: darken(brand.secondary, 0.45),
      surface: SURFACE,
      onSurface: INK,
      accentText,
      accent: accent.background,
      onAccent: accent.text,
      plate: plate.background,
      onPlate: plate.text,
    },
  };
}
