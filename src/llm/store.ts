import { and, desc, eq, gte, ne, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { llmCalls, llmNotices, llmSettings } from "../db/schema/llm";

/** One logged model request. */
export type LlmCallRow = typeof llmCalls.$inferSelect;
/** A logged model request before it has an id. */
export type NewLlmCall = typeof llmCalls.$inferInsert;
/** A "switched to the built-in writer" notice. */
export type LlmNoticeRow = typeof llmNotices.$inferSelect;

/** Totals for one group (a provider+model or an agent) of calls. */
export interface UsageTotals {
  key: string;
  model: string;
  calls: number;
  failures: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
}

/** Logs one model request; throws "llm.store: ..." when the row cannot be written. */
export function recordCall(db: Db, call: NewLlmCall): void {
  try {
    db.insert(llmCalls).values(call).run();
  } catch (e) {
    throw new Error(`llm.store: cannot insert call: ${e instanceof Error ? e.message : e}`);
  }
}

/** What a user has spent on models since `since` (USD). */
export function costSince(db: Db, userId: number, since: Date): number {
  const row = db
    .select({ cost: sql<number>`coalesce(sum(${llmCalls.costUsd}), 0)` })
    .from(llmCalls)
    .where(and(eq(llmCalls.userId, userId), gte(llmCalls.createdAt, since)))
    .get();
  return row?.cost ?? 0;
}

function totals(db: Db, userId: number, since: Date, by: "provider" | "agent"): UsageTotals[] {
  const col = by === "provider" ? llmCalls.provider : llmCalls.agent;
  return db
    .select({
      key: col,
      model: by === "provider" ? sql<string>`max(${llmCalls.model})` : sql<string>`group_concat(distinct ${llmCalls.model})`,
      calls: sql<number>`count(*)`,
      failures: sql<number>`sum(case when ${llmCalls.outcome} = 'ok' then 0 else 1 end)`,
      tokensIn: sql<number>`sum(${llmCalls.tokensIn})`,
      tokensOut: sql<number>`sum(${llmCalls.tokensOut})`,
      costUsd: sql<number>`sum(${llmCalls.costUsd})`,
    })
    .from(llmCalls)
    .where(and(eq(llmCalls.userId, userId), gte(llmCalls.createdAt, since)))
    .groupBy(col)
    .orderBy(sql`sum(${llmCalls.costUsd}) desc`, col)
    .all();
}

/** Calls, tokens and cost per provider since `since`. */
export function usageByProvider(db: Db, userId: number, since: Date): UsageTotals[] {
  return totals(db, userId, since, "provider");
}

/** Calls, tokens and cost per agent since `since`. */
export function usageByAgent(db: Db, userId: number, since: Date): UsageTotals[] {
  return totals(db, userId, since, "agent");
}

/** The most recent failed or invalid calls since `since`, newest first. */
export function recentFailures(db: Db, userId: number, since: Date, limit = 10): LlmCallRow[] {
  return db
    .select()
    .from(llmCalls)
    .where(and(eq(llmCalls.userId, userId), gte(llmCalls.createdAt, since), ne(llmCalls.outcome, "ok")))
    .orderBy(desc(llmCalls.createdAt), desc(llmCalls.id))
    .limit(limit)
    .all();
}

/** Every call of a user since `since`, oldest first (tests and run pages). */
export function listCalls(db: Db, userId: number, since: Date): LlmCallRow[] {
  return db
    .select()
    .from(llmCalls)
    .where(and(eq(llmCalls.userId, userId), gte(llmCalls.createdAt, since)))
    .orderBy(llmCalls.createdAt, llmCalls.id)
    .all();
}

/** The user's own monthly budget, or undefined when they use the config default. */
export function findBudget(db: Db, userId: number): number | undefined {
  return db.select({ b: llmSettings.monthlyBudgetUsd }).from(llmSettings).where(eq(llmSettings.userId, userId)).get()?.b;
}

/** Sets the user's monthly budget (USD). */
export function saveBudget(db: Db, userId: number, usd: number, now: Date): void {
  db.insert(llmSettings)
    .values({ userId, monthlyBudgetUsd: usd, updatedAt: now })
    .onConflictDoUpdate({ target: llmSettings.userId, set: { monthlyBudgetUsd: usd, updatedAt: now } })
    .run();
}

/** Stores a takeover notice; a second one of the same kind on the same UTC day is ignored. */
export function addNotice(db: Db, n: { userId: number; kind: LlmNoticeRow["kind"]; message: string; createdAt: Date }): void {
  const day = n.createdAt.toISOString().slice(0, 10);
  db.insert(llmNotices)
    .values({ ...n, day })
    .onConflictDoNothing()
    .run();
}

/** The user's takeover notices since `since`, newest first. */
export function listNotices(db: Db, userId: number, since: Date): LlmNoticeRow[] {
  return db
    .select()
    .from(llmNotices)
    .where(and(eq(llmNotices.userId, userId), gte(llmNotices.createdAt, since)))
    .orderBy(desc(llmNotices.createdAt), desc(llmNotices.id))
    .all();
}

/** Every model request logged for one pipeline run of the user, oldest first (the run page lists them). */
export function runCalls(db: Db, userId: number, runId: number): LlmCallRow[] {
  return db
    .select()
    .from(llmCalls)
    .where(and(eq(llmCalls.userId, userId), eq(llmCalls.runId, runId)))
    .orderBy(llmCalls.createdAt, llmCalls.id)
    .all();
}
