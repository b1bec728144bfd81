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

/** A fact said in one of its kind's templates. */
export function factLine(m: Material, fact: ConcreteFact, template: number): Line {
  const frames = m.phrases.frames[fact.kind];
  return {
    part: "fact",
    text: fill(frames[template % frames.length]!, { name: m.name, x: fact.x, who: fact.who, person: fact.person }),
    fact,
  };
}

/**
 * The fact for the i-th fact line of this post (0 is the hook) and which of its kind's templates it wears. Line i of
 * turn t states fact (t + i * n/3) mod n, so a batch's posts lead with neighbouring facts of the interleaved list.
 * Hooks take templates from the first half of the kind's list and second lines from the other half, so a hook and
 * a body line never say a fact in the same words; each time the sequence comes back to a fact it takes the half's
 * next template, so a sentence comes back only after n x (half the templates) turns, past a three-day window.
 */
export function nthFact(m: Material, i: number): { fact: ConcreteFact; template: number } | undefined {
  const n = m.facts.length;
  if (n === 0 || i >= Math.min(n, n < 8 ? 2 : 3)) return undefined;
  const at = m.turn + Math.ceil((i * n) / 3);
  const f = at % n;
  const fact = m.facts[f]!;
  const size = m.phrases.frames[fact.kind].length;
  const half = Math.floor(size / 2);
  const k = Math.floor(at / n) + f + (i === 2 ? 2 : 0);
  return { fact, template: i === 1 ? half + (k % (size - half)) : k % half };
}

/** The opening line: the lead fact in this turn's template, else a tour line when the site gives no concrete fact. */
export function chooseHook(m: Material): Line {
  const lead = nthFact(m, 0);
  if (lead) return factLine(m, lead.fact, lead.template);
  return { part: "tour", text: fill(m.phrases.bare[m.turn % m.phrases.bare.length]!, { name: m.name }), fact: undefined };
}

/**
 * The opening in the family the learner asked for, when the writer can make it from this one: a question (the line
 * followed by a short question of the language) or a bold claim (its closing full stop made an exclamation). A statement,
 * or a line that cannot take the form (a quote closes with its speaker), keeps the rotation's opening.
 */
export function styleHook(m: Material, line: Line, family: "question" | "bold_claim" | "statement"): Line {
  const text = line.text.trimEnd();
  // Only after a full stop: after a quote's closing speaker the question would read as part of the testimonial.
  if (family === "question" && /[^.]\.$/.test(text)) {
    const asks = m.phrases.hookQuestions;
    return { ...line, text: `${text} ${asks[(m.day + m.turn) % asks.length]!}` };
  }
  if (family === "bold_claim" && /[^.]\.$/.test(text)) {
    const { open, close } = m.phrases.exclaim;
    return { ...line, text: `${open}${text.slice(0, -1)}${close}` };
  }
  return line;
}
