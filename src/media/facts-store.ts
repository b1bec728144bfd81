import { desc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { researchFacts } from "../db/schema/pipeline";
import type { CardFacts } from "./image-templates/choose";

/**
 * What the image templates may use from the app's latest research (features, numbers with their nouns, quotes with
 * their person, plans); empty lists before any research, so cards fall back to the post's own words.
 */
export function latestCardFacts(db: Db, webappId: number): CardFacts {
  const row = db
    .select({ facts: researchFacts.facts })
    .from(researchFacts)
    .where(eq(researchFacts.webappId, webappId))
    .orderBy(desc(researchFacts.createdAt), desc(researchFacts.id))
    .get();
  const f = (row?.facts ?? {}) as Partial<CardFacts>;
  const list = <T>(v: T[] | undefined): T[] => (Array.isArray(v) ? v : []);
  return {
    features: list(f.features),
    pricing: list(f.pricing),
    proof: list(f.proof),
    testimonials: list(f.testimonials),
    plans: list(f.plans),
  };
}
