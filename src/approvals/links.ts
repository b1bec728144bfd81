import type { AppContext } from "../app/context";
import { createLink, peekLink, consumeLink, type LinkProblem, type LinkRow } from "../links/store";

/** The two batch actions a one-tap link or Telegram button can take. */
export type BatchAction = "approve" | "reject";
/** Where the token travels: an emailed link or a Telegram button (each scoped separately). */
export type LinkChannel = "email" | "telegram";

/** The link purpose for a channel and action: the scope checked when the token comes back. */
export function linkPurpose(channel: LinkChannel, action: BatchAction): string {
  return `${channel === "email" ? "approval" : "telegram"}.${action}_batch`;
}

/** Creates a one-time token for user + batch + action on a channel; only its hash is stored. */
export function createBatchToken(
  ctx: AppContext,
  userId: number,
  batchId: number,
  action: BatchAction,
  channel: LinkChannel,
  lifetimeHours: number,
): string {
  return createLink(
    ctx.db,
    { purpose: linkPurpose(channel, action), userId, subject: String(batchId), data: { action }, ttlMs: lifetimeHours * 3_600_000 },
    ctx.clock.now(),
  ).token;
}

/** The public URL of an emailed one-tap link, built from server.public_base_url (never the request's Host). */
export function linkUrl(ctx: AppContext, token: string): string {
  return `${ctx.config.server.public_base_url}/links/${token}`;
}

/** A resolved token: what it does and to which batch of which user. */
export interface BatchLink {
  link: LinkRow;
  action: BatchAction;
  batchId: number;
  userId: number;
}

function toBatchLink(link: LinkRow, action: BatchAction): BatchLink | { problem: LinkProblem } {
  const batchId = Number(link.subject);
  if (!Number.isInteger(batchId) || batchId <= 0 || link.userId === null) return { problem: "unknown" };
  return { link, action, batchId, userId: link.userId };
}

/** Looks a token up without using it, trying both actions of the channel. */
export function peekBatchToken(ctx: AppContext, token: string, channel: LinkChannel): BatchLink | { problem: LinkProblem } {
  let last: { problem: LinkProblem } = { problem: "unknown" };
  for (const action of ["approve", "reject"] as const) {
    const r = peekLink(ctx.db, token, linkPurpose(channel, action), ctx.clock.now());
    if ("link" in r) return toBatchLink(r.link, action);
    if (r.problem !== "wrong_purpose") last = r;
  }
  return last;
}

/** Uses a token exactly once (a replay or a race answers "used"). */
export function consumeBatchToken(ctx: AppContext, token: string, channel: LinkChannel): BatchLink | { problem: LinkProblem } {
  const peek = peekBatchToken(ctx, token, channel);
  if ("problem" in peek) return peek;
  const used = consumeLink(ctx.db, token, peek.link.purpose, ctx.clock.now());
  return "problem" in used ? used : toBatchLink(used.link, peek.action);
}
