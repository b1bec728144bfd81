import type { AppContext } from "../app/context";
import { ActionRefused } from "../http/errors";
import { findUserById } from "../users/store";
import { formatLimit, QUOTAS, type QuotaKind } from "../model/quotas";
import { monthOf, planFor } from "./plans";
import { standingOf } from "./standing";
import { countUse, findAccount, usedThisMonth } from "./store";
import { countConnections, countPostsSince, countWebapps, itemOwner, llmSpendSince } from "./usage-store";

/** Whether some work may start: "allowed", or the sentence that says why not and where to upgrade. */
export type QuotaAnswer = { allowed: true } | { allowed: false; message: string; upgradeUrl: string };

/** Where a refused person goes to change plan or pay. */
export const UPGRADE_URL = "/billing";

const ALLOWED: QuotaAnswer = { allowed: true };

/** How much of one quota the account has used (this month for monthly ones). */
export function usageOf(ctx: AppContext, userId: number, kind: QuotaKind): number {
  const { month, start } = monthOf(ctx.clock.now());
  switch (kind) {
    case "webapps":
      return countWebapps(ctx.db, userId);
    case "posts_month":
      return countPostsSince(ctx.db, userId, start);
    case "renders_month":
      return usedThisMonth(ctx.db, userId, month, "renders");
    case "connections":
      return countConnections(ctx.db, userId);
    case "llm_budget_month":
      return llmSpendSince(ctx.db, userId, start);
    case "storage_mb":
    case "seats":
      // Not counted by the box yet: shown as the plan's limit only, never enforced.
      return 0;
  }
}

/**
 * May this account start one more of `kind`? Always "allowed" when operator mode is off and for the operator's
 * admins. Otherwise the account's billing state must allow new work and its plan's quota must have room.
 */
export function quotaCheck(ctx: AppContext, userId: number, kind: QuotaKind): QuotaAnswer {
  if (!ctx.config.operator.enabled) return ALLOWED;
  if (findUserById(ctx.db, userId)?.role === "admin") return ALLOWED;
  const account = findAccount(ctx.db, userId);
  const standing = standingOf(account, ctx.clock.now(), ctx.config.operator.past_due_grace_days);
  if (!standing.mayWork) return { allowed: false, message: standing.banner!, upgradeUrl: UPGRADE_URL };
  const plan = planFor(ctx.config, account?.planId);
  const limit = plan.quotas[kind];
  const used = usageOf(ctx, userId, kind);
  if (used < limit) return ALLOWED;
  const q = QUOTAS.find((x) => x.kind === kind)!;
  return {
    allowed: false,
    message: `Your ${plan.name} plan includes ${formatLimit(limit)} ${q.unit} and you have used ${formatLimit(used)}. Upgrade your plan to do more.`,
    upgradeUrl: UPGRADE_URL,
  };
}

/** quotaCheck for one render of an item's media, counting it against the owner's month when allowed. */
export function useRenderQuota(ctx: AppContext, itemId: number): QuotaAnswer {
  if (!ctx.config.operator.enabled) return ALLOWED;
  const owner = itemOwner(ctx.db, itemId);
  if (owner === undefined) return ALLOWED;
  const answer = quotaCheck(ctx, owner, "renders_month");
  if (answer.allowed) countUse(ctx.db, owner, monthOf(ctx.clock.now()).month, "renders");
  return answer;
}

/** Throws the refusal as a page with the sentence and the upgrade link (for routes that start work). */
export function requireQuota(ctx: AppContext, userId: number, kind: QuotaKind): void {
  const answer = quotaCheck(ctx, userId, kind);
  if (!answer.allowed) throw new ActionRefused(answer.message, { href: answer.upgradeUrl, label: "See plans and billing" });
}

/** Why an item's owner may not publish now (their billing state paused it), or undefined: always undefined when operator mode is off. */
export function publishingPause(ctx: AppContext, itemId: number): string | undefined {
  if (!ctx.config.operator.enabled) return undefined;
  const owner = itemOwner(ctx.db, itemId);
  if (owner === undefined) return undefined;
  const standing = standingOf(findAccount(ctx.db, owner), ctx.clock.now(), ctx.config.operator.past_due_grace_days);
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
  /** Whether the box counts this quota (storage and seats are shown as limits only). */
  measured: boolean;
}

/** The account's plan, standing and every quota's use, for /usage/plan, /billing and the admin list. */
export function usageSummary(ctx: AppContext, userId: number) {
  const account = findAccount(ctx.db, userId);
  const plan = planFor(ctx.config, account?.planId);
  const rows: UsageRow[] = QUOTAS.map((q) => ({
    kind: q.kind,
    label: q.label,
    used: usageOf(ctx, userId, q.kind),
    limit: plan.quotas[q.kind],
    measured: q.kind !== "storage_mb" && q.kind !== "seats",
  }));
  return { plan, account, rows, standing: standingOf(account, ctx.clock.now(), ctx.config.operator.past_due_grace_days) };
}
