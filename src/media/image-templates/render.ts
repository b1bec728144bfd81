import type { OverlayOptions } from "sharp";
import { loadSharp } from "../../lib/sharp";
import { toHex } from "../color";
import { readLogo } from "../compose";
import { fontFamily, type Fonts } from "../fonts";
import { escapeMarkup } from "../text";
import type { Box, ImagePlan, TextLayer } from "./plan";

/** A rendered plan: the PNG, and where each text really landed once its glyphs were measured. */
export interface RenderedPlan {
  png: Buffer;
  drawn: { role: TextLayer["role"]; box: Box; size: number }[];
}

// The background, panels, decoration and icons as one SVG.
function shapesSvg(plan: ImagePlan): string {
  const { width: w, height: h } = plan;
  const a = (plan.background.angle * Math.PI) / 180;
  const [x, y] = [Math.cos(a) * 0.5, Math.sin(a) * 0.5];
  const stops = plan.background.stops
    .map((c, i, all) => `<stop offset="${all.length > 1 ? i / (all.length - 1) : 0}" stop-color="${toHex(c)}"/>`)
    .join("");
  const shapes = plan.shapes
    .map((s) =>
      s.kind === "rect"
        ? `<rect x="${s.box.left}" y="${s.box.top}" width="${s.box.width}" height="${s.box.height}" rx="${s.radius}" fill="${toHex(s.color)}" fill-opacity="${s.opacity}"/>`
        : `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${toHex(s.color)}" fill-opacity="${s.opacity}"/>`,
    )
    .join("");
  const icons = plan.icons
    .map(
      (i) =>
        `<path transform="translate(${i.box.left} ${i.box.top}) scale(${(Math.min(i.box.width, i.box.height) / 24).toFixed(4)})" fill-rule="evenodd" fill="${toHex(i.color)}" d="${i.path}"/>`,
    )
    .join("");
  const m = plan.logo.monogram;
  const b = plan.logo.box;
  const mono = m
    ? `<circle cx="${b.left + b.height / 2}" cy="${b.top + b.height / 2}" r="${b.height / 2}" fill="${toHex(m.background)}"/>`
    : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<defs><linearGradient id="bg" x1="${0.5 - x}" y1="${0.5 - y}" x2="${0.5 + x}" y2="${0.5 + y}">${stops}</linearGradient></defs>
<rect width="${w}" height="${h}" fill="url(#bg)"/>${shapes}${icons}${mono}</svg>`;
}

/** Sets one text layer's lines with Pango in the brand fonts; scaled down (never up) if the glyphs run wider than planned. */
async function drawText(t: TextLayer, fonts: Fonts): Promise<{ png: Buffer; width: number; height: number }> {
  const sharp = await loadSharp();
  const file = t.weight === "bold" ? fonts.bold : fonts.regular;
  const natural = Math.round(t.size * 1.17);
  const { data, info } = await sharp({
    text: {
      text: `<span foreground="${toHex(t.color)}">${t.lines.map(escapeMarkup).join("\n")}</span>`,
      font: `${fontFamily(file)}${t.weight === "bold" ? " Bold" : ""} ${t.size}`,
      fontfile: file,
      rgba: true,
      align: t.align,
      dpi: 72,
      spacing: Math.max(0, t.lineHeight - natural),
    },
  })
    .png()
    .toBuffer({ resolveWithObject: true });
  if (info.width <= t.box.width && info.height <= t.box.height) return { png: data, width: info.width, height: info.height };
  const scaled = await sharp(data)
    .resize({ width: t.box.width, height: t.box.height, fit: "inside" })
    .png()
    .toBuffer({ resolveWithObject: true });
  return { png: scaled.data, width: scaled.info.width, height: scaled.info.height };
}

/** Renders a plan with sharp: the SVG of shapes and icons, then the logo and every text composited on it. */
export async function renderPlan(plan: ImagePlan, fonts: Fonts): Promise<RenderedPlan> {
  const sharp = await loadSharp();
  const layers: OverlayOptions[] = [];
  const drawn: RenderedPlan["drawn"] = [];
  const { box, file, monogram } = plan.logo;
  if (file) {
    const logo = await readLogo(file, box.width, box.height);
    const m = await sharp(logo).metadata();
    const left = plan.template === "cta" ? box.left + Math.round((box.width - m.width!) / 2) : box.left;
    layers.push({ input: logo, left, top: box.top + Math.round((box.height - m.height!) / 2) });
  } else if (monogram) {
    const size = Math.round(box.height * 0.56);
    const letter = {
      role: "label" as const,
      box,
      lines: [monogram.letter],
      size,
      lineHeight: size,
      weight: "bold" as const,
      color: monogram.color,
      align: "centre" as const,
      cut: false,
    };
    const t = await drawText(letter, fonts);
    layers.push({
      input: t.png,
      left: box.left + Math.round((box.height - t.width) / 2),
      top: box.top + Math.round((box.height - t.height) / 2),
    });
  }
  for (const t of plan.texts.filter((x) => x.lines.length)) {
    const img = await drawText(t, fonts);
    const left =
      t.align === "left"
        ? t.box.left
        : t.align === "right"
          ? t.box.left + t.box.width - img.width
          : t.box.left + Math.round((t.box.width - img.width) / 2);
    // Pango crops to the ink, which is shorter than the planned lines: centre it in the box.
    const top = t.box.top + Math.max(0, Math.round((t.box.height - img.height) / 2));
    layers.push({ input: img.png, left, top });
    drawn.push({ role: t.role, box: { left, top, width: img.width, height: img.height }, size: t.size });
  }
  const png = await sharp(Buffer.from(shapesSvg(plan)))
    .composite(layers)
    .png({ compressionLevel: 2 })
    .toBuffer();
  return { png, drawn };
}
