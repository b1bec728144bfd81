import type { OverlayOptions, Sharp } from "sharp";
import { loadSharp } from "../../lib/sharp";
import type { Brand } from "../brand";
import { darken, toHex } from "../color";
import { coverImage } from "../backgrounds";
import { readLogo } from "../compose";
import type { IconName, Layer, Phase, ScenePlan, TextLine } from "../design/plan";
import type { Box } from "../design/tokens";
import type { Fonts } from "../fonts";
import { setText, setTextOnPlate } from "../text";

// 24 x 24 icons: filled shapes, or strokes where the path says so.
const ICONS: Record<IconName, { d: string; stroke?: boolean }> = {
  spark: { d: "M12 2l2.6 6.9 7.4.4-5.8 4.7 2 7.2L12 17.1 5.8 21.2l2-7.2L2 9.3l7.4-.4z" },
  bolt: { d: "M13.5 2L4 14h7l-1.5 8L20 10h-7z" },
  check: { d: "M4.5 12.5l5 5L19.5 7", stroke: true },
  quote: { d: "M3 19v-6c0-4.5 2.2-7.6 6.5-9l1 2C8 7 7 8.6 7 11h3.5v8zm10.5 0v-6c0-4.5 2.2-7.6 6.5-9l1 2c-2.5 1-3.5 2.6-3.5 5H21v8z" },
  person: { d: "M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zm-8.5 9c0-4.6 3.8-7.5 8.5-7.5s8.5 2.9 8.5 7.5z" },
  chart: { d: "M4 20h16M7 20v-5M12 20V9M17 20v-8M4 11l5-5 4 3 7-6", stroke: true },
  tag: { d: "M3 3h8.5L21 12.5 12.5 21 3 11.5zm4.5 3a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z" },
  heart: { d: "M12 21s-8.5-5.4-8.5-11.2A4.6 4.6 0 0 1 12 7.2a4.6 4.6 0 0 1 8.5 2.6C20.5 15.6 12 21 12 21z" },
};

function svgLayer(l: Layer): string {
  const { x, y, w, h } = l.box;
  if (l.kind === "rect")
    return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${l.radius}" fill="${toHex(l.fill)}" fill-opacity="${l.opacity ?? 1}"/>`;
  if (l.kind === "picture") return `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="#000"/>`;
  if (l.kind === "device")
    return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${l.radius}" fill="${toHex(l.color)}"/><rect x="${x + w * 0.38}" y="${y + h * 0.012}" width="${w * 0.24}" height="${Math.max(3, h * 0.012)}" rx="${h * 0.006}" fill="#000"/>`;
  if (l.kind === "icon") {
    const i = ICONS[l.icon];
    const paint = i.stroke
      ? `fill="none" stroke="${toHex(l.color)}" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"`
      : `fill="${toHex(l.color)}"`;
    return `<svg x="${x}" y="${y}" width="${w}" height="${h}" viewBox="0 0 24 24"><path d="${i.d}" ${paint}/></svg>`;
  }
  return "";
}

const backgrounds = new Map<string, Promise<Buffer>>();
const logos = new Map<string, Promise<Buffer>>();

// Drawn once per brand, size and seed within the process: a batch's shorts share their backgrounds and logos.
function cached(map: Map<string, Promise<Buffer>>, key: string, make: () => Promise<Buffer>): Promise<Buffer> {
  let v = map.get(key);
  if (!v) {
    if (map.size > 64) map.delete(map.keys().next().value!);
    v = make();
    v.catch(() => map.delete(key));
    map.set(key, v);
  }
  return v;
}

