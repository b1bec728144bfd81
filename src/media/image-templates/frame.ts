import { darken, type Rgb } from "../color";
import { backdropsUnder } from "./checks";
import { fitText } from "./fit";
import type { Box, ImagePlan, LogoSlot, Shape, TemplateName, TextLayer, TextRole } from "./plan";
import { accentText, darkenUntilReadable, gapOf, INK, mix, readableText, safeArea, typeSize } from "./style";

/** What a card needs from the brand: its name, the link people read, its colours and the logo file if any. */
export interface BrandLook {
  name: string;
  link: string;
  primary: Rgb;
  secondary: Rgb;
  logoFile?: string;
}

/** The size and the look of one card: `variant` picks the colour style and the decoration, so cards of a day differ. */
export interface CardInput {
  width: number;
  height: number;
  brand: BrandLook;
  variant: number;
  /** A small label at the top right, e.g. a carousel's "2/5". */
  counter?: string;
}

/** The card's frame: the plan so far (background, logo, link, decoration) and the free box the template fills. */
export interface Frame {
  plan: ImagePlan;
  content: Box;
  /** The brand colour as text that reads on this background (figures, prices). */
  accent: Rgb;
}

const STYLES = ["deep", "brand", "paper"] as const;
// The most the two soft circles lighten what is under them where they cross (0.08 and 0.06 opacity).
const DECORATION_VEIL = 0.14;

/** The background stops of a style: deep (dark brand), brand (the colour itself, darkened if text cannot read on it), paper. */
function backgroundOf(style: (typeof STYLES)[number], b: BrandLook): Rgb[] {
  if (style === "deep") return [darken(b.primary, 0.62), darken(mix(b.primary, b.secondary, 0.5), 0.74)];
  if (style === "paper") return [[250, 250, 248], mix([250, 250, 248], b.primary, 0.08)];
  // Light brand colours keep dark text; others are darkened until white reads through the decoration too.
  const stops: Rgb[] = [b.primary, mix(b.primary, b.secondary, 0.35)];
  const withVeil = [...stops, ...stops.map((s) => mix(s, [255, 255, 255], DECORATION_VEIL))];
  return readableText(withVeil) ? stops : darkenUntilReadable(stops, DECORATION_VEIL);
}

/** A fitted text block placed at (left, top) in a box of the given width, coloured to read on what is behind it. */
export function placeText(
  plan: Pick<ImagePlan, "background" | "shapes">,
  o: {
    role: TextRole;
    text: string;
    left: number;
    top: number;
    width: number;
    height: number;
    maxSize: number;
    minSize: number;
    weight: "bold" | "regular";
    align?: TextLayer["align"];
    color?: Rgb;
    leading?: number;
    maxLines?: number;
  },
): TextLayer {
  const f = fitText(o.text, o.width, o.height, { maxSize: o.maxSize, minSize: o.minSize, leading: o.leading, maxLines: o.maxLines });
  const box = { left: o.left, top: o.top, width: o.width, height: Math.max(1, f.height) };
  const behind = backdropsUnder(plan, box);
  const color = readableText(behind, o.color) ?? readableText(behind) ?? [255, 255, 255];
  const align = o.align === "centre" ? "centre" : isRtl(o.text) ? "right" : (o.align ?? "left");
  return { role: o.role, box, lines: f.lines, size: f.size, lineHeight: f.lineHeight, weight: o.weight, color, align, cut: f.cut };
}

/** True when the text's first strong letter is Hebrew or Arabic (the block is then set from the right). */
export function isRtl(text: string): boolean {
  const m = /[\p{L}]/u.exec(text);
  return !!m && /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u.test(m[0]);
}

/** Moves a text layer down by dy pixels. */
export function shift(t: TextLayer, dy: number): TextLayer {
  return { ...t, box: { ...t.box, top: t.box.top + dy } };
}

/** Soft circles in two corners (kept clear of the content box by the caller's choice of corners). */
function decoration(w: number, h: number, variant: number, tint: Rgb): Shape[] {
  const r = Math.round(Math.max(w, h) * 0.28);
  const corner = variant % 2 === 0;
  return [
    {
      kind: "circle",
      cx: corner ? w + Math.round(r * 0.2) : -Math.round(r * 0.2),
      cy: -Math.round(r * 0.25),
      r,
      color: tint,
      opacity: 0.08,
    },
    {
      kind: "circle",
      cx: corner ? -Math.round(r * 0.3) : w + Math.round(r * 0.3),
      cy: h + Math.round(r * 0.1),
      r,
      color: tint,
      opacity: 0.06,
    },
  ];
}

/**
 * Builds the frame every template shares: the style's background and decoration, the logo (the file, else a
 * monogram with the name beside it) at the top left of the safe area, an optional counter at the top right, and
 * the link on a pill at the bottom; returns the box left between them. `bare` leaves header and footer out
 * (the end card places its own logo and link).
 */
