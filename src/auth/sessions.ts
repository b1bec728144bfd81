import { and, eq, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { oncePerDb } from "../db/prepared";
import { sessions, users } from "../db/schema/accounts";
import { generateToken, hashToken } from "../security/tokens";

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

interface SessionRow {
  sid: string;
  userId: number;
  csrfToken: string;
  expiresAt: number;
  sessionCreatedAt: number;
  email: string;
  name: string;
  passwordHash: string;
  role: User["role"];
  timezone: string;
  userCreatedAt: number;
  unread: number;
}

// Runs on every signed-in request, so it is one statement prepared once per database: each statement
// outside a transaction takes and drops a WAL read lock (two syscalls, ~2 µs here), which is why the
// sidebar's unread-notification count rides along instead of being a second query.
const sessionWithUser = oncePerDb((db) =>
  db.$client.query<SessionRow, [string]>(
    `select s.id as sid, s.user_id as userId, s.csrf_token as csrfToken, s.expires_at as expiresAt,
       s.created_at as sessionCreatedAt, u.email, u.name, u.password_hash as passwordHash, u.role, u.timezone,
       u.created_at as userCreatedAt,
       (select count(*) from notifications n where n.user_id = u.id and n.read_at is null) as unread
     from sessions s inner join users u on u.id = s.user_id where s.id = ?`,
  ),
);
const deleteSession = oncePerDb((db) =>
  db
    .delete(sessions)
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare(),
);
const renewSession = oncePerDb((db) =>
  db
    .update(sessions)
    .set({ expiresAt: sql`${sql.placeholder("expiresAt")}` })
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare(),
);

/**
 * Looks up the session for a cookie token. Expired sessions are deleted; a session used in the
 * second half of its life is extended (sliding expiry).
 */
export function validateSession(
  db: Db,
  token: string,
  now: Date,
  days: number,
): { session: Session; user: User; renewed: boolean; unreadNotifications: number } | undefined {
  const row = sessionWithUser(db).get(hashToken(token));
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
  };
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
  return { session, user, renewed, unreadNotifications: row.unread };
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
  db.delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
    .run();
}
