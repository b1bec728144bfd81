import { and, asc, desc, eq, gte, inArray, lte, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { oncePerDb } from "../db/prepared";
import { users } from "../db/schema/accounts";
import { jobs } from "../db/schema/jobs";
import { batches, contentEvents, contentItems } from "../db/schema/content";
import type { ContentState } from "../model/content-states";
import { webapps } from "../db/schema/webapps";
import type { Batch, BatchWithItems, ContentFilter, ContentItem, CopyFields, HistoryLine } from "./types";

export type { Batch, BatchWithItems, ContentFilter, ContentItem, CopyFields, HistoryLine } from "./types";

/** One of the user's items; another user's id answers undefined. */
export function findItemForUser(db: Db, userId: number, itemId: number): ContentItem | undefined {
  return db
    .select()
    .from(contentItems)
    .where(and(eq(contentItems.id, itemId), eq(contentItems.userId, userId)))
    .get();
}

/** An item's platform and status (for alerts), whoever owns it. */
export function itemPlatformAndStatus(db: Db, itemId: number): { platform: string; status: ContentState } | undefined {
  return db
    .select({ platform: contentItems.platform, status: contentItems.status })
    .from(contentItems)
    .where(eq(contentItems.id, itemId))
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

// Batches still holding items that wait come first, so the newest work is never under a finished batch.
const hasPending = sql<number>`EXISTS (SELECT 1 FROM content_items ci WHERE ci.batch_id = ${batches.id} AND ci.status = 'pending_approval')`;

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
      .orderBy(desc(hasPending), desc(batches.localDate), desc(batches.id))
      .prepare(),
    items: db
      .select({ item: contentItems })
      .from(contentItems)
      .innerJoin(batches, eq(batches.id, contentItems.batchId))
      .where(and(eq(contentItems.userId, sql`${userId}`), inQueue(userId, today)))
      .orderBy(asc(contentItems.plannedAt), asc(contentItems.id))
      .prepare(),
    outline: db
      .select({ id: contentItems.id, batchId: sql<number>`${contentItems.batchId}`, status: contentItems.status })
      .from(contentItems)
      .innerJoin(batches, eq(batches.id, contentItems.batchId))
      .where(and(eq(contentItems.userId, sql`${userId}`), inQueue(userId, today)))
      .orderBy(asc(contentItems.plannedAt), asc(contentItems.id))
      .prepare(),
    byIds: db
      .select()
      .from(contentItems)
      .where(
        and(eq(contentItems.userId, sql`${userId}`), sql`${contentItems.id} IN (SELECT value FROM json_each(${sql.placeholder("ids")}))`),
      )
      .prepare(),
  };
}

/**
 * The approval queue: the user's ready batches of `today` plus older ones still holding items that
 * wait for approval: batches with waiting items first, then newest first, each with its web app's name and items.
 */
export function approvalQueue(db: Db, userId: number, today: string): BatchWithItems[] {
  let q = queueStatements.get(db);
  if (!q) queueStatements.set(db, (q = prepareQueue(db)));
  const rows = q.batches.all({ userId, today });
  const items = q.items.all({ userId, today }).map((r) => r.item);
  return rows.map((r) => ({ ...r, items: items.filter((i) => i.batchId === r.batch.id) }));
}

/** An item's place on the approval page without its content: enough for the batch's counts and the cards not rendered. */
export interface QueueEntry {
  id: number;
  batchId: number;
  status: ContentState;
}

/** The approval queue's batches with their items' ids and states only, in the page's order (what approvalQueue lists). */
export function approvalQueueOutline(db: Db, userId: number, today: string): (Omit<BatchWithItems, "items"> & { items: QueueEntry[] })[] {
  let q = queueStatements.get(db);
  if (!q) queueStatements.set(db, (q = prepareQueue(db)));
  const rows = q.batches.all({ userId, today });
  const entries = q.outline.all({ userId, today });
  const byBatch = new Map<number, QueueEntry[]>(rows.map((r) => [r.batch.id, []]));
  for (const e of entries) byBatch.get(e.batchId)?.push(e);
  return rows.map((r) => ({ ...r, items: byBatch.get(r.batch.id)! }));
}

