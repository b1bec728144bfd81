import { CAROUSEL_SLIDES, SLIDE_TEXT_MAX, type Slide } from "../../platforms/carousel";
import { concreteFacts, type ConcreteFact } from "./builtin/concrete";
import { fill, phrasesFor } from "./builtin/lang";
import type { Phrases } from "./builtin/lang/types";
import { asPhrase, dayNumber, endSentence, sentences, truncateWords } from "./builtin/text";
import type { PostParts, WriteRequest } from "./types";

/** The most fact slides between the cover and the call to action. */
const MAX_FACT_SLIDES = CAROUSEL_SLIDES[1] - 2;

/** A fact said on a slide: the site's own words, a quote with who said it, a price with its plan. */
function slideText(f: ConcreteFact, p: Phrases, name: string): string {
  const x = asPhrase(f.x);
  if (f.kind === "quote") return fill(p.frames.quote[0]!, { x, who: f.who, person: f.person, name });
  if (f.kind === "price") return fill(p.frames.price[1] ?? p.frames.price[0]!, { x, name, who: "", person: "" });
  return endSentence(x.charAt(0).toUpperCase() + x.slice(1));
}

/** The call to action as a slide says it: without the link (a slide cannot be clicked; the caption carries it). */
export function ctaSlideText(callToAction: string): string {
  return asPhrase(
    callToAction
      .replace(/https?:\/\/\S+/g, "")
      .replace(/→/g, " ")
      .replace(/\s+/g, " "),
  ).trim();
}

/**
 * A carousel's slides for a written post: the cover says the hook, then one concrete fact of the research per slide
 * (numbers, quotes, prices and uses in the site's words, so each rests on a snippet of the site), then the call to
 * action. The facts start at a place that moves with the date and the revision, so days and regenerations differ;
 * with too few facts the body's sentences fill in. The claims check reads every slide afterwards.
 */
export function writeSlides(parts: PostParts, req: WriteRequest): Slide[] {
  const { phrases } = phrasesFor(req.facts.language);
  const facts = concreteFacts(req.facts, phrases);
  const start = facts.length ? (dayNumber(req.localDate) + (req.revision ?? 0) * 3) % facts.length : 0;
  const rotated = [...facts.slice(start), ...facts.slice(0, start)];
  const texts: string[] = [];
  const add = (t: string) => {
    const s = truncateWords(t.trim(), SLIDE_TEXT_MAX);
    if (s && !texts.some((x) => x.toLowerCase() === s.toLowerCase()) && s.toLowerCase() !== parts.hook.toLowerCase()) texts.push(s);
  };
  for (const f of rotated) if (texts.length < MAX_FACT_SLIDES) add(slideText(f, phrases, req.facts.name));
  for (const s of sentences(parts.body)) if (texts.length < 1) add(s);
  return [
    { kind: "cover", text: truncateWords(parts.hook, SLIDE_TEXT_MAX) },
    ...texts.map((text) => ({ kind: "fact" as const, text })),
    { kind: "cta", text: ctaSlideText(parts.callToAction) || endSentence(fill(phrases.fallbackCta, { name: req.facts.name })) },
  ];
}

/** What an item stores in its `script` column: a carousel's slides as {slides}, else the video script (or null). */
export function itemScript(parts: Pick<PostParts, "script" | "slides">): Record<string, unknown> | null {
  if (parts.slides) return { slides: parts.slides };
  return parts.script as unknown as Record<string, unknown> | null;
}
