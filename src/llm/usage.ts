import type { AppContext } from "../app/context";
import { parseDecimal } from "../lib/decimal";
import { monthlyBudgetUsd, monthStartUtc } from "./budget";
import {
  costSince,
  findBudget,
  listNotices,
  recentFailures,
  usageByAgent,
  usageByProvider,
  type LlmCallRow,
  type LlmNoticeRow,
  type UsageTotals,
} from "./store";

/** Everything the Usage page shows for one user and the current calendar month (UTC). */
export interface UsageReport {
  monthStart: Date;
  monthLabel: string;
  providers: { name: string; kind: string; model: string; tier: string }[];
  budgetUsd: number;
  budgetIsDefault: boolean;
  spentUsd: number;
  totals: { calls: number; failures: number; tokensIn: number; tokensOut: number };
  byProvider: UsageTotals[];
  byAgent: UsageTotals[];
  failures: LlmCallRow[];
  notices: LlmNoticeRow[];
}

/** Gathers this month's model usage for a user: spend against budget, per provider and agent, failures and takeovers. */
export function loadUsage(ctx: AppContext, userId: number): UsageReport {
  const monthStart = monthStartUtc(ctx.clock.now());
  const byProvider = usageByProvider(ctx.db, userId, monthStart);
  const sum = (f: (t: UsageTotals) => number) => byProvider.reduce((n, t) => n + f(t), 0);
  return {
    monthStart,
    monthLabel: monthStart.toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }),
    providers: ctx.config.llm.providers.map((p) => ({ name: p.name, kind: p.kind, model: p.model, tier: p.tier })),
    budgetUsd: monthlyBudgetUsd(ctx.db, userId, ctx.config.llm.monthly_budget_usd),
    budgetIsDefault: findBudget(ctx.db, userId) === undefined,
    spentUsd: costSince(ctx.db, userId, monthStart),
    totals: {
      calls: sum((t) => t.calls),
      failures: sum((t) => t.failures),
      tokensIn: sum((t) => t.tokensIn),
      tokensOut: sum((t) => t.tokensOut),
    },
    byProvider,
    byAgent: usageByAgent(ctx.db, userId, monthStart),
    failures: recentFailures(ctx.db, userId, monthStart),
    notices: listNotices(ctx.db, userId, monthStart),
  };
}

/** Checks a budget typed into the form: the amount in USD, or a message saying what to enter. */
export function parseBudgetInput(raw: string): number | { error: string } {
  const text = raw.trim().replace(/^\$/, "");
  const n = parseDecimal(text);
  if (n === undefined) return { error: "Enter the monthly budget as a number of US dollars, for example 10 or 12.50." };
  if (n < 0) return { error: "The budget cannot be negative; enter 0 to use only free and built-in writers." };
  if (n > 1_000_000) return { error: "That budget is over $1,000,000; enter a smaller amount." };
  return Math.round(n * 100) / 100;
}
