import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { apiTokens } from "../db/schema/accounts";

/** A token row as listed to its owner (never the token itself). */
export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** Stores a token by its hash; returns the row. */
export function insertApiToken(db: Db, t: { userId: number; name: string; tokenHash: string; prefix: string }, now: Date): ApiTokenRow {
  return db
    .insert(apiTokens)
    .values({ ...t, createdAt: now })
    .returning()
    .get();
}

/** A user's tokens, newest first. */
export function listApiTokens(db: Db, userId: number): ApiTokenRow[] {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.id)).all();
}

/** Deletes one of the user's tokens; false when it is not theirs or gone. */
export function deleteApiToken(db: Db, userId: number, id: number): boolean {
  return (
    db
      .delete(apiTokens)
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
      .returning()
      .all().length > 0
  );
}

/** The token with this hash, or undefined. */
export function findApiTokenByHash(db: Db, tokenHash: string): ApiTokenRow | undefined {
  return db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)).get();
}

/** Notes when a token was last used. */
export function touchApiToken(db: Db, id: number, now: Date): void {
  db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id)).run();
}

/** Deletes every API token of a user; returns how many there were. */
export function deleteUserApiTokens(db: Db, userId: number): number {
  return db.delete(apiTokens).where(eq(apiTokens.userId, userId)).returning().all().length;
}
