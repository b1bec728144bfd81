import type { ProductFacts, TrendItem } from "../../research/facts";
import { asPhrase, endSentence, lowerFirst, pick, sentences } from "./text";

/** What a hook or body template may draw on; every claim in it comes from the facts. */
export interface Material {
  name: string;
  facts: ProductFacts;
  /** The feature this post puts first (rotates day by day). */
  feature: string | undefined;
  /** Up to three features, the spotlight first. */
  features: string[];
  proof: string | undefined;
  price: string | undefined;
  trend: TrendItem | undefined;
  rng: () => number;
}

/** One way to open a post. Returns undefined when the facts lack what it needs. */
export interface HookStyle {
  id: string;
  make(m: Material): string | undefined;
}

const FREE_RE = /\bfree\b/i;

/** The hook styles the built-in writer rotates through, so a week of posts opens differently each day. */
export const HOOK_STYLES: HookStyle[] = [
  {
    id: "feature-spotlight",
    make: (m) =>
      m.feature &&
      pick(m.rng, [
        `One thing ${m.name} does really well: ${lowerFirst(asPhrase(m.feature))}.`,
        `Small detail, big difference: ${lowerFirst(asPhrase(m.feature))}.`,
        `Today's favourite ${m.name} feature: ${lowerFirst(asPhrase(m.feature))}.`,
      ]),
  },
  {
    id: "audience-callout",
    make: (m) =>
      m.facts.audience
        ? pick(m.rng, [
            `If you're one of the ${asPhrase(m.facts.audience).toLowerCase()} we built ${m.name} for, this is for you.`,
            `A quick one for ${asPhrase(m.facts.audience).toLowerCase()}.`,
            `Calling all ${asPhrase(m.facts.audience).toLowerCase()}.`,
          ])
        : undefined,
  },
  {
    id: "proof-first",
    make: (m) => m.proof && endSentence(m.proof),
  },
  {
    id: "list-promise",
    make: (m) =>
      m.features.length >= 3
        ? pick(m.rng, [`3 reasons people pick ${m.name}:`, `${m.name} in three points:`, `Three things you get with ${m.name}:`])
        : undefined,
  },
  {
    id: "what-it-does",
    make: (m) =>
      m.facts.whatItDoes
        ? pick(m.rng, [
            meet(m.name, firstSentence(m.facts.whatItDoes)),
            `${m.name}, in one sentence: ${itSentence(m.name, firstSentence(m.facts.whatItDoes))}`,
          ])
        : undefined,
  },
  {
    id: "price-led",
    make: (m) => {
      if (!m.price) return undefined;
      if (/^(?:\d+[- ]day )?free (?:plan|trial|tier)$/i.test(m.price))
        return `${m.name} has a ${m.price.toLowerCase()}, and it's worth a look.`;
      if (FREE_RE.test(m.price)) return `You can try ${m.name} for free.`;
      return `What ${m.price} gets you with ${m.name}:`;
    },
  },
  {
    id: "trend-tie-in",
    make: (m) =>
      m.trend
        ? pick(m.rng, [
            `New on our blog: "${asPhrase(m.trend.title)}".`,
            `Fresh read from the ${m.name} team: "${asPhrase(m.trend.title)}".`,
          ])
        : undefined,
  },
  {
    id: "behind-the-scenes",
    make: (m) =>
      pick(m.rng, [
        `Why we built ${m.name}, in under a minute.`,
        `Here's ${m.name} in under a minute.`,
        `Ever wondered what ${m.name} actually does? Quick tour.`,
      ]),
  },
];

/** "it turns ..." for a sentence that starts "X turns ...", so the name is not said twice in a row. */
function itSentence(name: string, sentence: string): string | undefined {
  const rest = sentence.startsWith(`${name} `) ? sentence.slice(name.length + 1) : undefined;
  return rest && /^\p{Ll}+s\b/u.test(rest) ? `it ${endSentence(rest)}` : lowerFirst(endSentence(sentence));
}

/** "Meet X: it turns ..." rather than "Meet X. X turns ...". */
function meet(name: string, sentence: string): string {
  const it = itSentence(name, sentence);
  return it?.startsWith("it ") ? `Meet ${name}: ${it}` : `Meet ${name}. ${endSentence(sentence)}`;
}

function firstSentence(s: string): string {
  return sentences(s)[0] ?? s.trim();
}

/** Picks today's hook: rotates by day so consecutive days differ, skipping styles the facts cannot support. */
export function chooseHook(m: Material, day: number, offset: number): { style: string; text: string } {
  const n = HOOK_STYLES.length;
  for (let i = 0; i < n; i++) {
    const style = HOOK_STYLES[(day + offset + i) % n]!;
    const text = style.make(m);
    if (text) return { style: style.id, text };
  }
  return { style: "name", text: `${m.name}.` };
}
