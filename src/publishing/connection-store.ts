import { and, asc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { oncePerDb } from "../db/prepared";
import { connections } from "../db/schema/platforms";

/** A connection row as stored (tokens still sealed). */
export type ConnectionRow = typeof connections.$inferSelect;

/** Which account a connection is: one row per user, platform and account. */
export interface ConnectionKey {
  userId: number;
  platform: string;
  accountId: string;
}

/** The columns a (re)connect writes, tokens already sealed; a column left out keeps its stored value on reconnect. */
export type ConnectionFields = Omit<typeof connections.$inferInsert, "id" | "userId" | "platform" | "accountId" | "createdAt">;

/** Token columns a refresh writes, already sealed; a column left out keeps its stored value. */
export type RefreshedTokenFields = Pick<
  typeof connections.$inferInsert,
  "accessTokenSealed" | "refreshTokenSealed" | "expiresAt" | "scopes" | "refreshFailures" | "lastError" | "updatedAt"
>;

/** Inserts the account, or on reconnect overwrites its row with `fields`; returns the stored row. */
export function upsertConnection(db: Db, key: ConnectionKey, fields: ConnectionFields, now: Date): ConnectionRow {
  return db
    .insert(connections)
    .values({ ...key, createdAt: now, ...fields })
    .onConflictDoUpdate({ target: [connections.userId, connections.platform, connections.accountId], set: fields })
    .returning()
    .get();
}

/** A connection by id, or undefined. */
export function connectionById(db: Db, id: number): ConnectionRow | undefined {
  return db.select().from(connections).where(eq(connections.id, id)).get();
}

/** The user's connections, in platform order. */
export function connectionsOfUser(db: Db, userId: number): ConnectionRow[] {
  return db.select().from(connections).where(eq(connections.userId, userId)).orderBy(asc(connections.platform), asc(connections.id)).all();
}

/** The user's connections on one platform. */
export function connectionsOfUserOn(db: Db, userId: number, platform: string): ConnectionRow[] {
  return db
    .select()
    .from(connections)
    .where(and(eq(connections.userId, userId), eq(connections.platform, platform)))
    .all();
}

/** The account a user posts to on a platform: the selected one, else the oldest; undefined when none. */
export function postingConnectionOf(db: Db, userId: number, platform: string): ConnectionRow | undefined {
  return postingConnection(db).get({ userId, platform });
}

// Every publish job looks its account up: prepared once per database.
const postingConnection = oncePerDb((db) =>
  db
    .select()
    .from(connections)
    .where(and(eq(connections.userId, sql.placeholder("userId")), eq(connections.platform, sql.placeholder("platform"))))
    .orderBy(sql`${connections.selectedAt} is null`, asc(connections.id))
    .limit(1)
    .prepare(),
);

/** Every platform's posting connection of a user in one statement: per platform the first by postingConnectionOf's order. */
export function postingConnectionsOf(db: Db, userId: number): Map<string, ConnectionRow> {
  const out = new Map<string, ConnectionRow>();
  for (const row of postingConnections(db).all({ userId })) if (!out.has(row.platform)) out.set(row.platform, row);
  return out;
}

// The approval page names each card's account on every view: prepared once per database, the same order as above.
const postingConnections = oncePerDb((db) =>
  db
    .select()
    .from(connections)
    .where(eq(connections.userId, sql.placeholder("userId")))
    .orderBy(asc(connections.platform), sql`${connections.selectedAt} is null`, asc(connections.id))
    .prepare(),
);

/**
 * Stamps connection `id` as selected and clears the others of the same user and platform, in one UPDATE. Returns false
 * (and changes nothing) when the connection does not exist or belongs to another user.
 */
export function markSelectedConnection(db: Db, userId: number, id: number, now: Date): boolean {
  const owned = sql`(select c.platform from connections c where c.id = ${id} and c.user_id = ${userId})`;
  const changed = db
    .update(connections)
    .set({ selectedAt: sql`case when ${connections.id} = ${id} then ${now.getTime()} else null end` })
    .where(and(eq(connections.userId, userId), eq(connections.platform, owned)))
    .returning({ id: connections.id })
    .all();
  return changed.length > 0;
}

/** Writes refreshed tokens on the connections `ids` in one UPDATE. */
export function updateRefreshedTokens(db: Db, ids: number[], fields: RefreshedTokenFields): void {
  db.update(connections).set(fields).where(inArray(connections.id, ids)).run();
}

/** Marks the connections `ids` as needing a reconnect, with the reason. */
export function updateReconnectNeeded(db: Db, ids: number[], reason: string, now: Date): void {
  db.update(connections)
    .set({ status: "reconnect_needed", lastError: reason, lastErrorAt: now, updatedAt: now })
    .where(inArray(connections.id, ids))
    .run();
}

/** Records a problem on connection `id` together with its count of failed refreshes. */
export function updateConnectionError(db: Db, id: number, reason: string, now: Date, refreshFailures: number): void {
  db.update(connections).set({ lastError: reason, lastErrorAt: now, updatedAt: now, refreshFailures }).where(eq(connections.id, id)).run();
}

/** Sets the time before which the account is not called. */
export function updateBlockedUntil(db: Db, id: number, until: Date): void {
  db.update(connections).set({ blockedUntil: until }).where(eq(connections.id, id)).run();
}

/** Adds one to the account's count of published posts. */
export function incrementPostsTotal(db: Db, id: number): void {
  countPostOn(db).run({ id });
}

// Runs once per published post: prepared once per database.
const countPostOn = oncePerDb((db) =>
  db
    .update(connections)
    .set({ postsTotal: sql`${connections.postsTotal} + 1` })
    .where(eq(connections.id, sql.placeholder("id")))
    .prepare(),
);

/** Connections with status ok and a refresh token whose access token expires before `before`. */
export function refreshableConnectionsExpiringBefore(db: Db, before: Date): ConnectionRow[] {
  return db
    .select()
    .from(connections)
    .where(and(eq(connections.status, "ok"), isNotNull(connections.refreshTokenSealed), lte(connections.expiresAt, before)))
    .all();
}

/** Deletes the user's connection `id`; true when a row was deleted. */
export function deleteConnectionOf(db: Db, userId: number, id: number): boolean {
  return (
    db
      .delete(connections)
      .where(and(eq(connections.id, id), eq(connections.userId, userId)))
      .returning({ id: connections.id })
      .all().length > 0
  );
}
