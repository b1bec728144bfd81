import { and, asc, eq, gt, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { loginFailures } from "../db/schema/accounts";

/** Records one failed sign-in for an (already normalised) email from an address. */
export function recordLoginFailure(db: Db, email: string, address: string, now: Date): void {
  db.insert(loginFailures).values({ email, address, at: now }).run();
}

/** Times of an account's failed sign-ins after `since`, oldest first. */
export function failuresForEmail(db: Db, email: string, since: Date): Date[] {
  return db
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email), gt(loginFailures.at, since)))
    .orderBy(asc(loginFailures.at))
    .all()
    .map((r) => r.at);
}

/** Times of an address's failed sign-ins after `since`, oldest first. */
export function failuresForAddress(db: Db, address: string, since: Date): Date[] {
  return db
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(and(eq(loginFailures.address, address), gt(loginFailures.at, since)))
    .orderBy(asc(loginFailures.at))
    .all()
    .map((r) => r.at);
}

/** Forgets an account's failures (after a successful sign-in). */
export function clearFailuresForEmail(db: Db, email: string): void {
  db.delete(loginFailures).where(eq(loginFailures.email, email)).run();
}

/** Removes failures older than `before`, so the table stays small. */
export function pruneLoginFailures(db: Db, before: Date): void {
  db.delete(loginFailures).where(lt(loginFailures.at, before)).run();
}
