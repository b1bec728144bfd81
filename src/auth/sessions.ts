import type { Db } from "../db/client";
import type { sessions, users } from "../db/schema/accounts";
import {
  deleteOtherSessions,
  deleteSessionById,
  deleteSessionsExpiredBefore,
  deleteUserSessions,
  findSessionWithUser,
  insertSession,
  renewSessionUntil,
} from "./session-store";
import { generateToken, hashToken } from "../security/tokens";
import { standingOf } from "../operator/standing";
import type { AccountRow } from "../operator/store";

/** A signed-in user as routes see them. */
export type User = Omit<typeof users.$inferSelect, "accountOwnerId"> & {
  /** The banner every page shows while the user's operator account is past_due (set by the session lookup in operator mode). */
  billingBanner?: string;
};
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
  insertSession(db, session);
  return { token, session };
}

/**
 * Looks up the session (with its user and unread notification count) for a cookie token. Expired sessions are deleted; a session used in the
 * second half of its life is extended (sliding expiry). `graceDays` (operator mode only) turns a past_due account into the user's banner.
 */
export function validateSession(
  db: Db,
  token: string,
  now: Date,
  days: number,
  graceDays?: number,
): { session: Session; user: User; renewed: boolean; unread: number } | undefined {
  const row = findSessionWithUser(db, hashToken(token));
  if (!row) return undefined;
  const session: Session = {
    id: row.sid,
    userId: row.userId,
    csrfToken: row.csrfToken,
    expiresAt: new Date(row.expiresAt),
    createdAt: new Date(row.sessionCreatedAt),
  };
  const user: User = {
    id: row.userId,
    email: row.email,
    name: row.name,
    passwordHash: row.passwordHash,
    role: row.role,
    timezone: row.timezone,
    createdAt: new Date(row.userCreatedAt),
    reportFrequency: row.reportFrequency,
  };
  if (graceDays !== undefined && row.pastDueSince !== null) {
    const account = { status: "past_due", pastDueSince: new Date(row.pastDueSince), suspendedAt: null } as AccountRow;
    user.billingBanner = standingOf(account, now, graceDays).banner;
  }
  if (session.expiresAt.getTime() <= now.getTime()) {
    deleteSessionById(db, session.id);
    return undefined;
  }
  const lifetime = days * 86_400_000;
  let renewed = false;
  if (session.expiresAt.getTime() - now.getTime() < lifetime / 2) {
    session.expiresAt = new Date(now.getTime() + lifetime);
    renewSessionUntil(db, session.id, session.expiresAt);
    renewed = true;
  }
  return { session, user, renewed, unread: row.unread };
}

/** Ends one session. */
export function invalidateSession(db: Db, sessionId: string): void {
  deleteSessionById(db, sessionId);
}

/** Ends every session of a user (after a password change or reset). */
export function invalidateUserSessions(db: Db, userId: number): void {
  deleteUserSessions(db, userId);
}

/** Removes expired sessions. */
export function deleteExpiredSessions(db: Db, now: Date): void {
  deleteSessionsExpiredBefore(db, now);
}

/** Ends every session of a user except the one in use (after changing the password in Settings). */
export function invalidateOtherSessions(db: Db, userId: number, keepSessionId: string): void {
  deleteOtherSessions(db, userId, keepSessionId);
}
