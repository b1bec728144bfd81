import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { oncePerDb } from "../db/prepared";
import { contentEvents, contentItems } from "../db/schema/content";
import type { ContentState } from "../model/content-states";

/** Which states each state may move to. The only place the lifecycle is defined. */
export const TRANSITIONS: Record<ContentState, readonly ContentState[]> = {
  draft: ["pending_approval", "failed"],
  pending_approval: ["approved", "rejected", "expired", "draft"],
  approved: ["scheduled", "pending_approval", "rejected", "publishing", "published"],
  scheduled: ["publishing", "approved", "published", "failed"],
  publishing: ["published", "failed", "needs_check", "scheduled"],
  published: [],
  rejected: ["pending_approval"],
  expired: ["pending_approval"],
  failed: ["scheduled", "draft", "published"],
  needs_check: ["published", "scheduled", "failed"],
};

/** Who moved an item and how, written to its history with every transition. */
export interface Actor {
  userId: number | null;
  channel: "web" | "api" | "email" | "telegram" | "cli" | "system";
}

/**
 * Moves one item to `to` if, and only if, it is currently in one of the states allowed to reach `to`
 * (optionally narrowed by `from`). One guarded UPDATE: two workers or a double click cannot both win.
 * Returns true when this call made the change.
 */
export function transition(
  db: Db,
  itemId: number,
  to: ContentState,
  actor: Actor,
  opts: { from?: readonly ContentState[]; action?: string; detail?: string; set?: Partial<typeof contentItems.$inferInsert>; now: Date },
): boolean {
  const allowed = (Object.keys(TRANSITIONS) as ContentState[]).filter(
    (s) => TRANSITIONS[s].includes(to) && (!opts.from || opts.from.includes(s)),
  );
  if (allowed.length === 0) return false;
  const set: Record<string, unknown> = {};
  const values: Record<string, unknown> = { itemId, updatedAt: opts.now.getTime() };
  for (const [k, v] of Object.entries(opts.set ?? {})) {
    // status and updated_at are this function's to write.
    if (v === undefined || k === "status" || k === "updatedAt") continue;
    set[k] = v;
    // Placeholders in a prepared UPDATE are bound as given: encode each value as its column would (dates, JSON).
    if (v !== null) values[k] = ITEM_COLUMNS[k as keyof typeof ITEM_COLUMNS].mapToDriverValue(v as never);
  }
  const guarded = guardedUpdate(db, to, allowed, set);
  return db.transaction(
    () => {
      const before = statusOf(db).get({ itemId });
      const changed = guarded.all(values);
      if (changed.length === 0) return false;
      insertEvent(db).run({
        itemId,
        userId: actor.userId,
        at: opts.now,
        action: opts.action ?? to,
        channel: actor.channel,
        fromStatus: before?.status ?? null,
        toStatus: to,
        detail: opts.detail ?? "",
      });
      return true;
      // IMMEDIATE takes the write lock up front: a deferred read-then-write fails with SQLITE_BUSY at once
      // (no busy wait) when another connection commits in between.
    },
    { behavior: "immediate" },
  );
}

const ITEM_COLUMNS = getTableColumns(contentItems);

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

/** Writes a history line that is not a state change (an edit, a regenerate, a publish phase). */
export function recordEvent(db: Db, itemId: number, actor: Actor, action: string, detail: string, now: Date): void {
  insertEvent(db).run({ itemId, userId: actor.userId, at: now, action, channel: actor.channel, fromStatus: null, toStatus: null, detail });
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
