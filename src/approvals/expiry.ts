import type { AppContext } from "../app/context";
import { pendingItemsWithOwner } from "../content/store";
import { transition } from "../content/state";
import { getSettings, type ApprovalSettings } from "./store";
import { localDate } from "../lib/zoned-time";

function settingsCache(ctx: AppContext, now: Date): (userId: number) => ApprovalSettings {
  const cache = new Map<number, ApprovalSettings>();
  return (userId) => {
    if (!cache.has(userId)) cache.set(userId, getSettings(ctx.db, ctx.config, userId, now));
    return cache.get(userId)!;
  };
}

/** Schedule (every 15 minutes): items nobody approved expire once their batch's day has ended in the owner's timezone. */
export async function expireUnapproved(ctx: AppContext, now: Date): Promise<void> {
  const settingsOf = settingsCache(ctx, now);
  let n = 0;
  for (const p of pendingItemsWithOwner(ctx.db)) {
    if (settingsOf(p.userId).unapproved !== "expire") continue;
    if (p.localDate >= localDate(now, p.timezone)) continue;
    if (
      transition(
        ctx.db,
        p.itemId,
        "expired",
        { userId: null, channel: "system" },
        { from: ["pending_approval"], now, detail: `nobody approved it on ${p.localDate}` },
      )
    )
      n++;
  }
  if (n > 0) ctx.log.info(`approvals: ${n} unapproved item(s) expired`);
}

/** Schedule (every 5 minutes): for users who opted in, approves items still waiting N hours after their batch was ready. */
export async function autoApproveAfterHours(ctx: AppContext, now: Date): Promise<void> {
  const settingsOf = settingsCache(ctx, now);
  let n = 0;
  for (const p of pendingItemsWithOwner(ctx.db)) {
    const s = settingsOf(p.userId);
    if (s.unapproved !== "auto_approve" || !p.readyAt) continue;
    if (now.getTime() - p.readyAt.getTime() < s.autoApproveHours * 3_600_000) continue;
    const detail = `auto-approved ${s.autoApproveHours} h after the batch was ready (you opted in to auto-approval)`;
    if (
      transition(
        ctx.db,
        p.itemId,
        "approved",
        { userId: null, channel: "system" },
        { from: ["pending_approval"], now, action: "auto_approved", detail },
      )
    )
      n++;
  }
  if (n > 0) ctx.log.info(`approvals: ${n} item(s) auto-approved`);
}
