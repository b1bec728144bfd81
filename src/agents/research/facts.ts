import { Type, type Static } from "@sinclair/typebox";
import type { Snippet } from "./evidence";

/** What the research agent learned about a product; the only source of claims the creative agent may make. */
export const ProductFactsSchema = Type.Object({
  name: Type.String({ maxLength: 200 }),
  url: Type.String({ maxLength: 2000 }),
  /** One or two sentences: what the product does. */
  whatItDoes: Type.String({ maxLength: 600 }),
  /** Who it is for, in the site's words; empty when the site does not say. */
  audience: Type.String({ maxLength: 300 }),
  features: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 12 }),
  /** Numbers, customer counts, awards, testimonials as the site states them. */
  proofPoints: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 8 }),
  /** Price mentions as the site states them, e.g. "$9/month", "Free plan". */
  pricing: Type.Array(Type.String({ maxLength: 120 }), { maxItems: 6 }),
  tone: Type.Union([Type.Literal("playful"), Type.Literal("professional"), Type.Literal("friendly"), Type.Literal("technical")]),
  keywords: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 }),
});

/** One plan of a pricing table or card: a limit belongs to its plan and is never a feature of another. */
export interface Plan {
  name: string;
  /** The price as written ("20€ / month", "$9/mo"), empty when the plan shows none. */
  price: string;
  /** The amount ("20", "4.99"), "0" for a free plan, empty when unknown. */
  amount: string;
  /** "€", "$", "£", "¥" or empty. */
  currency: string;
  /** "month", "year", "week", "user", "once" or empty. */
  period: string;
  includes: string[];
  limits: string[];
  source: Snippet;
}

/** A customer's words as the site shows them, with who said them. */
export interface Testimonial {
  quote: string;
  person: string;
  role: string;
  source: Snippet;
}

/** A number the site states, with the noun phrase it counts and its sentence. */
export interface ProofPoint {
  number: string;
  noun: string;
  sentence: string;
  url: string;
}

/** Where one stored fact comes from: the fact, the page and the exact snippet. */
export interface FactSource {
  fact: string;
  url: string;
  snippet: string;
}

/**
 * Product facts (see ProductFactsSchema) plus what research read from the page's structure. The structured
 * fields are optional so facts stored before they existed still read.
 */
export type ProductFacts = Static<typeof ProductFactsSchema> & {
  /** The page language ("en", "fr", "de", ...), from html lang, else guessed from the text. */
  language?: string;
  plans?: Plan[];
  testimonials?: Testimonial[];
  proof?: ProofPoint[];
  /** For each string fact above, the page and sentence it comes from. */
  sources?: FactSource[];
  /** The site's sentences (each with its page): the only text a post's claims may rest on. */
  snippets?: Snippet[];
};

/** One trend item read from a web app's RSS/Atom feed. */
export interface TrendItem {
  title: string;
  url: string;
  publishedAt: string;
  feed: string;
}

/** The research step's output, stored with the run. */
export interface ResearchOutput {
  facts: ProductFacts;
  trends: TrendItem[];
  /** True when the site's content was unchanged and cached facts were reused. */
  cached: boolean;
  contentHash: string;
  pagesRead: string[];
  /** Pages or feeds that could not be read, in plain words. */
  problems: string[];
  writer: string;
}
