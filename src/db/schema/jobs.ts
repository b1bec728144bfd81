import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Durable work: claimed with a lease, retried with backoff, unique by idempotency key. */
export const jobs = sqliteTable(
  "jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    key: text("key").notNull(), // idempotency key: one job per key
    status: text("status", { enum: ["queued", "running", "done", "failed", "cancelled"] })
      .notNull()
      .default("queued"),
    runAt: integer("run_at", { mode: "timestamp_ms" }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    leaseUntil: integer("lease_until", { mode: "timestamp_ms" }),
    // Which process holds the lease: "host pid start-ticks" (see jobs/owner.ts), so a restart can take back a dead one's jobs.
    leaseOwner: text("lease_owner"),
    lastError: text("last_error"),
    progress: text("progress").notNull().default(""),
    // When the running attempt was claimed: with the progress percent it gives the time left.
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    // Distributed mode: when the outbox relay handed the job to the shared queue (pg-boss); null on a single box.
    relayedAt: integer("relayed_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("jobs_key_unique").on(t.key), index("jobs_due_idx").on(t.status, t.runAt)],
);

/** Each run of a declared schedule, so the UI can show last run, next run and a "run now" button. */
export const scheduleRuns = sqliteTable(
  "schedule_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    outcome: text("outcome").notNull().default("running"), // running | ok | error
    detail: text("detail").notNull().default(""),
  },
  (t) => [index("schedule_runs_name_idx").on(t.name, t.startedAt)],
);

/** Each schedule tick claimed by one process, so a schedule runs once per tick however many schedulers share the database. */
export const scheduleTicks = sqliteTable(
  "schedule_ticks",
  {
    name: text("name").notNull(),
    tickAt: integer("tick_at", { mode: "timestamp_ms" }).notNull(),
    owner: text("owner").notNull(),
    claimedAt: integer("claimed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.name, t.tickAt] })],
);
