import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";

/**
 * A report email claimed for one user and one period (`period` is week, day or month; `start` its first local date).
 * The primary key makes the schedule send each period once, across restarts; a failed send deletes its row so the
 * next run retries.
 */
export const reportSends = sqliteTable(
  "report_sends",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    period: text("period", { enum: ["day", "week", "month"] }).notNull(),
    start: text("start").notNull(), // YYYY-MM-DD, the period's first day in the user's zone
    claimedAt: integer("claimed_at", { mode: "timestamp_ms" }).notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.period, t.start] })],
);
