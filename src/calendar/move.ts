import type { AppContext } from "../app/context";
import type { Actor } from "../content/state";
import { findItemForUser } from "../content/store";
import { editItem, type ActionResult } from "../approvals/actions";

/**
 * Moves a post to a new planned time ("YYYY-MM-DDTHH:MM" in the user's zone) through the approval page's edit,
 * so the same checks apply (editable states, not in the past) and the history records it as an edit.
 */
export function movePost(ctx: AppContext, userId: number, itemId: number, plannedAt: string, timezone: string, actor: Actor): ActionResult {
  const item = findItemForUser(ctx.db, userId, itemId);
  if (item && (item.status === "published" || item.status === "publishing"))
    return {
      ok: false,
      code: "invalid_state",
      item,
      message: `Item ${itemId} is ${item.status === "published" ? "already published" : "being published now"}; it cannot move.`,
    };
  if (item && plannedAt.trim() === "")
    return { ok: false, code: "invalid", item, message: `Pick a date and time to move item ${itemId} to.` };
  return editItem(ctx, userId, itemId, { plannedAt }, timezone, actor);
}
