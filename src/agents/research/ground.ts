import { checkSentence } from "../creative/claims";
import { sentences } from "../creative/builtin/text";
import { bestOverlap, buildEvidence, findPhrase, normalize, wordsKnown, type Evidence, type Snippet } from "./evidence";
import type { FactSource, ProductFacts } from "./facts";

/** The snippet a fact comes from: one that contains it, else the one sharing most of its words (at least `share`). */
export function sourceOf(ev: Evidence, fact: string, share = 0.6): Snippet | undefined {
  if (fact.trim() === "") return undefined;
  if (checkSentence(fact, ev).problems.length > 0) return undefined;
  const i = findPhrase(ev, normalize(fact).replace(/[.!?…]+$/u, ""));
  const at = i >= 0 ? i : bestOverlap(ev, fact, share);
  return at >= 0 ? ev.snippets[at] : undefined;
}

/**
 * Keeps only the facts a snippet supports, each with its source: what a model's research answer (or facts
 * cached from an older night) may contribute. Structure (plans, testimonials, proof, snippets) comes from the page.
 */
export function groundFacts(facts: ProductFacts, snippets: Snippet[], drop = true): { facts: ProductFacts; dropped: string[] } {
  const ev = buildEvidence(snippets);
  const sources: FactSource[] = [];
  const dropped: string[] = [];
  const keep = (fact: string): boolean => {
    const src = sourceOf(ev, fact);
    if (src) sources.push({ fact, url: src.url, snippet: src.text });
    else dropped.push(fact);
    return src !== undefined || !drop;
  };
  const whatItDoes = sentences(facts.whatItDoes).filter(keep).join(" ");
  return {
    facts: {
      ...facts,
      whatItDoes,
      audience: facts.audience && keep(facts.audience) ? facts.audience : "",
      features: facts.features.filter(keep),
      proofPoints: facts.proofPoints.filter(keep),
      pricing: facts.pricing.filter(keep),
      keywords: drop ? facts.keywords.filter((k) => wordsKnown(ev, k)) : facts.keywords,
      sources,
    },
    dropped,
  };
}
