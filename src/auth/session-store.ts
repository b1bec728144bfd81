import { and, eq, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { oncePerDb } from "../db/prepared";
import { sessions, type users } from "../db/schema/accounts";

/** A session joined with its user and the user's unread-notification count, as one statement answers it. */
export interface SessionRow {
  sid: string;
  userId: number;
  csrfToken: string;
  expiresAt: number;
  sessionCreatedAt: number;
  email: string;
  name: string;
  passwordHash: string;
  role: (typeof users.$inferSelect)["role"];
  timezone: string;
  userCreatedAt: number;
  reportFrequency: (typeof users.$inferSelect)["reportFrequency"];
  unread: number;
  /** When the user's operator account (their owner's, for a member) went past_due (null when it is not past_due, or has no account). */
  pastDueSince: number | null;
}
// Runs on every signed-in request, so it is one statement prepared once per database: each statement
// outside a transaction takes and drops a WAL read lock (two syscalls, ~2 µs here), which is why the
// sidebar's unread-notification count and the past_due banner's date ride along instead of being more queries.
const sessionWithUser = oncePerDb((db) =>
  db.$client.query<SessionRow, [string]>(
    `select s.id as sid, s.user_id as userId, s.csrf_token as csrfToken, s.expires_at as expiresAt,
       s.created_at as sessionCreatedAt, u.email, u.name, u.password_hash as passwordHash, u.role, u.timezone,
       u.created_at as userCreatedAt, u.report_frequency as reportFrequency,
       (select count(*) from notifications n where n.user_id = u.id and n.read_at is null) as unread,
       a.past_due_since as pastDueSince
     from sessions s inner join users u on u.id = s.user_id
       left join operator_accounts a on a.user_id = coalesce(u.account_owner_id, u.id) and a.status = 'past_due' and a.suspended_at is null
     where s.id = ?`,
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

/** Stores a new session. */
export function insertSession(db: Db, session: typeof sessions.$inferInsert): void {
  db.insert(sessions).values(session).run();
}

/** The session with this id (the token's hash) joined with its user and unread count, or undefined. */
export function findSessionWithUser(db: Db, sessionId: string): SessionRow | undefined {
  return sessionWithUser(db).get(sessionId) ?? undefined;
}

/** Deletes one session. */
export function deleteSessionById(db: Db, sessionId: string): void {
  deleteSession(db).run({ id: sessionId });
}

/** Moves a session's expiry. */
export function renewSessionUntil(db: Db, sessionId: string, expiresAt: Date): void {
  // A placeholder inside sql`` is bound as given: timestamp_ms wants milliseconds.
  renewSession(db).run({ id: sessionId, expiresAt: expiresAt.getTime() });
}

/** Deletes every session of a user. */
export function deleteUserSessions(db: Db, userId: number): void {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Deletes the sessions that expired before `now`. */
export function deleteSessionsExpiredBefore(db: Db, now: Date): void {
  db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
}

/** Deletes every session of a user but one. */
export function deleteOtherSessions(db: Db, userId: number, keepSessionId: string): void {
  db.delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
    .run();
}
