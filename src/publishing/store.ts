import { and, count, eq, gte, inArray, isNotNull, isNull, lte, min, ne, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { oncePerDb } from "../db/prepared";
import { contentItems } from "../db/schema/content";
import type { ContentState } from "../model/content-states";
import { publishJournal } from "../db/schema/platforms";
import type { PublishPhase } from "../platforms/types";
import type { ItemRow } from "./input";

/** A journal row. */
export type JournalRow = typeof publishJournal.$inferSelect;

/** Phases in order; a later phase never goes back except when the platform refused the create. */
export const PHASE_ORDER: readonly PublishPhase[] = ["prepared", "media_uploaded", "create_sent", "remote_id_known", "confirmed"];

/** True when the create call may have reached the platform (from here on we never post blindly). */
export function createMayHaveHappened(phase: string): boolean {
  return PHASE_ORDER.indexOf(phase as PublishPhase) >= PHASE_ORDER.indexOf("create_sent");
}

/** The item's journal row, or undefined. */
export function getJournal(db: Db, itemId: number): JournalRow | undefined {
  return journalOf(db).get({ itemId });
}

// The queue reads and writes the journal several times per item: these statements are prepared once per database.
const journalOf = oncePerDb((db) =>
  db
    .select()
    .from(publishJournal)
    .where(eq(publishJournal.itemId, sql.placeholder("itemId")))
    .prepare(),
);

const upsertPhase = (stampCreateSent: boolean) =>
  oncePerDb((db) => {
    const now = sql.placeholder("now");
    return db
      .insert(publishJournal)
      .values({
        itemId: sql.placeholder("itemId"),
        connectionId: sql.placeholder("connectionId"),
        phase: sql.placeholder("phase"),
        data: sql.placeholder("data"),
        attempt: 0,
        updatedAt: now,
        ...(stampCreateSent ? { createSentAt: now } : {}),
      })
      .onConflictDoUpdate({
        target: publishJournal.itemId,
        set: {
          connectionId: sql`excluded.connection_id`,
          phase: sql`excluded.phase`,
          data: sql`json_patch(${publishJournal.data}, excluded.data)`,
          updatedAt: sql`excluded.updated_at`,
          ...(stampCreateSent ? { createSentAt: sql`excluded.create_sent_at` } : {}),
        },
      })
      .returning()
      .prepare();
  });
const upsertPlainPhase = upsertPhase(false);
const upsertCreateSent = upsertPhase(true);

const createsInWindow = oncePerDb((db) =>
  db
    .select({ n: count(), oldest: min(publishJournal.createSentAt) })
    .from(publishJournal)
    .where(
      and(eq(publishJournal.connectionId, sql.placeholder("connectionId")), gte(publishJournal.createSentAt, sql.placeholder("since"))),
    )
    .prepare(),
);

/** Writes a phase (merging data) durably in one upsert; create_sent also stamps the time for caps and reconciliation. */
export function writePhase(
  db: Db,
  itemId: number,
  connectionId: number,
  phase: PublishPhase,
  data: Record<string, string>,
  now: Date,
): JournalRow {
  const upsert = phase === "create_sent" ? upsertCreateSent : upsertPlainPhase;
  const row = upsert(db).get({ itemId, connectionId, phase, data, now });
  if (!row) throw new Error(`publishing.journal: cannot write phase ${phase} for item #${itemId}: the upsert returned no row`);
  return row;
}

/** The platform answered "no" to the create: nothing was posted, so the journal steps back before create_sent. */
export function createRefused(db: Db, itemId: number, now: Date): void {
  db.update(publishJournal)
    .set({ phase: "media_uploaded", createSentAt: null, updatedAt: now })
    .where(eq(publishJournal.itemId, itemId))
    .run();
}

/** Counts one more transient failure; returns the new count. */
export function bumpAttempt(db: Db, itemId: number, connectionId: number, now: Date): number {
  const prev = getJournal(db, itemId);
  if (!prev) {
    db.insert(publishJournal).values({ itemId, connectionId, phase: "prepared", attempt: 1, updatedAt: now }).run();
    return 1;
  }
  db.update(publishJournal)
    .set({ attempt: prev.attempt + 1, updatedAt: now })
    .where(eq(publishJournal.itemId, itemId))
    .run();
  return prev.attempt + 1;
}

/** Starts an item's journal afresh (manual retry after a final failure). */
export function resetJournal(db: Db, itemId: number): void {
  db.delete(publishJournal).where(eq(publishJournal.itemId, itemId)).run();
}

/** Creates sent on an account since `since` (its usage in a moving window), and the oldest one's time. */
export function createsSince(db: Db, connectionId: number, since: Date): { n: number; oldest?: Date } {
  // A placeholder in a where clause is bound as given (no column encoding): timestamp_ms wants milliseconds.
  const row = createsInWindow(db).get({ connectionId, since: since.getTime() });
  return { n: row?.n ?? 0, oldest: row?.oldest ?? undefined };
}

// Other items of the account between their first phase and create_sent, whose attempt is alive: still
// "publishing" (a wait or a failure moves the item away) and written within the lease (a dead process's row
// stops counting once its lease would have lapsed).
const inFlightOthers = oncePerDb((db) =>
  db
    .select({ n: count() })
    .from(publishJournal)
    .innerJoin(contentItems, eq(contentItems.id, publishJournal.itemId))
    .where(
      and(
        eq(publishJournal.connectionId, sql.placeholder("connectionId")),
        isNull(publishJournal.createSentAt),
        inArray(publishJournal.phase, ["prepared", "media_uploaded"]),
        ne(publishJournal.itemId, sql.placeholder("itemId")),
        gte(publishJournal.updatedAt, sql.placeholder("since")),
        eq(contentItems.status, "publishing"),
      ),
    )
    .prepare(),
);

/** Posts of this account (other than `itemId`) being published right now: they hold cap slots before their create_sent. */
export function inFlightOn(db: Db, connectionId: number, itemId: number, since: Date): number {
  // Placeholders in a where clause are bound as given: timestamp_ms wants milliseconds.
  return inFlightOthers(db).get({ connectionId, itemId, since: since.getTime() })?.n ?? 0;
}

const touchRow = oncePerDb((db) =>
  db
    .update(publishJournal)
    .set({ updatedAt: sql`${sql.placeholder("now")}` })
    .where(and(eq(publishJournal.itemId, sql.placeholder("itemId")), isNull(publishJournal.createSentAt)))
    .prepare(),
);

/** Keeps a long upload's cap slot alive (its row is written again only at the next phase). */
export function touchJournal(db: Db, itemId: number, now: Date): void {
  touchRow(db).run({ itemId, now: now.getTime() });
}

/** A content item by id, or undefined (the publish engine's read, prepared once per database). */
export function findPublishItem(db: Db, itemId: number): ItemRow | undefined {
  return itemById(db).get({ itemId });
}

const itemById = oncePerDb((db) =>
  db
    .select()
    .from(contentItems)
    .where(eq(contentItems.id, sql.placeholder("itemId")))
    .prepare(),
);

/** The user's item, or undefined (someone else's item answers like a missing one). */
export function itemOfUser(db: Db, userId: number, itemId: number): ItemRow | undefined {
  return db
    .select()
    .from(contentItems)
    .where(and(eq(contentItems.id, itemId), eq(contentItems.userId, userId)))
    .get();
}

/** The user's items in these states. */
export function itemsOfUserIn(db: Db, userId: number, states: ContentState[]): ItemRow[] {
  return db
    .select()
    .from(contentItems)
    .where(and(eq(contentItems.userId, userId), inArray(contentItems.status, states)))
    .all();
}

/** Approved items with a planned time at or before `until` (to be scheduled). */
export function approvedItemsPlannedBy(db: Db, until: Date): { id: number; plannedAt: Date | null }[] {
  return db
    .select({ id: contentItems.id, plannedAt: contentItems.plannedAt })
    .from(contentItems)
    .where(and(eq(contentItems.status, "approved"), isNotNull(contentItems.plannedAt), lte(contentItems.plannedAt, until)))
    .all();
}

/** Sets an item's planned time and reason while it is in one of `states`; false when it had left them meanwhile. */
export function setPlannedTime(db: Db, itemId: number, states: ContentState[], at: Date, reason: string, now: Date): boolean {
  return (
    db
      .update(contentItems)
      .set({ plannedAt: at, reason, updatedAt: now })
      .where(and(eq(contentItems.id, itemId), inArray(contentItems.status, states)))
      .returning({ id: contentItems.id })
      .all().length === 1
  );
}

/** Merges the first comment's own phase data (commentPhase, commentId, commentSentAt, ...) into the item's journal row. */
export function writeCommentState(db: Db, itemId: number, data: Record<string, string>, now: Date): Record<string, string> {
  const row = db
    .update(publishJournal)
    .set({ data: sql`json_patch(${publishJournal.data}, ${JSON.stringify(data)})`, updatedAt: now })
    .where(eq(publishJournal.itemId, itemId))
    .returning({ data: publishJournal.data })
    .get();
  if (!row) throw new Error(`publishing.journal: cannot record the first comment of item #${itemId}: the item has no journal row`);
  return row.data;
}
