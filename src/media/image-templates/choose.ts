import type { ProductFacts } from "../../agents/research/facts";
import type { Slide } from "../../platforms/carousel";
import { headlineCard, featureCard, statCard } from "./cards";
import type { CardInput } from "./frame";
import { iconFor } from "./icons";
import type { ImagePlan, TemplateName } from "./plan";
import { ctaCard, priceCard, quoteCard, type PlanLine } from "./proof-cards";

/** One card to draw: the template and its words. */
export type CardSpec =
  | { template: "headline"; hook: string; sub?: string }
  | { template: "feature"; title: string; sub?: string }
  | { template: "stat"; figure: string; noun: string; sentence?: string }
  | { template: "quote"; quote: string; person: string; role?: string }
  | { template: "price"; plans: PlanLine[]; title?: string }
  | { template: "cta"; action: string };

/** What the cards may use from research: the structured facts (all optional, as older facts lack them). */
export type CardFacts = Pick<ProductFacts, "features" | "pricing" | "proof" | "testimonials" | "plans">;

/** The plan of a card at a size and variant. */
export function planCard(spec: CardSpec, c: CardInput): ImagePlan {
  switch (spec.template) {
    case "headline":
      return headlineCard(c, spec);
    case "feature":
      return featureCard(c, { ...spec, icon: iconFor(`${spec.title} ${spec.sub ?? ""}`, c.variant) });
    case "stat":
      return statCard(c, spec);
    case "quote":
      return quoteCard(c, spec);
    case "price":
      return priceCard(c, spec);
    case "cta":
      return ctaCard(c, spec);
  }
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[“”«»„"'’‘.,!?]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
const QUOTED = /[“"«„]\s*(.+?)\s*[”"»“]\s*[—–-]\s*([^,]+)(?:,\s*(.+))?$/u;
// A number (with its thousands, decimals, % or +) and the one to three words after it: "12,000 home cooks".
const NUMBER_NOUN = /(\d[\d,.\s]*\d|\d)(\s?(?:%|\+|k\b|m\b))?\s+((?:[\p{L}-]+\s?){1,3})/u;
const CURRENCY = /[$€£¥]|\b(?:usd|eur|gbp)\b|\/\s?(?:mo|month|year|yr|mois|monat|mes)\b/iu;

/** The site's plans as rows: the structured plans, else the price mentions (a word-only one is a name, e.g. "Free plan"). */
export function planLines(f: CardFacts): PlanLine[] {
  const plans = (f.plans ?? [])
    .filter((p) => p.price)
    .map((p) => ({ name: p.name === p.price ? "" : p.name, price: p.price, includes: p.includes }));
  if (plans.length) return plans;
  return f.pricing.map((p) => (/\d/.test(p) ? { name: "", price: p } : { name: p, price: "" }));
}

function quoteIn(text: string, f: CardFacts): CardSpec | undefined {
  const t = norm(text);
  const found = (f.testimonials ?? []).find((q) => q.person && norm(q.quote).length > 8 && t.includes(norm(q.quote)));
  if (found)
    return {
      template: "quote",
      quote: found.quote.replace(/^["“”«»„'\s]+|["“”«»„'\s]+$/gu, ""),
      person: found.person,
      role: found.role || undefined,
    };
  const m = QUOTED.exec(text);
  return m ? { template: "quote", quote: m[1]!, person: m[2]!.trim(), role: m[3]?.trim() } : undefined;
}

function priceIn(text: string, f: CardFacts): CardSpec | undefined {
  const t = norm(text);
  const lines = planLines(f);
  const mentioned = lines.some((p) => p.price && t.includes(norm(p.price)));
  if (!mentioned && !(CURRENCY.test(text) && /\d/.test(text))) return undefined;
  // The plan the text names goes first; with no plans read, the text's own price stands alone.
  if (!lines.length) return undefined;
  const named = lines.findIndex((p) => p.price && t.includes(norm(p.price)));
  const ordered = named > 0 ? [lines[named]!, ...lines.filter((_, i) => i !== named)] : lines;
  return { template: "price", plans: ordered };
}

function statIn(text: string, f: CardFacts): CardSpec | undefined {
  // A feature that holds a number ("Responses under 2 MB") is a feature, not a stat.
  const t = norm(text);
  if (f.features.some((x) => /\d/.test(x) && t.includes(norm(x)))) return undefined;
  const proof = (f.proof ?? []).find(
    (p) => p.noun && new RegExp(`(^|[^\\d])${p.number.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^\\d]|$)`).test(text),
  );
  if (proof && proof.number.replace(/\D/g, "").length > 0 && proof.number !== "1")
    return { template: "stat", figure: proof.number, noun: proof.noun, sentence: text };
  const m = NUMBER_NOUN.exec(text);
  if (!m || /^(19|20)\d\d$/.test(m[1]!)) return undefined;
  return { template: "stat", figure: `${m[1]!.trim()}${(m[2] ?? "").trim()}`, noun: m[3]!.trim(), sentence: text };
}

/**
 * The card for one carousel slide: the cover is a headline card, the last a call-to-action card, and a fact slide
 * takes the template of what it says: a customer's quote with its person -> testimonial, a price of the site's
 * plans -> price card, a number with its noun -> stat card, anything else -> feature card with an icon.
 */
export function slideCard(slide: Slide, f: CardFacts): CardSpec {
  if (slide.kind === "cover") return { template: "headline", hook: slide.text };
  if (slide.kind === "cta") return { template: "cta", action: slide.text };
  return quoteIn(slide.text, f) ?? priceIn(slide.text, f) ?? statIn(slide.text, f) ?? { template: "feature", title: slide.text };
}

// The hook's sentences: "Dinner sorted? Plan a week in two minutes." -> two; a full stop inside a number is not an end.
function sentencesOf(text: string): string[] {
  return (text.match(/[^.!?…]+(?:[.!?…]+(?!\d)|$)/gu) ?? []).map((x) => x.trim()).filter(Boolean);
}

/**
 * A headline card's words: the hook, and under it a line that says something else. A key line that repeats the hook
 * (a short's opening scene often shows the hook itself, and a cut copy of it read as a stutter) gives way to the
 * hook's second sentence (the first then stands alone as the headline), else to no line.
 */
export function headlineWords(hook: string, keyLine: string): { hook: string; sub?: string } {
  const h = norm(hook);
  const k = norm(keyLine);
  if (!k) return { hook };
  const words = (s: string) => new Set(s.split(" ").filter((w) => w.length > 2));
  const kw = words(k);
  const shared = [...kw].filter((w) => words(h).has(w)).length;
  const repeats = h.includes(k) || k.includes(h) || shared >= Math.max(1, kw.size * 0.6);
  if (!repeats) return { hook, sub: keyLine.trim() };
  const parts = sentencesOf(hook);
  return parts.length >= 2 ? { hook: parts[0]!, sub: parts.slice(1).join(" ") } : { hook };
}

/**
 * The card for an image post: the templates its words allow (a quote, price or number it states from research, else
 * a feature it names), besides the headline card of its hook; `seed` (the item and the day) picks one, so the
 * image posts of a day, and of one post on different days, differ.
 */
export function postCard(post: { hook: string; keyLine: string; caption: string }, f: CardFacts, seed: number): CardSpec {
  const text = `${post.hook}\n${post.caption}`;
  const head = headlineWords(post.hook, post.keyLine);
  const options: CardSpec[] = [{ template: "headline", ...head }];
  const quote = quoteIn(text, f);
  if (quote) options.push(quote);
  const price = priceIn(text, f);
  if (price?.template === "price") options.push({ ...price, title: post.hook });
  const stat = statIn(text, f);
  // The hook says the number: it stays on the card as the line under the noun.
  if (stat?.template === "stat") options.push({ ...stat, sentence: post.hook.includes(stat.figure) ? post.hook : undefined });
  const feature = f.features.find((x) => norm(text).includes(norm(x)));
  options.push({ template: "feature", title: feature ? feature : head.hook, sub: feature ? undefined : head.sub });
  return options[Math.abs(seed) % options.length]!;
}

/** The templates a list of cards uses, without repeats (for variety checks and the render record). */
export function templatesOf(specs: { template: TemplateName }[]): TemplateName[] {
  return [...new Set(specs.map((s) => s.template))];
}
