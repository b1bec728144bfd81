import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";

/** Every request sent to a model provider, including retries, repairs and failures, with its cost. */
export const llmCalls = sqliteTable(
  "llm_calls",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    agent: text("agent").notNull(),
    provider: text("provider").notNull(), // the configured name, e.g. "grok"
    model: text("model").notNull(),
    purpose: text("purpose", { enum: ["first", "retry", "repair"] }).notNull(),
    outcome: text("outcome", { enum: ["ok", "invalid", "error"] }).notNull(),
    status: integer("status"), // HTTP status of a failed call, when there was one
    error: text("error").notNull().default(""),
    tokensIn: integer("tokens_in").notNull().default(0),
    tokensOut: integer("tokens_out").notNull().default(0),
    costUsd: real("cost_usd").notNull().default(0),
    latencyMs: integer("latency_ms").notNull().default(0),
    runId: integer("run_id"), // the pipeline run the call served, when it served one (no foreign key: the log outlives runs)
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("llm_calls_user_time_idx").on(t.userId, t.createdAt), index("llm_calls_run_idx").on(t.runId)],
);

/** A user's own model settings; absent means the config defaults apply. */
export const llmSettings = sqliteTable("llm_settings", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  monthlyBudgetUsd: real("monthly_budget_usd").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** Times the built-in writer took over (budget reached, every provider failed), shown on the Usage page; one per user, day and kind. */
export const llmNotices = sqliteTable(
  "llm_notices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["budget", "all_failed"] }).notNull(),
    day: text("day").notNull(), // YYYY-MM-DD in UTC
    message: text("message").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("llm_notices_once_a_day").on(t.userId, t.day, t.kind)],
);
