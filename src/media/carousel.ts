import { CAROUSEL_LIMITS, readSlides, slideProblems } from "../platforms/carousel";
import type { PlatformId } from "../platforms/ids";
import { PLATFORM_RULES } from "../platforms/rules";
import type { Brand } from "./brand";
import type { CardFacts } from "./image-templates/choose";
import { cardSeed } from "./images";
import type { Fonts } from "./fonts";
import { renderSlides } from "./slides";
import type { ContentItem } from "./store";

/**
 * A carousel item's media: its stored slides drawn one image each, from the image templates (research facts pick
 * stat, price and testimonial cards), at the platform's carousel size (4:5 for
 * Instagram and Facebook, square for LinkedIn), in order, as `images`. Too few or too many slides fail the render
 * with what to change.
 */
export async function renderCarousel(
  item: ContentItem,
  brand: Brand,
  fonts: Fonts,
  o: { stage: string; relDir: string; facts: CardFacts; onProgress?: (pct: number, note: string) => void },
  now: Date,
): Promise<Record<string, unknown>> {
  const platform = item.platform as PlatformId;
  const slides = readSlides(item.script);
  const label = PLATFORM_RULES[platform]?.label ?? item.platform;
  const problems = slideProblems(platform, slides, label);
  if (problems.length) throw new Error(`${problems.join(" ")} Edit the slides or regenerate the copy`);
  o.onProgress?.(10, "drawing the slides");
  const images = await renderSlides({
    brand,
    fonts,
    slides,
    facts: o.facts,
    seed: cardSeed(item.id, now),
    size: CAROUSEL_LIMITS[platform]!.size,
    outDir: o.stage,
    relDir: o.relDir,
    stem: `item-${item.id}`,
    onSlide: (done, total) => o.onProgress?.(10 + Math.round((done / total) * 85), `drawing slide ${done} of ${total}`),
  });
  return { images, slides: slides.length, notes: [], renderedAt: now.toISOString() };
}