/** The brand gradient with soft shapes for a scene (seed varies the angle and shapes). */
export function sceneBackground(plan: ScenePlan): Promise<Buffer> {
  const { from, to, seed } = plan.background;
  const W = plan.width;
  const H = plan.height;
  return cached(backgrounds, `${from}|${to}|${seed % 6}|${W}x${H}`, async () => {
    const r = (n: number) => (((Math.sin((seed % 6) * 12.9898 + n * 78.233) * 43758.5453) % 1) + 1) % 1;
    const shapes = [0, 1]
      .map(
        (i) =>
          `<circle cx="${Math.round(r(i) * W)}" cy="${Math.round(r(i + 3) * H)}" r="${Math.round((0.25 + r(i + 6) * 0.25) * W)}" fill="#ffffff" fill-opacity="${(0.06 + r(i + 9) * 0.05).toFixed(3)}"/>`,
      )
      .join("");
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><defs><linearGradient id="g" x1="${seed % 2 ? 1 : 0}" y1="0" x2="${seed % 2 ? 0 : 1}" y2="1"><stop offset="0" stop-color="${toHex(from)}"/><stop offset="1" stop-color="${toHex(to)}"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#g)"/>${shapes}</svg>`;
    return (await loadSharp())(Buffer.from(svg)).png({ compressionLevel: 1 }).toBuffer();
  });
}

// The logo file fitted to its box, else a monogram in the brand colour (the logo is on every scene either way).
async function logoInto(brand: Brand, fonts: Fonts, box: Box, centre: boolean): Promise<OverlayOptions> {
  const key = `${brand.logoFile ?? `monogram:${brand.name}:${brand.primary}`}|${box.w}x${box.h}`;
  const png = await cached(logos, key, async () => {
    if (brand.logoFile) return readLogo(brand.logoFile, box.w, box.h);
    const s = box.h;
    const mark = await setText({
      text: [...brand.name.trim()][0]?.toUpperCase() ?? "•",
      fontFile: fonts.bold,
      bold: true,
      color: [255, 255, 255],
      maxWidth: s,
      maxHeight: Math.round(s * 0.8),
      maxSize: Math.round(s * 0.6),
    });
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}"><rect width="${s}" height="${s}" rx="${Math.round(s * 0.24)}" fill="${toHex(darken(brand.primary, 0.35))}" stroke="#ffffff" stroke-width="${Math.max(2, Math.round(s * 0.04))}"/></svg>`;
    return (await loadSharp())(Buffer.from(svg))
      .composite([{ input: mark.png, left: Math.round((s - mark.width) / 2), top: Math.round((s - mark.height) / 2) }])
      .png()
      .toBuffer();
  });
  const meta = await (await loadSharp())(png).metadata();
  const left = centre ? box.x + Math.round((box.w - meta.width!) / 2) : box.x;
  return { input: png, left, top: box.y + Math.round((box.h - meta.height!) / 2) };
}

// A render draws each still ahead, while the voice is spoken, and again when it writes the scene lists: the second
// call finds the first's PNG here. Keyed by the objects a still is made from (a phase and its sources, a base still
// and its text), so equal inputs give the same still, and entries go with the render's plans and buffers.
const drawn = new WeakMap<object, WeakMap<object, Map<string, Promise<Buffer>>>>();

function once(a: object, b: object, key: string, make: () => Promise<Buffer>): Promise<Buffer> {
  let byA = drawn.get(a);
  if (!byA) drawn.set(a, (byA = new WeakMap()));
  let byB = byA.get(b);
  if (!byB) byA.set(b, (byB = new Map()));
  let v = byB.get(key);
  if (!v) {
    v = make();
    const m = byB;
    v.catch(() => m.delete(key));
    m.set(key, v);
  }
  return v;
}

// Stills are opaque: written as RGB, the encode decodes 3 bytes a pixel instead of 4 (each queued 1080x1920 frame
// is 6 MB instead of 8 MB in ffmpeg's memory).
async function opaquePng(img: Sharp): Promise<Buffer> {
  return img.removeAlpha().png({ compressionLevel: 1 }).toBuffer();
}

