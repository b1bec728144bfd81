import { getTableColumns } from "drizzle-orm";
import type { Db } from "../db/client";
import { contentItems } from "../db/schema/content";
import type { ContentState } from "../model/content-states";
import { insertItemEvent, moveItemIfIn } from "./store";

/** Which states each state may move to. The only place the lifecycle is defined. */
export const TRANSITIONS: Record<ContentState, readonly ContentState[]> = {
  draft: ["pending_approval", "failed"],
  pending_approval: ["approved", "rejected", "expired", "draft"],
  approved: ["scheduled", "pending_approval", "rejected", "publishing", "published"],
  scheduled: ["publishing", "approved", "published", "failed", "manual_ready"],
  publishing: ["published", "failed", "needs_check", "scheduled"],
  published: [],
  rejected: ["pending_approval"],
  expired: ["pending_approval"],
  failed: ["scheduled", "draft", "published"],
  needs_check: ["published", "scheduled", "failed"],
  // No API route to the platform (not connected, or none in this version): the person posts it and marks it posted,
  // or connects the platform and retries.
  manual_ready: ["published", "scheduled"],
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
  return moveItemIfIn(db, to, allowed, set, values, {
    itemId,
    userId: actor.userId,
    at: opts.now,
    action: opts.action ?? to,
    channel: actor.channel,
    detail: opts.detail ?? "",
  });
}

const ITEM_COLUMNS = getTableColumns(contentItems);

/** Writes a history line that is not a state change (an edit, a regenerate, a publish phase). */
export function recordEvent(db: Db, itemId: number, actor: Actor, action: string, detail: string, now: Date): void {
  insertItemEvent(db, { itemId, userId: actor.userId, at: now, action, channel: actor.channel, fromStatus: null, toStatus: null, detail });
}
