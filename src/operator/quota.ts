import type { AppContext } from "../app/context";
import { ActionRefused } from "../http/errors";
import { findUserById } from "../users/store";
import { formatLimit, formatMoney, QUOTAS, quotaAmount, quotaLabel, type QuotaKind } from "../model/quotas";
import { monthOf, planFor, zoneMonthStart } from "./plans";
import { accountMemberIds, accountOwnerOf, countPendingSeats } from "./seats-store";
import { standingOf } from "./standing";
import { countUse, findAccount, usedThisMonth } from "./store";
import { countConnections, countPostsSince, countWebapps, itemOwner, llmSpendSince, storageBytes } from "./usage-store";

/** Whether some work may start: "allowed", or the sentence that says why not and where to upgrade. */
export type QuotaAnswer = { allowed: true } | { allowed: false; message: string; upgradeUrl: string };

/** Where a refused person goes to change plan or pay. */
export const UPGRADE_URL = "/billing";

/** Bytes in one MB of the storage quota (decimal, as the upload limits are written). */
export const STORAGE_MB_BYTES = 1_000_000;

const ALLOWED: QuotaAnswer = { allowed: true };

/** The account a user's work counts against: its owner and everyone in it (owner first). */
function accountOf(ctx: AppContext, userId: number): { ownerId: number; ids: number[] } {
  const ownerId = accountOwnerOf(ctx.db, userId);
  return { ownerId, ids: accountMemberIds(ctx.db, ownerId) };
}

/** Where the account's AI budget month started: the first of this month, midnight, in the owner's time zone. */
export function budgetMonthStart(ctx: AppContext, ownerId: number): Date {
  return zoneMonthStart(ctx.clock.now(), findUserById(ctx.db, ownerId)?.timezone ?? "UTC");
}

/**
 * How much of one quota the account of `userId` has used, over everyone in the account: this month for monthly
 * ones (the AI budget in the plans' currency), MB for storage, and for seats the owner, the members and the open invitations.
 */
export function usageOf(ctx: AppContext, userId: number, kind: QuotaKind): number {
  const now = ctx.clock.now();
  const { month, start } = monthOf(now);
  const { ownerId, ids } = accountOf(ctx, userId);
  switch (kind) {
    case "webapps":
      return countWebapps(ctx.db, ids);
    case "posts_month":
      return countPostsSince(ctx.db, ids, start);
    case "renders_month":
      return usedThisMonth(ctx.db, ownerId, month, "renders");
    case "connections":
      return countConnections(ctx.db, ids);
    case "llm_budget_month":
      // Providers price in USD; the plan's budget is in the plans' currency.
      return llmSpendSince(ctx.db, ids, budgetMonthStart(ctx, ownerId)) * ctx.config.operator.usd_rate;
    case "storage_mb":
      return storageBytes(ctx.db, ids) / STORAGE_MB_BYTES;
    case "seats":
      return ids.length + countPendingSeats(ctx.db, ownerId, now);
  }
}

/** The refusal sentence every quota shares: the plan, its limit and what was used (money in the plans' currency). */
function refusal(ctx: AppContext, planName: string, kind: QuotaKind, limit: number, used: number, adding: number): QuotaAnswer {
  const currency = ctx.config.operator.currency;
  const usedText = QUOTAS.find((x) => x.kind === kind)!.money
    ? formatMoney(used, currency)
    : `${formatLimit(used)}${kind === "storage_mb" ? " MB" : ""}`;
  const needs = kind === "storage_mb" && adding > 0 ? ` This needs ${formatLimit(adding)} MB more.` : "";
  return {
    allowed: false,
    message: `Your ${planName} plan includes ${quotaAmount(kind, limit, currency)} and you have used ${usedText}.${needs} Upgrade your plan to do more.`,
    upgradeUrl: UPGRADE_URL,
  };
}

/**
 * May this account start `adding` more of `kind` (1 web app, 1 seat, 2.5 MB)? With `adding` 0 the question is
 * whether any room is left (a render of unknown size). Always "allowed" when operator mode is off and for the
 * operator's admins. Otherwise the account's billing state must allow new work and its plan's quota must have room.
 */
export function quotaCheck(ctx: AppContext, userId: number, kind: QuotaKind, adding = 1): QuotaAnswer {
  if (!ctx.config.operator.enabled) return ALLOWED;
  if (findUserById(ctx.db, userId)?.role === "admin") return ALLOWED;
  const ownerId = accountOwnerOf(ctx.db, userId);
  const account = findAccount(ctx.db, ownerId);
  const standing = standingOf(account, ctx.clock.now(), ctx.config.operator.past_due_grace_days);
  if (!standing.mayWork) return { allowed: false, message: standing.banner!, upgradeUrl: UPGRADE_URL };
  const plan = planFor(ctx.config, account?.planId);
  const limit = plan.quotas[kind];
  if (!Number.isFinite(limit)) return ALLOWED;
  const used = usageOf(ctx, userId, kind);
  const fits = adding > 0 ? used + adding <= limit : used < limit;
  return fits ? ALLOWED : refusal(ctx, plan.name, kind, limit, used, adding);
}

