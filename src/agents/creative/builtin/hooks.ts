import type { ConcreteFact } from "./concrete";
import { fill } from "./lang";
import type { Phrases } from "./lang/types";

/**
 * How far one day moves an app's sequence of posts: at least the twelve posts a day can hold (six platforms, two
 * variants), and prime, so one platform's posts on later days do not fall back onto the same fact and template.
 */
export const POSTS_PER_DAY = 13;

/** What one post is written from: the site's concrete facts, the phrase table, and this post's place in the rotation. */
export interface Material {
  name: string;
  domain: string;
  phrases: Phrases;
  facts: ConcreteFact[];
  /** This post's number in the app's sequence of posts (day, platform, variant and revision): drives every rotation. */
  turn: number;
  /** Days since 1970 of the post's date. */
  day: number;
  /** The site's one-line description, only for the one post of a batch allowed to carry it. */
  description: string | undefined;
}

/** A line of a post: what it is, and the fact it states (undefined for a question, a tour line or the description). */
export interface Line {
  part: "fact" | "description" | "question" | "list" | "tour";
  text: string;
  fact: ConcreteFact | undefined;
}

/** The same fact comes back every n turns; each time it returns it wears the next template, so lines do not repeat. */
export function factLine(m: Material, fact: ConcreteFact, round: number): Line {
  const frames = m.phrases.frames[fact.kind];
  const template = frames[round % frames.length]!;
  return { part: "fact", text: fill(template, { name: m.name, x: fact.x, who: fact.who, person: fact.person }), fact };
}

/** The smallest of a few primes that shares no factor with n: each post takes that many places in the sequence of lines. */
function strideFor(n: number): number {
  return [3, 5, 7, 11].find((k) => n % k !== 0) ?? 13;
}

/**
 * The fact for the i-th fact line of this post (0 is the hook). Every post owns `stride` consecutive places in one
 * sequence of lines; place l states fact l mod n, in its (l div n)-th template: neighbouring posts lead with different
 * facts, and a fact comes back in the same words only n x 8 places later.
 */
export function nthFact(m: Material, i: number): { fact: ConcreteFact; round: number } | undefined {
  const n = m.facts.length;
  const stride = strideFor(n);
  if (n === 0 || i >= Math.min(n, stride)) return undefined;
  const place = m.turn * stride + i;
  const f = place % n;
  // Adding the fact's index lets neighbouring posts of one round open with different templates too.
  return { fact: m.facts[f]!, round: Math.floor(place / n) + f };
}

/** The opening line: the lead fact in this turn's template, else a tour line when the site gives no concrete fact. */
export function chooseHook(m: Material): Line {
  const lead = nthFact(m, 0);
  if (lead) return factLine(m, lead.fact, lead.round);
  return { part: "tour", text: fill(m.phrases.bare[m.turn % m.phrases.bare.length]!, { name: m.name }), fact: undefined };
}
