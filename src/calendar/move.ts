import type { AppContext } from "../app/context";
import type { Actor } from "../content/state";
import { findItemForUser } from "../content/store";
import { editItem, type ActionResult } from "../approvals/actions";
import { reasonForMove } from "../learning/moved";
import { fromDatetimeLocal } from "../lib/zoned-time";
import type { PlatformId } from "../platforms/ids";
import { reschedulePublish } from "../publishing/reschedule";
import { GAP_REACH_MS, moveProblem } from "./guardrails";
import { accountTimesNear, allowedHoursOfItem } from "./store";

/** How far ahead a post may be moved (a year: a time in 9999 was accepted and broke the calendar's date arithmetic). */
export const MOVE_AHEAD_MS = 366 * 86_400_000;

function parseTime(raw: string, timezone: string): Date | undefined {
  if (/[zZ]|[+-]\d{2}:\d{2}$/.test(raw)) {
    const d = new Date(raw);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return fromDatetimeLocal(raw, timezone);
}

/**
 * Moves a post to a new planned time ("YYYY-MM-DDTHH:MM" in the user's zone) within the planner's rules (not in the
 * past, the web app's allowed hours, the platform's gap between the account's posts). A post waiting for approval or
 * approved moves through the approval page's edit; a scheduled one through the publishing queue, which moves its
 * publish job with it (`reschedulePublish`). Published posts, and posts whose publish has started, stay.
 */
export function movePost(ctx: AppContext, userId: number, itemId: number, plannedAt: string, timezone: string, actor: Actor): ActionResult {
  const item = findItemForUser(ctx.db, userId, itemId);
  if (!item) return editItem(ctx, userId, itemId, { plannedAt }, timezone, actor);
  const refuse = (code: "invalid" | "invalid_state", message: string): ActionResult => ({ ok: false, code, item, message });
  if (item.status === "published" || item.status === "publishing")
    return refuse(
      "invalid_state",
      `Item ${itemId} is ${item.status === "published" ? "already published" : "being published now"}; it cannot move.`,
    );
  if (plannedAt.trim() === "") return refuse("invalid", `Pick a date and time to move item ${itemId} to.`);
  const at = parseTime(plannedAt, timezone);
  if (!at) return refuse("invalid", `The planned time "${plannedAt}" is not a date and time; use the picker or YYYY-MM-DDTHH:MM.`);
  if (at.getTime() < ctx.clock.now().getTime()) return refuse("invalid", "The planned time is in the past; pick a later time.");
  if (at.getTime() > ctx.clock.now().getTime() + MOVE_AHEAD_MS)
    return refuse("invalid", "A post can be moved at most a year ahead; pick an earlier time.");
  const platform = item.platform as PlatformId;
  const problem = moveProblem(at, {
    platform,
    allowedHours: allowedHoursOfItem(ctx.db, itemId) ?? "",
    neighbours: accountTimesNear(
      ctx.db,
      userId,
      platform,
      itemId,
      new Date(at.getTime() - GAP_REACH_MS),
      new Date(at.getTime() + GAP_REACH_MS),
    ),
    timezone,
  });
  if (problem) return refuse("invalid", problem);
  if (item.status !== "scheduled") return editItem(ctx, userId, itemId, { plannedAt: at.toISOString() }, timezone, actor);
  const reason = reasonForMove(ctx.db, { webappId: item.webappId, platform }, at, timezone);
  const moved = reschedulePublish(ctx, userId, itemId, at, reason, actor);
  return moved.ok ? { ok: true, changed: moved.changed, item: findItemForUser(ctx.db, userId, itemId)! } : { ...moved, item };
}