export function frame(template: TemplateName, c: CardInput, o: { bare?: boolean } = {}): Frame {
  const { width: w, height: h, brand } = c;
  const style = STYLES[c.variant % STYLES.length]!;
  const stops = backgroundOf(style, brand);
  const safe = safeArea(w, h);
  const tint: Rgb = style === "paper" ? brand.primary : [255, 255, 255];
  const plan: ImagePlan = {
    template,
    width: w,
    height: h,
    safe,
    background: { stops, angle: 90 + ((c.variant * 37) % 60) },
    shapes: decoration(w, h, c.variant, tint),
    icons: [],
    logo: { box: { left: safe.left, top: safe.top, width: 0, height: 0 } },
    texts: [],
  };
  const accent = accentText(brand.primary, stops);
  if (o.bare) return { plan, content: safe, accent };
  const logoSize = typeSize("h1", w, h);
  plan.logo = logoSlot(
    brand,
    { left: safe.left, top: safe.top, width: brand.logoFile ? logoSize * 3 : logoSize, height: logoSize },
    accent,
    stops,
  );
  const small = typeSize("small", w, h);
  if (!brand.logoFile)
    plan.texts.push(
      placeText(plan, {
        role: "wordmark",
        text: brand.name,
        left: safe.left + logoSize + gapOf(w, h, 0.5),
        top: safe.top + Math.round((logoSize - small * 1.22) / 2),
        width: Math.round(safe.width * 0.55) - logoSize,
        height: Math.round(small * 1.25),
        maxSize: small,
        minSize: Math.round(small * 0.7),
        weight: "bold",
        maxLines: 1,
      }),
    );
  if (c.counter) {
    const cw = Math.round(safe.width * 0.2);
    plan.texts.push(
      placeText(plan, {
        role: "label",
        text: c.counter,
        left: safe.left + safe.width - cw,
        top: safe.top + Math.round((logoSize - small * 1.22) / 2),
        width: cw,
        height: Math.round(small * 1.25),
        maxSize: small,
        minSize: Math.round(small * 0.7),
        weight: "bold",
        align: "right",
        maxLines: 1,
      }),
    );
  }
  const link = linkPill(
    plan,
    brand.link,
    { left: safe.left, bottom: safe.top + safe.height, width: safe.width },
    typeSize("small", w, h),
    brand,
  );
  const gap = gapOf(w, h);
  const top = safe.top + logoSize + gap;
  return { plan, content: { left: safe.left, top, width: safe.width, height: link.top - gap - top }, accent };
}

/** The logo slot: the file when there is one, else a monogram of the name's first letter on the accent colour. */
export function logoSlot(brand: BrandLook, box: Box, accent: Rgb, stops: Rgb[]): LogoSlot {
  if (brand.logoFile) return { box, file: brand.logoFile };
  const letter = [...brand.name.trim()][0]?.toUpperCase() ?? "•";
  const background = accent;
  return { box, monogram: { letter, background, color: readableText([background]) ?? readableText(stops) ?? INK } };
}

/** The link on a rounded pill in the brand colour, bottom-aligned at `bottom`; returns its top. */
export function linkPill(
  plan: ImagePlan,
  link: string,
  at: { left: number; bottom: number; width: number; centre?: boolean },
  size: number,
  brand: BrandLook,
): { top: number } {
  const pad = Math.round(size * 0.6);
  const f = fitText(link, at.width - pad * 2, Math.round(size * 1.3), { maxSize: size, minSize: Math.round(size * 0.6), maxLines: 1 });
  const pillW = Math.min(at.width, Math.ceil(f.width) + pad * 2);
  const pillH = f.lineHeight + pad;
  const left = at.centre ? at.left + Math.round((at.width - pillW) / 2) : at.left;
  const box = { left, top: at.bottom - pillH, width: pillW, height: pillH };
  const fill = readableText([brand.primary]) ? brand.primary : darkenUntilReadable([brand.primary])[0]!;
  plan.shapes.push({ kind: "rect", box, color: fill, opacity: 1, radius: Math.round(pillH / 2) });
  plan.texts.push(
    placeText(plan, {
      role: "link",
      text: link,
      left: left + pad,
      top: box.top + Math.round((pillH - f.lineHeight) / 2),
      width: pillW - pad * 2,
      height: f.lineHeight,
      maxSize: f.size,
      minSize: f.size,
      weight: "bold",
      maxLines: 1,
    }),
  );
  return { top: box.top };
}

/** One block of a template's stack: its text and how large it may be set. */
export interface Block {
  role: TextRole;
  text: string;
  maxSize: number;
  minSize: number;
  weight: "bold" | "regular";
  /** The most of the content box's height it may take (0-1). */
  share: number;
  color?: Rgb;
  maxLines?: number;
  leading?: number;
}

/**
 * Sets blocks one under another in the content box (each fitted to its share of the height), then moves the whole
 * stack to the vertical middle (or keeps it at the top); returns the layers and where the stack begins and ends.
 */
export function stack(
  plan: ImagePlan,
  box: Box,
  blocks: Block[],
  o: { align?: TextLayer["align"]; middle?: boolean; gap: number },
): { layers: TextLayer[]; top: number; bottom: number } {
  let y = box.top;
  const layers: TextLayer[] = [];
  for (const b of blocks.filter((x) => x.text.trim())) {
    const t = placeText(plan, { ...b, left: box.left, top: y, width: box.width, height: Math.floor(box.height * b.share), align: o.align });
    layers.push(t);
    y += t.box.height + o.gap;
  }
  const used = y - o.gap - box.top;
  const dy = o.middle ? Math.max(0, Math.floor((box.height - used) / 2)) : 0;
  const placed = layers.map((t) => shift(t, dy));
  // Colours were picked where the text was first set; the move can put it over other shapes, so pick again.
  const final = placed.map((t) => {
    const behind = backdropsUnder(plan, t.box);
    return { ...t, color: readableText(behind, t.color) ?? readableText(behind) ?? t.color };
  });
  plan.texts.push(...final);
  return { layers: final, top: box.top + dy, bottom: box.top + dy + used };
}