/** quotaCheck for one render of an item's media: storage must have room, and the render is counted against the month when allowed. */
export function useRenderQuota(ctx: AppContext, itemId: number): QuotaAnswer {
  if (!ctx.config.operator.enabled) return ALLOWED;
  const owner = itemOwner(ctx.db, itemId);
  if (owner === undefined) return ALLOWED;
  const storage = quotaCheck(ctx, owner, "storage_mb", 0);
  if (!storage.allowed) return storage;
  const answer = quotaCheck(ctx, owner, "renders_month");
  if (answer.allowed) countUse(ctx.db, accountOwnerOf(ctx.db, owner), monthOf(ctx.clock.now()).month, "renders");
  return answer;
}

/**
 * The plan's AI budget when it is what stops a model call: the sentence when this month's spend (in the owner's
 * zone) plus `estimateUsd` would pass it, else undefined (operator mode off, an admin, an unlimited plan, room left).
 */
export function llmBudgetProblem(ctx: AppContext, userId: number, estimateUsd: number): string | undefined {
  if (!ctx.config.operator.enabled) return undefined;
  if (findUserById(ctx.db, userId)?.role === "admin") return undefined;
  const ownerId = accountOwnerOf(ctx.db, userId);
  const plan = planFor(ctx.config, findAccount(ctx.db, ownerId)?.planId);
  const limit = plan.quotas.llm_budget_month;
  if (!Number.isFinite(limit)) return undefined;
  const used = usageOf(ctx, userId, "llm_budget_month");
  if (used + estimateUsd * ctx.config.operator.usd_rate <= limit) return undefined;
  const answer = refusal(ctx, plan.name, "llm_budget_month", limit, used, 0) as { message: string; upgradeUrl: string };
  return `${answer.message} (${answer.upgradeUrl})`;
}

/** May the person invited by link `linkId` take a seat in the owner's account? Their own open invitation is not counted twice. */
export function seatForInvitee(ctx: AppContext, ownerId: number, linkId: number): QuotaAnswer {
  if (!ctx.config.operator.enabled) return ALLOWED;
  const account = findAccount(ctx.db, ownerId);
  const standing = standingOf(account, ctx.clock.now(), ctx.config.operator.past_due_grace_days);
  if (!standing.mayWork) return { allowed: false, message: standing.banner!, upgradeUrl: UPGRADE_URL };
  const plan = planFor(ctx.config, account?.planId);
  const limit = plan.quotas.seats;
  const used = accountMemberIds(ctx.db, ownerId).length + countPendingSeats(ctx.db, ownerId, ctx.clock.now(), linkId);
  return used + 1 <= limit ? ALLOWED : refusal(ctx, plan.name, "seats", limit, used, 1);
}

/** Throws the refusal as a page with the sentence and the upgrade link (for routes that start work). */
export function requireQuota(ctx: AppContext, userId: number, kind: QuotaKind, adding = 1): void {
  const answer = quotaCheck(ctx, userId, kind, adding);
  if (!answer.allowed) throw new ActionRefused(answer.message, { href: answer.upgradeUrl, label: "See plans and billing" });
}

/** Why an item's owner may not publish now (their billing state paused it), or undefined: always undefined when operator mode is off. */
export function publishingPause(ctx: AppContext, itemId: number): string | undefined {
  if (!ctx.config.operator.enabled) return undefined;
  const owner = itemOwner(ctx.db, itemId);
  if (owner === undefined) return undefined;
  const account = findAccount(ctx.db, accountOwnerOf(ctx.db, owner));
  const standing = standingOf(account, ctx.clock.now(), ctx.config.operator.past_due_grace_days);
  return standing.mayPublish ? undefined : `publishing paused: ${standing.banner}`;
}

/** How long a paused publish waits before it looks again (it goes out on its own once the account is in good standing). */
export const PAUSED_PUBLISH_RETRY_MS = 60 * 60_000;

/** One quota as the usage pages show it. */
export interface UsageRow {
  kind: QuotaKind;
  label: string;
  used: number;
  limit: number;
}

/** The plan, standing and every quota's use of the account `userId` is in, for /usage/plan, /billing and the admin list. */
export function usageSummary(ctx: AppContext, userId: number) {
  const ownerId = accountOwnerOf(ctx.db, userId);
  const account = findAccount(ctx.db, ownerId);
  const plan = planFor(ctx.config, account?.planId);
  const rows: UsageRow[] = QUOTAS.map((q) => ({
    kind: q.kind,
    label: quotaLabel(q.kind, ctx.config.operator.currency),
    used: usageOf(ctx, userId, q.kind),
    limit: plan.quotas[q.kind],
  }));
  return { plan, account, ownerId, rows, standing: standingOf(account, ctx.clock.now(), ctx.config.operator.past_due_grace_days) };
}

/**
 * The plan's AI budget a person sees instead of their own cap (operator mode, not an admin): the plan's name and its
 * dollars a month (Infinity for an unlimited plan), or undefined when the person sets their own.
 */
export function planAiBudget(ctx: AppContext, userId: number): { planName: string; usd: number } | undefined {
  if (!ctx.config.operator.enabled) return undefined;
  if (findUserById(ctx.db, userId)?.role === "admin") return undefined;
  const plan = planFor(ctx.config, findAccount(ctx.db, accountOwnerOf(ctx.db, userId))?.planId);
  // The plan's budget is in the plans' currency; /usage counts in the providers' USD.
  return { planName: plan.name, usd: plan.quotas.llm_budget_month / ctx.config.operator.usd_rate };
}
