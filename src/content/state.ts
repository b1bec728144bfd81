import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { oncePerDb } from "../db/prepared";
import { contentEvents, contentItems, type ContentState } from "../db/schema/content";

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
  const allowed = (Object.keys(TRANSITIONS) as ContentState[]).filter((s) => TRANSITIONS[s].includes(to) && (!opts.from || opts.from.includes(s)));
  if (allowed.length === 0) return false;
  return db.transaction((tx) => {
    const before = tx.select({ status: contentItems.status }).from(contentItems).where(eq(contentItems.id, itemId)).get();
    const changed = tx
      .update(contentItems)
      .set({ ...opts.set, status: to, updatedAt: opts.now })
      .where(and(eq(contentItems.id, itemId), inArray(contentItems.status, allowed)))
      .returning({ id: contentItems.id })
      .all();
    if (changed.length === 0) return false;
    tx.insert(contentEvents)
      .values({
        itemId,
        userId: actor.userId,
        at: opts.now,
        action: opts.action ?? to,
        channel: actor.channel,
        fromStatus: before?.status ?? null,
        toStatus: to,
        detail: opts.detail ?? "",
      })
      .run();
    return true;
    // IMMEDIATE takes the write lock up front: a deferred read-then-write fails with SQLITE_BUSY at once
    // (no busy wait) when another connection commits in between.
  }, { behavior: "immediate" });
}

/** Writes a history line that is not a state change (an edit, a regenerate, a publish phase). */
export function recordEvent(db: Db, itemId: number, actor: Actor, action: string, detail: string, now: Date): void {
  insertEvent(db).run({ itemId, userId: actor.userId, at: now, action, channel: actor.channel, detail });
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
      detail: sql.placeholder("detail"),
    })
    .prepare(),
);
