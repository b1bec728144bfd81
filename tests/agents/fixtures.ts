import type { ProductFacts } from "../../src/agents/research/facts";
import type { LlmGateway, StructuredRequest, StructuredResult } from "../../src/llm/types";
import type { TSchema } from "@sinclair/typebox";

/** Facts as the research agent extracts them from the "Pantry Pal" test site. */
export const PANTRY_FACTS: ProductFacts = {
  name: "Pantry Pal",
  url: "https://pantrypal.example/",
  whatItDoes: "Pantry Pal turns what is already in your fridge into a week of dinners. Scan your groceries and get a plan in minutes.",
  audience: "busy parents",
  features: [
    "Weekly meal plans built from what you already have",
    "Shopping lists sorted by supermarket aisle",
    "Barcode scanning for groceries",
    "Leftover alerts before food goes off",
  ],
  proofPoints: ["Trusted by 12,000 home cooks", '"We throw away half as much food now." — Maria, mother of three'],
  pricing: ["Free plan", "$4.99/month"],
  tone: "friendly",
  keywords: ["meal planning", "food waste", "recipes"],
};

/** The gateway with no providers configured: what the real one answers without keys. */
export class NoProviderGateway implements LlmGateway {
  async generateStructured<S extends TSchema>(_req: StructuredRequest<S>): Promise<StructuredResult<S>> {
    return { kind: "fallback", reason: "no provider configured" };
  }
}

/** A gateway whose one provider answers with fixed, schema-valid data (to check we validate and fix what models write). */
export class FixedAnswerGateway implements LlmGateway {
  readonly requests: StructuredRequest<TSchema>[] = [];
  constructor(private readonly answer: (req: StructuredRequest<TSchema>) => unknown) {}
  async generateStructured<S extends TSchema>(req: StructuredRequest<S>): Promise<StructuredResult<S>> {
    this.requests.push(req);
    return { kind: "ok", data: this.answer(req) as never, provider: "fixed", model: "fixed-1" };
  }
}
