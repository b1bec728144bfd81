import { Type, type Static } from "@sinclair/typebox";

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

/** Product facts (see ProductFactsSchema). */
export type ProductFacts = Static<typeof ProductFactsSchema>;

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
