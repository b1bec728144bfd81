import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";
import { contentItems } from "./content";
import { webapps } from "./webapps";
import { connections } from "./platforms";

/**
 * One reading of one published item's counters, as the platform gave them at `takenAt`: a time series, never
 * updated. A counter the platform does not give is null (never 0, never NaN). user, web app and platform are
 * copied from the item so the analytics page reads a user's range from this table alone.
 */
export const metricSnapshots = sqliteTable(
  "metric_snapshots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemId: integer("item_id")
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    webappId: integer("webapp_id")
      .notNull()
      .references(() => webapps.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    takenAt: integer("taken_at", { mode: "timestamp_ms" }).notNull(),
    views: integer("views"),
    impressions: integer("impressions"),
    reach: integer("reach"),
    likes: integer("likes"),
    comments: integer("comments"),
    shares: integer("shares"),
    saves: integer("saves"),
    watchTimeSeconds: real("watch_time_seconds"), // total time watched
    avgViewSeconds: real("avg_view_seconds"), // average view duration
    completionRate: real("completion_rate"), // share of views watched to the end, 0..1
    profileVisits: integer("profile_visits"),
  },
  (t) => [
    index("metric_snapshots_user_taken_idx").on(t.userId, t.takenAt),
    index("metric_snapshots_item_taken_idx").on(t.itemId, t.takenAt),
  ],
);

/** Where collecting an item's metrics stands: the next reading due, the last good one, a problem (recorded once), or removal. */
export const metricCollection = sqliteTable(
  "metric_collection",
  {
    itemId: integer("item_id")
      .primaryKey()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    remoteId: text("remote_id"), // the post's id on the platform (read from the URL for posts marked as posted by hand)
    publishedAt: integer("published_at", { mode: "timestamp_ms" }).notNull(),
    state: text("state", { enum: ["collecting", "done", "removed", "unreadable"] })
      .notNull()
      .default("collecting"),
    nextDueAt: integer("next_due_at", { mode: "timestamp_ms" }),
    lastGoodAt: integer("last_good_at", { mode: "timestamp_ms" }),
    lastTriedAt: integer("last_tried_at", { mode: "timestamp_ms" }),
    problem: text("problem"), // the last problem in words, written once until it changes or a good reading clears it
    problemAt: integer("problem_at", { mode: "timestamp_ms" }),
    failures: integer("failures").notNull().default(0), // transient failures in a row (the backoff grows with them)
    removedAt: integer("removed_at", { mode: "timestamp_ms" }),
    // Kept by triggers (migrations/*_latest_reading.sql) in the inserting statement's transaction, so the analytics page reads a
    // post's figures as of now without a descent of metric_snapshots or a count of link_clicks; a period ending before
    // these instants falls back to the history.
    // The item's latest metric_snapshots row (by taken_at, then id): when it was taken and its counters (null where unknown).
    latestTakenAt: integer("latest_taken_at", { mode: "timestamp_ms" }),
    latestViews: integer("latest_views"),
    latestLikes: integer("latest_likes"),
    latestComments: integer("latest_comments"),
    latestShares: integer("latest_shares"),
    latestSaves: integer("latest_saves"),
    // Video figures of the same latest reading (migrations/*_latest_watch.sql extends the triggers): seconds, seconds, 0..1.
    latestWatchSeconds: real("latest_watch_seconds"),
    latestAvgViewSeconds: real("latest_avg_view_seconds"),
    latestCompletion: real("latest_completion"),
    clicks: integer("clicks").notNull().default(0), // counted link_clicks rows of the item
    lastClickAt: integer("last_click_at", { mode: "timestamp_ms" }), // the latest of their clicked_at
    // The item's web app, copied by a trigger on insert (migrations/*_hourly_totals.sql) so the hourly totals below can be
    // kept right when the item itself is deleted first (a cascade from its web app or user).
    webappId: integer("webapp_id"),
  },
  (t) => [
    index("metric_collection_due_idx").on(t.state, t.nextDueAt),
    index("metric_collection_user_idx").on(t.userId),
    // The analytics page's posts of a period: one range of this index.
    index("metric_collection_user_published_idx").on(t.userId, t.publishedAt),
  ],
);

/**
 * The analytics page's sums per user, web app, platform and UTC hour of publishing (`hour` = published_at / 3,600,000):
 * the posts published in that hour and their latest figures (metric_collection's latest_* and clicks). Kept by triggers
 * on metric_collection (migrations/*_hourly_totals.sql) in the writing transaction; never written by the app. Hours, not
 * days, so any whole-hour time zone's local days are whole sets of rows; `last_activity` is the latest reading or click
 * any of its posts ever had (it never goes back), so a period ending before it knows to read those posts one by one.
 */
export const metricHourlyTotals = sqliteTable(
  "metric_hourly_totals",
  {
    userId: integer("user_id").notNull(),
    webappId: integer("webapp_id").notNull(),
    platform: text("platform").notNull(),
    hour: integer("hour").notNull(),
    posts: integer("posts").notNull().default(0),
    views: integer("views").notNull().default(0),
    likes: integer("likes").notNull().default(0),
    comments: integer("comments").notNull().default(0),
    shares: integer("shares").notNull().default(0),
    saves: integer("saves").notNull().default(0),
    clicks: integer("clicks").notNull().default(0),
    watchSeconds: real("watch_seconds").notNull().default(0),
    watchedPosts: integer("watched_posts").notNull().default(0),
    // Engagement of the posts with views > 0 (likes + comments + shares + saves) and their views: a group's rate.
    engaged: integer("engaged").notNull().default(0),
    ratedViews: integer("rated_views").notNull().default(0),
    lastActivity: integer("last_activity"),
  },
  (t) => [primaryKey({ columns: [t.userId, t.hour, t.webappId, t.platform] })],
);

/** A connected account's follower count, one row per account per UTC day (the day's first good reading). */
export const followerCounts = sqliteTable(
  "follower_counts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    connectionId: integer("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    day: text("day").notNull(), // YYYY-MM-DD (UTC)
    followers: integer("followers").notNull(),
    takenAt: integer("taken_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("follower_counts_conn_day_unique").on(t.connectionId, t.day),
    index("follower_counts_user_day_idx").on(t.userId, t.day),
  ],
);

/**
 * A platform's permanent refusal to give metrics to a connection (scope missing, plan does not allow it), with the
 * scope or plan to add; the Platforms page shows it. Cleared by a good reading; a full refusal is not retried before the
 * account is reconnected (its connection's updated_at moves past `refusedAt`), a partial one is renewed by each reading.
 */
export const metricRefusals = sqliteTable("metric_refusals", {
  connectionId: integer("connection_id")
    .primaryKey()
    .references(() => connections.id, { onDelete: "cascade" }),
  reason: text("reason").notNull(),
  needs: text("needs").notNull().default(""), // the scope to add or plan to take, in the platform's words
  // True when the platform gives some counters and withholds others (YouTube watch time without the Analytics scope):
  // the posts keep being read, the Platforms page shows what to add.
  partial: integer("partial", { mode: "boolean" }).notNull().default(false),
  refusedAt: integer("refused_at", { mode: "timestamp_ms" }).notNull(),
});
