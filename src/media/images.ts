import { join } from "node:path";
import { loadSharp } from "../lib/sharp";
import { displayUrl, type Brand } from "./brand";
import type { Fonts } from "./fonts";
import { layerContrast } from "./image-templates/checks";
import { planCard, postCard, type CardFacts, type CardSpec } from "./image-templates/choose";
import type { BrandLook } from "./image-templates/frame";
import type { ImagePlan, TemplateName } from "./image-templates/plan";
import { renderPlan } from "./image-templates/render";

/** One rendered image: where it is (relative to the media dir), its size, what it is for, its template and lowest contrast. */
export interface RenderedImage {
  path: string;
  width: number;
  height: number;
  target: string;
  contrast: number;
  template?: TemplateName;
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

/** What the templates need of the brand: the name, the link as people read it, the colours and the logo. */
export function brandLook(brand: Brand): BrandLook {
  return { name: brand.name, link: displayUrl(brand.url), primary: brand.primary, secondary: brand.secondary, logoFile: brand.logoFile };
}

/** The lowest contrast any text of a plan reaches (what the item records). */
export function lowestContrast(plan: ImagePlan): number {
  const all = plan.texts.filter((t) => t.lines.length).map((t) => layerContrast(plan, t));
  return Number(Math.min(...all).toFixed(2));
}

/** Renders one card to a JPEG file; returns its record. */
export async function renderCardFile(
  spec: CardSpec,
  card: { brand: Brand; fonts: Fonts; size: [number, number]; variant: number; counter?: string },
  file: { outDir: string; relDir: string; name: string; target: string },
): Promise<RenderedImage & { plan: ImagePlan; drawn: Awaited<ReturnType<typeof renderPlan>>["drawn"] }> {
  const [width, height] = card.size;
  const plan = planCard(spec, { width, height, brand: brandLook(card.brand), variant: card.variant, counter: card.counter });
  const { png, drawn } = await renderPlan(plan, card.fonts);
  await (await loadSharp())(png).jpeg({ quality: 88, mozjpeg: true }).toFile(join(file.outDir, file.name));
  return {
    path: `${file.relDir}/${file.name}`,
    width,
    height,
    target: file.target,
    contrast: lowestContrast(plan),
    template: plan.template,
    plan,
    drawn,
  };
}

/**
 * Renders an image post at the given sizes into `outDir` (JPEG), one template for the post (chosen from what its words
 * state, varied by `seed`) drawn at every size, returning paths relative to `relDir`.
 */
export async function renderImages(a: {
  brand: Brand;
  fonts: Fonts;
  sizes: [number, number][];
  headline: string;
  keyLine: string;
  caption: string;
  facts: CardFacts;
  seed: number;
  outDir: string;
  relDir: string;
  stem: string;
}): Promise<RenderedImage[]> {
  const spec = postCard({ hook: a.headline, keyLine: a.keyLine, caption: a.caption }, a.facts, a.seed);
  const out: RenderedImage[] = [];
  for (const size of a.sizes) {
    const target = targetOfSize(size[0], size[1]);
    const {
      plan: _plan,
      drawn: _drawn,
      ...image
    } = await renderCardFile(
      spec,
      { brand: a.brand, fonts: a.fonts, size, variant: a.seed },
      { outDir: a.outDir, relDir: a.relDir, name: `${a.stem}-${target}.jpg`, target },
    );
    out.push(image);
  }
  return out;
}

/**
 * A short's cover at the video's size: the card its hook and caption call for (as an image post's: headline, or the
 * stat, price, quote or feature they state), varied by `seed`.
 */
export async function renderCover(a: {
  brand: Brand;
  fonts: Fonts;
  size: [number, number];
  hook: string;
  keyLine?: string;
  caption: string;
  facts: CardFacts;
  seed: number;
  outDir: string;
  relDir: string;
  name: string;
}): Promise<RenderedImage> {
  const {
    plan: _plan,
    drawn: _drawn,
    ...image
  } = await renderCardFile(
    postCard({ hook: a.hook, keyLine: a.keyLine ?? "", caption: a.caption }, a.facts, a.seed),
    { brand: a.brand, fonts: a.fonts, size: a.size, variant: a.seed },
    { outDir: a.outDir, relDir: a.relDir, name: a.name, target: "cover" },
  );
  return image;
}

/** A number that moves with the item and the day, so the cards of one day, and of one post on two days, differ. */
export function cardSeed(itemId: number, now: Date): number {
  return itemId + Math.floor(now.getTime() / 86_400_000);
}
