import type { ProductFacts } from "../research/facts";
import { sentences } from "./builtin/text";

const NUMBER_RE = /\d[\d,.]*\d|\d/g;
const STRUCTURAL_COUNT = /^\s*(?:in\s+)?(?:\d)\s+(?:reasons?|things?|points?|ways?|tips?|steps?|features?|ideas?)\b/i;
const CLAIM_WORDS =
  /\b(award[- ]winning|awards?|#1|number one|best[- ]selling|market[- ]leading|industry[- ]leading|world'?s (?:best|first|leading)|top[- ]rated|certified|patented|guaranteed|trusted by|loved by|rated|used by|as seen (?:in|on)|featured (?:in|on))\b/gi;
const QUOTE_RE = /["“]([^"”]{10,})["”]/g;

/** Everything the copy may lean on: the facts, the trend titles, and the app's own call to action. */
export function allowedText(facts: ProductFacts, extra: string[] = []): string {
  return normalize(
    [facts.name, facts.url, facts.whatItDoes, facts.audience, ...facts.features, ...facts.proofPoints, ...facts.pricing, ...extra].join(
      "\n",
    ),
  );
}

function normalize(s: string): string {
  return s
    .toLowerCase()
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, " ");
}

/** The unsupported claims in one sentence (numbers, prices, awards, testimonials not found in the facts); empty when clean. */
export function unsupportedClaims(sentence: string, allowed: string): string[] {
  const problems: string[] = [];
  const text = normalize(sentence).replace(/https?:\/\/\S+/g, "");
  const withoutCount = STRUCTURAL_COUNT.test(text) ? text.replace(/\d/, "") : text;
  for (const n of withoutCount.match(NUMBER_RE) ?? []) {
    const clean = n.replace(/[.,]$/, "");
    if (!new RegExp(`(^|[^\\d])${escape(clean)}([^\\d]|$)`).test(allowed)) problems.push(`the number ${clean}`);
  }
  for (const m of text.matchAll(CLAIM_WORDS)) if (!allowed.includes(m[0])) problems.push(`"${m[0]}"`);
  for (const m of normalize(sentence).matchAll(QUOTE_RE)) if (!allowed.includes(m[1]!.trim())) problems.push(`the quote "${m[1]!.trim()}"`);
  return problems;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Drops every sentence (or list line) of a text that makes a claim the facts do not support; returns the notes. */
export function dropUnsupported(text: string, allowed: string, where: string): { text: string; notes: string[] } {
  const notes: string[] = [];
  const lines = text.split("\n").map((line) => {
    const kept = sentences(line).filter((s) => {
      const bad = unsupportedClaims(s, allowed);
      if (bad.length > 0) notes.push(`Removed from the ${where}: "${s}" (${bad.join(", ")} not found on the site).`);
      return bad.length === 0;
    });
    return line.trim() === "" ? "" : kept.join(" ");
  });
  const joined = lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { text: joined, notes };
}
