/** What a concrete fact is: a number with its noun, a named testimonial, a price with its plan, a use scene. */
export type FactKind = "number" | "quote" | "price" | "scene";

/**
 * One language's phrase table for the built-in writer. Templates hold {name}, {x} (the fact as the site words it),
 * {who} (a testimonial's person and role), {person}, {domain} and {cta}; every template is written so the fact sits after a
 * colon or inside quotes, so no article, gender or plural has to agree with words from the site.
 */
export interface Phrases {
  /** ISO 639-1 code. */
  code: string;
  /** True for languages whose nouns keep their capital inside a sentence (German). */
  keepCase: boolean;
  /** Opening lines per kind of fact (also used, from another index, for a post's second fact). */
  frames: Record<FactKind, string[]>;
  /** Lines that carry the site's own one-line description ({x}); used by one post of a batch at most. */
  description: string[];
  /** An opening for a site with no concrete fact at all. */
  bare: string[];
  /** Short questions put after an opening line when the learner asks for a question opening (the line then ends in "?"). */
  hookQuestions: string[];
  /** How an exclamation opens and closes in this language, for a bold-claim opening ("¡...!" in Spanish, "... !" in French). */
  exclaim: { open: string; close: string };
  /** Questions that end a post on platforms where comments count. */
  questions: string[];
  /** Calls to action placed before a link ("Try it here" → url). */
  clickCtas: string[];
  /** Calls to action naming the domain where links are not clickable. */
  domainCtas: string[];
  /** The owner's own call to action with the domain: "{cta} at {domain}." */
  ownCta: string;
  /** Lines that stand where the link was when the link goes in the post's first comment (one a day, in turn). */
  commentPointers: string[];
  /** The safe call to action when a written one had to go. */
  fallbackCta: string;
  /** Words that never make a hashtag on their own (articles, pronouns, fillers). */
  stopWords: string[];
}
