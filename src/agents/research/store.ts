import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { researchFacts } from "../../db/schema/pipeline";
import type { ProductFacts } from "./facts";

/** Cached facts for a web app whose site content hashed to `hash`; undefined when the site changed. */
export function findCachedFacts(db: Db, webappId: number, hash: string): { facts: ProductFacts; writer: string } | undefined {
  const row = db
    .select()
    .from(researchFacts)
    .where(and(eq(researchFacts.webappId, webappId), eq(researchFacts.contentHash, hash)))
    .get();
  return row ? { facts: row.facts as unknown as ProductFacts, writer: row.writer } : undefined;
}

/** Stores facts for a content hash (a second store of the same hash keeps the first). */
export function saveFacts(db: Db, webappId: number, hash: string, facts: ProductFacts, writer: string, now: Date): void {
  try {
    db.insert(researchFacts)
      .values({ webappId, contentHash: hash, facts: facts as unknown as Record<string, unknown>, writer, createdAt: now })
      .onConflictDoNothing()
      .run();
  } catch (e) {
    throw new Error(`research.store: cannot save facts for web app ${webappId}: ${e instanceof Error ? e.message : e}`);
  }
}
