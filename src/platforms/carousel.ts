import type { PlatformId } from "./ids";

/** What a slide of a carousel is for: the cover with the hook, one fact, or the call to action at the end. */
export type SlideKind = "cover" | "fact" | "cta";

/** One slide of a carousel: its words (drawn on the image) and what it is for. */
export interface Slide {
  kind: SlideKind;
  text: string;
}

/** The fewest and most slides the writer makes for a carousel (cover, one to five facts, call to action). */
export const CAROUSEL_SLIDES: [number, number] = [3, 7];

/**
 * What each platform takes in one multi-image post, from its documentation (docs/platforms.md, "Carousels"):
 * Instagram 2-10 carousel children at 4:5, Facebook photos attached to one Page post at 4:5, LinkedIn multiImage
 * 2-20 images, square (its grid shows multi-image posts cropped to squares).
 */
export const CAROUSEL_LIMITS: Partial<Record<PlatformId, { min: number; max: number; size: [number, number] }>> = {
  instagram: { min: 2, max: 10, size: [1080, 1350] },
  facebook: { min: 2, max: 10, size: [1080, 1350] },
  linkedin: { min: 2, max: 20, size: [1080, 1080] },
};

/** The longest text a slide holds (the renderer shrinks the type to fit; a person editing gets this limit). */
export const SLIDE_TEXT_MAX = 220;

/** An item's stored slides (its `script` column holds `{slides: [...]}` for a carousel), or [] when it has none. */
export function readSlides(script: unknown): Slide[] {
  const raw = (script as { slides?: unknown } | null)?.slides;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((s) => {
    const o = s as Partial<Slide> | null;
    if (!o || typeof o.text !== "string" || o.text.trim() === "") return [];
    const kind: SlideKind = o.kind === "cover" || o.kind === "cta" ? o.kind : "fact";
    return [{ kind, text: o.text }];
  });
}

/** Problems with a carousel's slide count and texts for a platform, in sentences a person can act on. */
export function slideProblems(platform: PlatformId, slides: Slide[], label: string): string[] {
  const lim = CAROUSEL_LIMITS[platform];
  if (!lim) return [`${label} takes no carousels.`];
  const problems: string[] = [];
  if (slides.length < lim.min || slides.length > lim.max)
    problems.push(`${label} carousels take ${lim.min} to ${lim.max} slides; this one has ${slides.length}.`);
  slides.forEach((s, i) => {
    if ([...s.text].length > SLIDE_TEXT_MAX)
      problems.push(`Slide ${i + 1} has ${[...s.text].length} characters; a slide holds at most ${SLIDE_TEXT_MAX}.`);
  });
  return problems;
}