/** The user's items among `ids`, full rows (one prepared statement); ids of others or missing are left out. */
export function itemsByIds(db: Db, userId: number, ids: number[]): ContentItem[] {
  if (ids.length === 0) return [];
  let q = queueStatements.get(db);
  if (!q) queueStatements.set(db, (q = prepareQueue(db)));
  return q.byIds.all({ userId, ids: JSON.stringify(ids) });
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

// The approval page asks for the same kinds on every render: one prepared statement per set of kinds.
const queuedJobStatements = oncePerDb(() => new Map<string, ReturnType<typeof prepareQueuedJobs>>());

function prepareQueuedJobs(db: Db, kinds: readonly string[]) {
  return db
    .select({ kind: jobs.kind, itemId: sql<number>`json_extract(${jobs.payload}, '$.itemId')` })
    .from(jobs)
    .where(and(inArray(jobs.kind, [...kinds]), inArray(jobs.status, ["queued", "running"])))
    .prepare();
}

/** Which of these items have a job of these kinds (payload {itemId}) queued or running: itemId -> kinds. */
export function queuedItemJobs(db: Db, itemIds: number[], kinds: readonly string[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (itemIds.length === 0) return out;
  const byKinds = queuedJobStatements(db);
  const cacheKey = kinds.join("\u0000");
  let q = byKinds.get(cacheKey);
  if (!q) byKinds.set(cacheKey, (q = prepareQueuedJobs(db, kinds)));
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

/** A history line of an item, as content_events stores it. */
export interface ItemEvent {
  itemId: number;
  userId: number | null;
  at: Date;
  action: string;
  channel: string;
  fromStatus: ContentState | null;
  toStatus: ContentState | null;
  detail: string;
}

/**
 * Moves one item to `to` when its status is one of `allowed`, writing `set` (column -> value, values already
 * encoded as the column stores them, under the same names in `values`) and the history line, in one IMMEDIATE
 * transaction with one guarded UPDATE. Returns true when this call made the change.
 */
export function moveItemIfIn(
  db: Db,
  to: ContentState,
  allowed: ContentState[],
  set: Record<string, unknown>,
  values: Record<string, unknown>,
  event: Omit<ItemEvent, "fromStatus" | "toStatus">,
): boolean {
  const guarded = guardedUpdate(db, to, allowed, set);
  return db.transaction(
    () => {
      const before = statusOf(db).get({ itemId: event.itemId });
      const changed = guarded.all(values);
      if (changed.length === 0) return false;
      insertEvent(db).run({ ...event, fromStatus: before?.status ?? null, toStatus: to });
      return true;
      // IMMEDIATE takes the write lock up front: a deferred read-then-write fails with SQLITE_BUSY at once
      // (no busy wait) when another connection commits in between.
    },
    { behavior: "immediate" },
  );
}

/** Writes one history line of an item. */
export function insertItemEvent(db: Db, event: ItemEvent): void {
  insertEvent(db).run({ ...event });
}

// Every post moves through several states: the statements of a transition are prepared once per database
// (the guarded UPDATE once per target, allowed states and set of columns; null values are written as literals).
const statusOf = oncePerDb((db) =>
  db
    .select({ status: contentItems.status })
    .from(contentItems)
    .where(eq(contentItems.id, sql.placeholder("itemId")))
    .prepare(),
);
const updates = oncePerDb(() => new Map<string, ReturnType<typeof prepareUpdate>>());
function guardedUpdate(db: Db, to: ContentState, allowed: ContentState[], set: Record<string, unknown>) {
  const shape = `${to}|${allowed.join(",")}|${Object.entries(set)
    .map(([k, v]) => (v === null ? `${k}=null` : k))
    .join(",")}`;
  const byShape = updates(db);
  let update = byShape.get(shape);
  if (!update) byShape.set(shape, (update = prepareUpdate(db, to, allowed, set)));
  return update;
}
function prepareUpdate(db: Db, to: ContentState, allowed: ContentState[], set: Record<string, unknown>) {
  const values = Object.fromEntries(Object.entries(set).map(([k, v]) => [k, v === null ? null : sql`${sql.placeholder(k)}`]));
  return db
    .update(contentItems)
    .set({ ...values, status: to, updatedAt: sql`${sql.placeholder("updatedAt")}` })
    .where(and(eq(contentItems.id, sql.placeholder("itemId")), inArray(contentItems.status, allowed)))
    .returning({ id: contentItems.id })
    .prepare();
}

// Publishing writes a history line per phase of every post: prepared once per database.
const insertEvent = oncePerDb((db) =>
  db
    .insert(contentEvents)
    .values({
      itemId: sql.placeholder("itemId"),
      userId: sql.placeholder("userId"),
      at: sql.placeholder("at"),
      action: sql.placeholder("action"),
      channel: sql.placeholder("channel"),
      fromStatus: sql.placeholder("fromStatus"),
      toStatus: sql.placeholder("toStatus"),
      detail: sql.placeholder("detail"),
    })
    .prepare(),
);

/** The current state of each of these items (ids that no longer exist are left out). */
export function itemStates(db: Db, ids: number[]): ContentState[] {
  if (ids.length === 0) return [];
  return db
    .select({ status: contentItems.status })
    .from(contentItems)
    .where(inArray(contentItems.id, ids))
    .all()
    .map((r) => r.status);
}

/** The action name a batch-wide "Reject all" writes to each item's history; an undo looks for it. */
export const REJECT_ALL_ACTION = "reject_all";

/**
 * Items of these batches (the user's) still rejected by a "Reject all" at or after `since`, with nothing moved them
 * since: what an undo may put back. Each with its batch and when it was rejected.
 */
export function rejectedByRejectAll(
  db: Db,
  userId: number,
  batchIds: number[],
  since: Date,
): { itemId: number; batchId: number; at: Date }[] {
  if (batchIds.length === 0) return [];
  return rejectedByRejectAllStatement(db).all({ userId, batchIds: JSON.stringify(batchIds), since: since.getTime() });
}

// Every view of the approval page asks it: prepared once per database, the batch ids passed as one JSON list.
const rejectedByRejectAllStatement = oncePerDb((db) =>
  db
    .select({ itemId: contentItems.id, batchId: sql<number>`${contentItems.batchId}`, at: contentEvents.at })
    .from(contentItems)
    .innerJoin(contentEvents, eq(contentEvents.itemId, contentItems.id))
    .where(
      and(
        eq(contentItems.userId, sql.placeholder("userId")),
        sql`${contentItems.batchId} IN (SELECT value FROM json_each(${sql.placeholder("batchIds")}))`,
        eq(contentItems.status, "rejected"),
        eq(contentEvents.action, REJECT_ALL_ACTION),
        sql`${contentEvents.at} >= ${sql.placeholder("since")}`,
        sql`NOT EXISTS (SELECT 1 FROM content_events later WHERE later.item_id = ${contentItems.id} AND later.id > ${contentEvents.id} AND later.to_status IS NOT NULL)`,
      ),
    )
    .prepare(),
);
