import { and, asc, eq, gt, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { loginFailures } from "../db/schema/accounts";

/** The failed sign-ins within the window that decide a block: the account's from this address, and the account's from anywhere. */
export interface RecentFailures {
  fromAddress: Date[];
  forAccount: Date[];
}

/**
 * Counts the recent failures and, unless `blocked` says no, records this attempt as a failure before the
 * password is checked, in one write transaction: parallel attempts each see the ones reserved before them,
 * so a burst cannot run more checks than the limit. Returns the block, or the id of the reserved row.
 */
export function reserveLoginAttempt<B>(
  db: Db,
  key: { email: string; address: string },
  now: Date,
  since: Date,
  blocked: (recent: RecentFailures) => B | undefined,
): { block: B } | { id: number } {
  return db.transaction(
    (tx) => {
      const block = blocked(recentFailures(tx as unknown as Db, key, since));
      if (block !== undefined) return { block };
      const row = tx
        .insert(loginFailures)
        .values({ email: key.email, address: key.address, at: now })
        .returning({ id: loginFailures.id })
        .get();
      return { id: row.id };
    },
    { behavior: "immediate" },
  );
}

/** The account's failed sign-ins after `since`, from this address and from everywhere, oldest first. */
export function recentFailures(db: Db, key: { email: string; address: string }, since: Date): RecentFailures {
  const times = (where: ReturnType<typeof and>) =>
    db
      .select({ at: loginFailures.at })
      .from(loginFailures)
      .where(where)
      .orderBy(asc(loginFailures.at))
      .all()
      .map((r) => r.at);
  return {
    forAccount: times(and(eq(loginFailures.email, key.email), gt(loginFailures.at, since))),
    fromAddress: times(and(eq(loginFailures.email, key.email), eq(loginFailures.address, key.address), gt(loginFailures.at, since))),
  };
}

/** Takes back one reserved attempt (the password was right). */
export function releaseLoginAttempt(db: Db, id: number): void {
  db.delete(loginFailures).where(eq(loginFailures.id, id)).run();
}

/** Forgets an account's failures (after a successful sign-in or a password reset). */
export function clearFailuresForEmail(db: Db, email: string): void {
  db.delete(loginFailures).where(eq(loginFailures.email, email)).run();
}

/** Removes failures older than `before`, so the table stays small. */
export function pruneLoginFailures(db: Db, before: Date): void {
  db.delete(loginFailures).where(lt(loginFailures.at, before)).run();
}
