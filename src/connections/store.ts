import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { oauthStates } from "../db/schema/platforms";

/** An OAuth attempt in flight. */
export type OAuthStateRow = typeof oauthStates.$inferSelect;

/** Stores the state and PKCE verifier of a new attempt (and drops expired ones). */
export function saveOAuthState(db: Db, row: OAuthStateRow, now: Date): void {
  db.delete(oauthStates).where(lt(oauthStates.expiresAt, now)).run();
  db.insert(oauthStates).values(row).run();
}

/** Takes (deletes and returns) the attempt for this state, user and platform if it has not expired. */
export function takeOAuthState(db: Db, state: string, userId: number, platform: string, now: Date): OAuthStateRow | undefined {
  const row = db
    .delete(oauthStates)
    .where(and(eq(oauthStates.state, state), eq(oauthStates.userId, userId), eq(oauthStates.platform, platform)))
    .returning()
    .get();
  return row && row.expiresAt > now ? row : undefined;
}
