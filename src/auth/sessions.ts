import { and, eq, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { oncePerDb } from "../db/prepared";
import { sessions, users } from "../db/schema/accounts";
import { generateToken, hashToken } from "./tokens";

/** A signed-in user as routes see them. */
export type User = typeof users.$inferSelect;
/** A session row. */
export type Session = typeof sessions.$inferSelect;

/** Creates a session for a user; returns the cookie token (only its hash is stored). */
export function createSession(db: Db, userId: number, now: Date, days: number): { token: string; session: Session } {
  const token = generateToken();
  const session: Session = {
    id: hashToken(token),
    userId,
    csrfToken: generateToken(),
    expiresAt: new Date(now.getTime() + days * 86_400_000),
    createdAt: now,
  };
  db.insert(sessions).values(session).run();
  return { token, session };
}

// Runs on every signed-in request: prepared once per database.
const sessionWithUser = oncePerDb((db) =>
  db.select().from(sessions).innerJoin(users, eq(sessions.userId, users.id)).where(eq(sessions.id, sql.placeholder("id"))).prepare(),
);
const deleteSession = oncePerDb((db) => db.delete(sessions).where(eq(sessions.id, sql.placeholder("id"))).prepare());
const renewSession = oncePerDb((db) =>
  db.update(sessions).set({ expiresAt: sql`${sql.placeholder("expiresAt")}` }).where(eq(sessions.id, sql.placeholder("id"))).prepare(),
);

/**
 * Looks up the session for a cookie token. Expired sessions are deleted; a session used in the
 * second half of its life is extended (sliding expiry).
 */
export function validateSession(db: Db, token: string, now: Date, days: number): { session: Session; user: User; renewed: boolean } | undefined {
  const row = sessionWithUser(db).get({ id: hashToken(token) });
  if (!row) return undefined;
  const { sessions: session, users: user } = row;
  if (session.expiresAt.getTime() <= now.getTime()) {
    deleteSession(db).run({ id: session.id });
    return undefined;
  }
  const lifetime = days * 86_400_000;
  let renewed = false;
  if (session.expiresAt.getTime() - now.getTime() < lifetime / 2) {
    session.expiresAt = new Date(now.getTime() + lifetime);
    // A placeholder inside sql`` is bound as given: timestamp_ms wants milliseconds.
    renewSession(db).run({ id: session.id, expiresAt: session.expiresAt.getTime() });
    renewed = true;
  }
  return { session, user, renewed };
}

/** Ends one session. */
export function invalidateSession(db: Db, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

/** Ends every session of a user (after a password change or reset). */
export function invalidateUserSessions(db: Db, userId: number): void {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Removes expired sessions. */
export function deleteExpiredSessions(db: Db, now: Date): void {
  db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
}

/** Ends every session of a user except the one in use (after changing the password in Settings). */
export function invalidateOtherSessions(db: Db, userId: number, keepSessionId: string): void {
  db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))).run();
}
