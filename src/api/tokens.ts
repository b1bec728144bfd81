import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { apiTokens } from "../db/schema/accounts";
import { generateToken, hashToken } from "../auth/tokens";

/** A token row as listed to its owner (never the token itself). */
export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** Prefix of every personal API token, so leaked ones are recognisable. */
export const TOKEN_PREFIX = "amk_";

/** Creates a personal API token; returns the token, to be shown once, and its row. */
export function createApiToken(db: Db, userId: number, name: string, now: Date): { token: string; row: ApiTokenRow } {
  const token = TOKEN_PREFIX + generateToken();
  const row = db
    .insert(apiTokens)
    .values({ userId, name: name.trim() || "API token", tokenHash: hashToken(token), prefix: token.slice(0, 10), createdAt: now })
    .returning()
    .get();
  return { token, row };
}

/** A user's tokens, newest first. */
export function listApiTokens(db: Db, userId: number): ApiTokenRow[] {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.id)).all();
}

/** Revokes one of the user's tokens; false when it is not theirs or gone. */
export function revokeApiToken(db: Db, userId: number, id: number): boolean {
  return (
    db
      .delete(apiTokens)
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
      .returning()
      .all().length > 0
  );
}

/** Revokes every token of the user (after a password reset); returns how many there were. */
export function revokeAllApiTokens(db: Db, userId: number): number {
  return db.delete(apiTokens).where(eq(apiTokens.userId, userId)).returning().all().length;
}

/** Resolves a Bearer token to its user id (and notes when it was last used). */
export function resolveApiToken(db: Db, token: string, now: Date): number | undefined {
  const row = db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hashToken(token)))
    .get();
  if (!row) return undefined;
  db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id)).run();
  return row.userId;
}