/** What a phase draws besides its plan: the brand, fonts and the screenshot crop for a device screen. */
export interface DrawSources {
  brand: Brand;
  fonts: Fonts;
  screen?: Buffer;
  /** The scene's generated image, for a picture layer (a clip's box is drawn dark here and played over in the encode). */
  picture?: Buffer;
}

/** A phase's elements over the background, without text (PNG); drawn once per phase and sources. */
export function drawPhase(plan: ScenePlan, phase: Phase, src: DrawSources): Promise<Buffer> {
  return once(phase, src, "", () => drawPhaseNow(plan, phase, src));
}

async function drawPhaseNow(plan: ScenePlan, phase: Phase, src: DrawSources): Promise<Buffer> {
  const sharp = await loadSharp();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${plan.width}" height="${plan.height}">${phase.layers.map(svgLayer).join("")}</svg>`;
  const over: OverlayOptions[] = [{ input: Buffer.from(svg), left: 0, top: 0 }];
  for (const l of phase.layers) {
    if (l.kind === "logo") over.push(await logoInto(src.brand, src.fonts, l.box, plan.template === "end"));
    if (l.kind === "screen" && src.screen) {
      const mask = Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${l.box.w}" height="${l.box.h}"><rect width="${l.box.w}" height="${l.box.h}" rx="${l.radius}" fill="#fff"/></svg>`,
      );
      const shot = await sharp(src.screen)
        .resize(l.box.w, l.box.h, { fit: "cover", position: "top" })
        .composite([{ input: mask, blend: "dest-in" }])
        .png()
        .toBuffer();
      over.push({ input: shot, left: l.box.x, top: l.box.y });
    }
    if (l.kind === "picture" && src.picture) {
      over.push({ input: await coverImage(src.picture, l.box.w, l.box.h, "generated image"), left: l.box.x, top: l.box.y });
    }
  }
  return opaquePng(sharp(await sceneBackground(plan)).composite(over));
}

async function placeLine(l: TextLine, fonts: Fonts): Promise<OverlayOptions> {
  const t = await setText({
    text: l.text,
    fontFile: l.bold ? fonts.bold : fonts.regular,
    bold: l.bold,
    color: l.color,
    maxWidth: l.box.w,
    maxHeight: l.box.h,
    maxSize: l.size,
    minSize: Math.min(18, l.size),
    align: l.align,
  });
  const left = l.align === "centre" ? l.box.x + Math.round((l.box.w - t.width) / 2) : l.box.x;
  const top = l.align === "centre" ? l.box.y + Math.round((l.box.h - t.height) / 2) : l.box.y;
  return { input: t.png, left, top };
}

/** The phase's still with its text lines set, each fitted inside its box; drawn once per base still and lines. */
export function withText(base: Buffer, lines: TextLine[], fonts: Fonts): Promise<Buffer> {
  return once(base, lines, fonts.bold + "|" + fonts.regular, async () => {
    const over = await Promise.all(lines.map((l) => placeLine(l, fonts)));
    return opaquePng((await loadSharp())(base).composite(over));
  });
}

/** The voice phase's still with one caption chunk on its plate, centred in the caption band; drawn once per base, plan and text. */
export function withCaption(base: Buffer, plan: ScenePlan, text: string, fonts: Fonts): Promise<Buffer> {
  return once(base, plan, `${fonts.bold}|${text}`, async () => {
    const c = plan.caption;
    const t = await setTextOnPlate(
      { text, fontFile: fonts.bold, bold: true, color: c.color, maxWidth: c.box.w, maxHeight: c.box.h, maxSize: c.size, align: "centre" },
      c.on,
      1,
      Math.round(c.size * 0.45),
    );
    const at = { left: c.box.x + Math.round((c.box.w - t.width) / 2), top: c.box.y + Math.round((c.box.h - t.height) / 2) };
    return opaquePng((await loadSharp())(base).composite([{ input: t.png, ...at }]));
  });
}
