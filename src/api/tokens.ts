import type { Db } from "../db/client";
import { generateToken, hashToken } from "../security/tokens";
import { deleteApiToken, deleteUserApiTokens, findApiTokenByHash, insertApiToken, touchApiToken, type ApiTokenRow } from "./store";

/** A token row as listed to its owner (views take the type from here, not from the store). */
export type { ApiTokenRow } from "./store";

/** Prefix of every personal API token, so leaked ones are recognisable. */
export const TOKEN_PREFIX = "amk_";

/** Creates a personal API token; returns the token, to be shown once, and its row. */
export function createApiToken(db: Db, userId: number, name: string, now: Date): { token: string; row: ApiTokenRow } {
  const token = TOKEN_PREFIX + generateToken();
  const row = insertApiToken(
    db,
    { userId, name: name.trim() || "API token", tokenHash: hashToken(token), prefix: token.slice(0, 10) },
    now,
  );
  return { token, row };
}

/** Revokes one of the user's tokens; false when it is not theirs or gone. */
export function revokeApiToken(db: Db, userId: number, id: number): boolean {
  return deleteApiToken(db, userId, id);
}

/** Revokes every token of the user (after a password reset); returns how many there were. */
export function revokeAllApiTokens(db: Db, userId: number): number {
  return deleteUserApiTokens(db, userId);
}

/** Resolves a Bearer token to its user id (and notes when it was last used). */
export function resolveApiToken(db: Db, token: string, now: Date): number | undefined {
  const row = findApiTokenByHash(db, hashToken(token));
  if (!row) return undefined;
  touchApiToken(db, row.id, now);
  return row.userId;
}
