import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { PipelineStep } from "../../model/pipeline-steps";
import { users } from "./accounts";
import { batches } from "./content";
import { webapps } from "./webapps";

/** One pipeline run for one web app and local date (one per batch: a forced re-run is a new attempt). */
export const pipelineRuns = sqliteTable(
  "pipeline_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    webappId: integer("webapp_id")
      .notNull()
      .references(() => webapps.id, { onDelete: "cascade" }),
    batchId: integer("batch_id")
      .notNull()
      .references(() => batches.id, { onDelete: "cascade" }),
    localDate: text("local_date").notNull(),
    attempt: integer("attempt").notNull(),
    jobKey: text("job_key").notNull(),
    trigger: text("trigger", { enum: ["schedule", "manual", "cli", "api"] })
      .notNull()
      .default("schedule"),
    status: text("status", { enum: ["queued", "running", "ready", "failed"] })
      .notNull()
      .default("queued"),
    error: text("error"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("pipeline_runs_batch_unique").on(t.batchId),
    uniqueIndex("pipeline_runs_key_unique").on(t.jobKey),
    index("pipeline_runs_app_idx").on(t.webappId, t.localDate),
  ],
);

/** Each step of a run: status, stored output (so a restarted run skips it), attempts and error. */
export const pipelineSteps = sqliteTable(
  "pipeline_steps",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    runId: integer("run_id")
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: "cascade" }),
    step: text("step").$type<PipelineStep>().notNull(),
    status: text("status", { enum: ["running", "done", "failed"] })
      .notNull()
      .default("running"),
    output: text("output", { mode: "json" }).$type<unknown>(),
    summary: text("summary").notNull().default(""),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("pipeline_steps_run_step_unique").on(t.runId, t.step)],
);

/** Product facts extracted from a web app's site, keyed by the hash of the fetched content. */
export const researchFacts = sqliteTable(
  "research_facts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    webappId: integer("webapp_id")
      .notNull()
      .references(() => webapps.id, { onDelete: "cascade" }),
    contentHash: text("content_hash").notNull(),
    facts: text("facts", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    writer: text("writer").notNull().default("builtin"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("research_facts_app_hash_unique").on(t.webappId, t.contentHash)],
);
