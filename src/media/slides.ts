import type { Slide } from "../platforms/carousel";
import type { Brand } from "./brand";
import type { Fonts } from "./fonts";
import { renderCardFile, type RenderedImage } from "./images";
import { slideCard, type CardFacts } from "./image-templates/choose";
import type { Box } from "./image-templates/plan";

/** One rendered slide: its image record, and where the slide's own words landed and at which size. */
export interface RenderedSlide extends RenderedImage {
  /** Where the slide's text landed (measured after drawing): always inside the image's safe area. */
  textBox: Box;
  /** The type size the slide's text was set at after fitting. */
  fontSize: number;
}

/**
 * Renders a carousel's slides at w x h into `outDir` as JPEG files named `<stem>-slide-<n>.jpg`, in order, each from
 * the template its words call for (cover: headline card; a number: stat; a plan's price: price; a quote with its
 * person: testimonial; else a feature card; last: the end card). All slides of one carousel share a colour style
 * (picked by `seed`) and are numbered "n/total".
 */
export async function renderSlides(a: {
  brand: Brand;
  fonts: Fonts;
  slides: Slide[];
  facts: CardFacts;
  seed: number;
  size: [number, number];
  outDir: string;
  relDir: string;
  stem: string;
  onSlide?: (done: number, total: number) => void;
}): Promise<RenderedSlide[]> {
  const out: RenderedSlide[] = [];
  for (const [i, slide] of a.slides.entries()) {
    // Adding 3 keeps the colour style (variant mod 3) and turns the alignment and decoration from slide to slide.
    const variant = (Math.abs(a.seed) % 3) + i * 3;
    const { plan, drawn, ...image } = await renderCardFile(
      slideCard(slide, a.facts),
      { brand: a.brand, fonts: a.fonts, size: a.size, variant, counter: `${i + 1}/${a.slides.length}` },
      { outDir: a.outDir, relDir: a.relDir, name: `${a.stem}-slide-${i + 1}.jpg`, target: `slide-${i + 1}` },
    );
    // The slide's own words: the main text, else (a price card) the first price, else the end card's name.
    const own = drawn.find((d) => d.role === "main") ?? drawn.find((d) => d.role === "figure") ?? drawn[0]!;
    out.push({ ...image, textBox: own.box, fontSize: own.size });
    a.onSlide?.(i + 1, a.slides.length);
  }
  return out;
}
