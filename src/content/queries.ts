import { and, asc, desc, eq, gte, inArray, lte, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema/accounts";
import { jobs } from "../db/schema/jobs";
import { batches, contentEvents, contentItems, type ContentState } from "../db/schema/content";
import { webapps } from "../db/schema/webapps";

/** A content item row. */
export type ContentItem = typeof contentItems.$inferSelect;
/** A batch row. */
export type Batch = typeof batches.$inferSelect;
/** A batch with its web app's name and its items, as the approval page shows it. */
export interface BatchWithItems {
  batch: Batch;
  webappName: string;
  items: ContentItem[];
}

/** One of the user's items; another user's id answers undefined. */
export function findItemForUser(db: Db, userId: number, itemId: number): ContentItem | undefined {
  return db
    .select()
    .from(contentItems)
    .where(and(eq(contentItems.id, itemId), eq(contentItems.userId, userId)))
    .get();
}

/** One of the user's batches; another user's id answers undefined. */
export function findBatchForUser(db: Db, userId: number, batchId: number): Batch | undefined {
  return db
    .select()
    .from(batches)
    .where(and(eq(batches.id, batchId), eq(batches.userId, userId)))
    .get();
}

/** A batch's items in a stable order (platform, then id). */
export function listBatchItems(db: Db, userId: number, batchId: number): ContentItem[] {
  return db
    .select()
    .from(contentItems)
    .where(and(eq(contentItems.batchId, batchId), eq(contentItems.userId, userId)))
    .orderBy(asc(contentItems.platform), asc(contentItems.id))
    .all();
}

/** Ids of a batch's items in the given states. */
export function batchItemIds(db: Db, userId: number, batchId: number, states: readonly ContentState[]): number[] {
  return db
    .select({ id: contentItems.id })
    .from(contentItems)
    .where(and(eq(contentItems.batchId, batchId), eq(contentItems.userId, userId), inArray(contentItems.status, [...states])))
    .all()
    .map((r) => r.id);
}

/** Ids among `ids` that belong to the user (so bulk actions never touch another user's items). */
export function ownedItemIds(db: Db, userId: number, ids: number[]): number[] {
  if (ids.length === 0) return [];
  return db
    .select({ id: contentItems.id })
    .from(contentItems)
    .where(and(eq(contentItems.userId, userId), inArray(contentItems.id, ids)))
    .all()
    .map((r) => r.id);
}

/** Batches on the approval page: ready, and of `today` or still holding items that wait for approval. */
const inQueue = (userId: unknown, today: unknown) =>
  and(
    eq(batches.userId, sql`${userId}`),
    eq(batches.status, "ready"),
    or(
      eq(batches.localDate, sql`${today}`),
      sql`EXISTS (SELECT 1 FROM content_items ci WHERE ci.batch_id = ${batches.id} AND ci.status = 'pending_approval')`,
    ),
  );

// The approval page is the hottest read; its two statements are prepared once per connection.
const queueStatements = new WeakMap<Db, ReturnType<typeof prepareQueue>>();

function prepareQueue(db: Db) {
  const userId = sql.placeholder("userId");
  const today = sql.placeholder("today");
  return {
    batches: db
      .select({ batch: batches, webappName: webapps.name })
      .from(batches)
      .innerJoin(webapps, eq(webapps.id, batches.webappId))
      .where(inQueue(userId, today))
      .orderBy(desc(batches.localDate), asc(webapps.name), asc(batches.id))
      .prepare(),
    items: db
      .select({ item: contentItems })
      .from(contentItems)
      .innerJoin(batches, eq(batches.id, contentItems.batchId))
      .where(and(eq(contentItems.userId, sql`${userId}`), inQueue(userId, today)))
      .orderBy(asc(contentItems.plannedAt), asc(contentItems.id))
      .prepare(),
  };
}

/**
 * The approval queue: the user's ready batches of `today` plus older ones still holding items that
 * wait for approval, newest first, each with its web app's name and items.
 */
export function approvalQueue(db: Db, userId: number, today: string): BatchWithItems[] {
  let q = queueStatements.get(db);
  if (!q) queueStatements.set(db, (q = prepareQueue(db)));
  const rows = q.batches.all({ userId, today });
  const items = q.items.all({ userId, today }).map((r) => r.item);
  return rows.map((r) => ({ ...r, items: items.filter((i) => i.batchId === r.batch.id) }));
}

/** Ready batches by id (owned by the user), with items. */
export function batchesByIds(db: Db, userId: number, ids: number[]): BatchWithItems[] {
  if (ids.length === 0) return [];
  return batchesWithItems(db, userId, and(eq(batches.userId, userId), inArray(batches.id, ids)));
}

function batchesWithItems(db: Db, userId: number, where: ReturnType<typeof and>): BatchWithItems[] {
  const rows = db
    .select({ batch: batches, webappName: webapps.name })
    .from(batches)
    .innerJoin(webapps, eq(webapps.id, batches.webappId))
    .where(where)
    .orderBy(desc(batches.localDate), asc(webapps.name), asc(batches.id))
    .all();
  if (rows.length === 0) return [];
  const items = db
    .select()
    .from(contentItems)
    .where(
      and(
        eq(contentItems.userId, userId),
        inArray(
          contentItems.batchId,
          rows.map((r) => r.batch.id),
        ),
      ),
    )
    .orderBy(asc(contentItems.plannedAt), asc(contentItems.id))
    .all();
  return rows.map((r) => ({ ...r, items: items.filter((i) => i.batchId === r.batch.id) }));
}

/** Filters of the content library. */
export interface ContentFilter {
  webappId?: number;
  platform?: string;
  status?: ContentState;
  from?: string; // batch local date YYYY-MM-DD, inclusive
  to?: string;
}

/** The user's content, newest first, narrowed by the library's filters. */
export function listContent(
  db: Db,
  userId: number,
  f: ContentFilter,
  limit = 200,
): (ContentItem & { webappName: string; localDate: string | null })[] {
  const conds = [eq(contentItems.userId, userId)];
  if (f.webappId) conds.push(eq(contentItems.webappId, f.webappId));
  if (f.platform) conds.push(eq(contentItems.platform, f.platform));
  if (f.status) conds.push(eq(contentItems.status, f.status));
  if (f.from) conds.push(gte(batches.localDate, f.from));
  if (f.to) conds.push(lte(batches.localDate, f.to));
  return db
    .select({ item: contentItems, webappName: webapps.name, localDate: batches.localDate })
    .from(contentItems)
    .innerJoin(webapps, eq(webapps.id, contentItems.webappId))
    .leftJoin(batches, eq(batches.id, contentItems.batchId))
    .where(and(...conds))
    .orderBy(desc(contentItems.createdAt), desc(contentItems.id))
    .limit(limit)
    .all()
    .map((r) => ({ ...r.item, webappName: r.webappName, localDate: r.localDate }));
}

/** The user's web apps (id and name), for filters. */
export function listWebappNames(db: Db, userId: number): { id: number; name: string }[] {
  return db.select({ id: webapps.id, name: webapps.name }).from(webapps).where(eq(webapps.userId, userId)).orderBy(asc(webapps.name)).all();
}

/** One history line with the name of who did it (null for the system). */
export type HistoryLine = typeof contentEvents.$inferSelect & { who: string | null };

/** An item's history, oldest first. */
export function itemHistory(db: Db, itemId: number): HistoryLine[] {
  return db
    .select({ e: contentEvents, who: users.name })
    .from(contentEvents)
    .leftJoin(users, eq(users.id, contentEvents.userId))
    .where(eq(contentEvents.itemId, itemId))
    .orderBy(asc(contentEvents.at), asc(contentEvents.id))
    .all()
    .map((r) => ({ ...r.e, who: r.who }));
}

/** The editable copy and plan of an item (an edit of the copy also settles its flagged claims). */
export type CopyFields = Pick<ContentItem, "caption" | "hashtags" | "title" | "plannedAt"> &
  Partial<Pick<ContentItem, "unsupportedClaims" | "claimSources">>;

/** Saves edited copy only while the item is in one of `states`; false when it moved on meanwhile. */
export function updateItemCopy(
  db: Db,
  userId: number,
  itemId: number,
  fields: CopyFields,
  states: readonly ContentState[],
  now: Date,
): boolean {
  return (
    db
      .update(contentItems)
      .set({ ...fields, updatedAt: now })
      .where(and(eq(contentItems.id, itemId), eq(contentItems.userId, userId), inArray(contentItems.status, [...states])))
      .returning({ id: contentItems.id })
      .all().length === 1
  );
}

/** Ids among `ids` whose copy still holds claims no snippet supports (kept out of bulk, link and auto approval). */
export function idsWithUnreviewedClaims(db: Db, ids: number[]): Set<number> {
  if (ids.length === 0) return new Set();
  return new Set(
    db
      .select({ id: contentItems.id })
      .from(contentItems)
      .where(and(inArray(contentItems.id, ids), sql`json_array_length(${contentItems.unsupportedClaims}) > 0`))
      .all()
      .map((r) => r.id),
  );
}

/** Clears an item's flagged claims (a person confirmed them) while it is in one of `states`; false when it moved on. */
export function clearUnsupportedClaims(db: Db, userId: number, itemId: number, states: readonly ContentState[], now: Date): boolean {
  return (
    db
      .update(contentItems)
      .set({ unsupportedClaims: [], updatedAt: now })
      .where(and(eq(contentItems.id, itemId), eq(contentItems.userId, userId), inArray(contentItems.status, [...states])))
      .returning({ id: contentItems.id })
      .all().length === 1
  );
}

const regenStatements = new WeakMap<Db, ReturnType<typeof prepareRegen>>();

function prepareRegen(db: Db) {
  return db
    .select({ kind: jobs.kind, itemId: sql<number>`json_extract(${jobs.payload}, '$.itemId')` })
    .from(jobs)
    .where(and(inArray(jobs.kind, ["content.regenerate", "media.render"]), inArray(jobs.status, ["queued", "running"])))
    .prepare();
}

/** Which of these items have a regenerate job (copy or media) queued or running: itemId -> kinds. */
export function pendingRegenerations(db: Db, itemIds: number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (itemIds.length === 0) return out;
  let q = regenStatements.get(db);
  if (!q) regenStatements.set(db, (q = prepareRegen(db)));
  const wanted = new Set(itemIds);
  for (const r of q.all()) if (wanted.has(r.itemId)) out.set(r.itemId, [...(out.get(r.itemId) ?? []), r.kind]);
  return out;
}

/** Items waiting for approval with their batch's date, owner timezone, ready time and whether claims wait for a person. */
export function pendingItemsWithOwner(
  db: Db,
): { itemId: number; userId: number; timezone: string; localDate: string; readyAt: Date | null; claimsToReview: number }[] {
  return db
    .select({
      itemId: contentItems.id,
      userId: contentItems.userId,
      timezone: users.timezone,
      localDate: batches.localDate,
      readyAt: batches.readyAt,
      claimsToReview: sql<number>`json_array_length(${contentItems.unsupportedClaims})`,
    })
    .from(contentItems)
    .innerJoin(batches, eq(batches.id, contentItems.batchId))
    .innerJoin(users, eq(users.id, contentItems.userId))
    .where(eq(contentItems.status, "pending_approval"))
    .all();
}

/** Ready batches that still hold items waiting for approval, for digests. */
export function readyBatchesWithPending(db: Db, userId?: number): Batch[] {
  const conds = [
    eq(batches.status, "ready"),
    sql`EXISTS (SELECT 1 FROM content_items ci WHERE ci.batch_id = ${batches.id} AND ci.status = 'pending_approval')`,
  ];
  if (userId !== undefined) conds.push(eq(batches.userId, userId));
  return db
    .select()
    .from(batches)
    .where(and(...conds))
    .orderBy(asc(batches.id))
    .all();
}
