import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { ContentState } from "../../model/content-states";
import { users } from "./accounts";
import { webapps } from "./webapps";

/** One night's batch for one web app and local date (one per pair unless forced). */
export const batches = sqliteTable(
  "batches",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    webappId: integer("webapp_id")
      .notNull()
      .references(() => webapps.id, { onDelete: "cascade" }),
    localDate: text("local_date").notNull(), // YYYY-MM-DD in the user's timezone
    attempt: integer("attempt").notNull().default(1), // a forced re-run makes attempt 2, 3, ...
    status: text("status", { enum: ["running", "ready", "failed", "cancelled"] })
      .notNull()
      .default("running"),
    error: text("error"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    readyAt: integer("ready_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("batches_app_date_attempt_unique").on(t.webappId, t.localDate, t.attempt), index("batches_user_idx").on(t.userId)],
);

/** One post for one platform: copy, media, plan and its place in the lifecycle. */
export const contentItems = sqliteTable(
  "content_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    webappId: integer("webapp_id")
      .notNull()
      .references(() => webapps.id, { onDelete: "cascade" }),
    batchId: integer("batch_id").references(() => batches.id, { onDelete: "set null" }),
    platform: text("platform").notNull(),
    format: text("format", { enum: ["video", "image", "text", "thread", "carousel"] }).notNull(),
    variant: text("variant").notNull().default("A"),
    status: text("status").$type<ContentState>().notNull().default("draft"),
    title: text("title").notNull().default(""),
    caption: text("caption").notNull().default(""),
    hashtags: text("hashtags", { mode: "json" }).$type<string[]>().notNull().default([]),
    linkUrl: text("link_url").notNull().default(""),
    script: text("script", { mode: "json" }).$type<Record<string, unknown> | null>(),
    writer: text("writer").notNull().default(""), // which provider wrote it, e.g. "builtin"
    reason: text("reason").notNull().default(""), // the agents' reason for slot and variant
    // The creative arms the post used (src/learning/arms.ts: opening, format, length band, hashtag count, call to action).
    arms: text("arms", { mode: "json" }).$type<Record<string, string> | null>(),
    plannedAt: integer("planned_at", { mode: "timestamp_ms" }),
    mediaStatus: text("media_status", { enum: ["none", "waiting", "rendering", "ready", "failed"] })
      .notNull()
      .default("none"),
    media: text("media", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    mediaError: text("media_error"),
    rejectReason: text("reject_reason"),
    remoteId: text("remote_id"),
    permalink: text("permalink"),
    failure: text("failure"), // a person-readable reason when failed or needs_check
    // Sentences no snippet of the site supports; while any is listed the item is kept out of bulk, link and auto approval.
    unsupportedClaims: text("unsupported_claims", { mode: "json" }).$type<{ text: string; reason: string }[]>().notNull().default([]),
    // Every sentence of the copy beside the site snippet it rests on (the card's "Sources" view).
    claimSources: text("claim_sources", { mode: "json" })
      .$type<{ field: string; text: string; url: string; snippet: string }[]>()
      .notNull()
      .default([]),
    // An X thread's posts in order (format "thread"; hashtags join the last one when published); empty for other formats.
    threadPosts: text("thread_posts", { mode: "json" }).$type<string[]>().notNull().default([]),
    // The comment published right after the post where the link belongs there (Instagram; LinkedIn by the app's setting).
    firstComment: text("first_comment").notNull().default(""),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("content_items_user_status_idx").on(t.userId, t.status),
    index("content_items_batch_idx").on(t.batchId),
    index("content_items_planned_idx").on(t.status, t.plannedAt),
  ],
);

/** Who did what to an item, when and through which channel: the item's history. */
export const contentEvents = sqliteTable(
  "content_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemId: integer("item_id")
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    action: text("action").notNull(),
    channel: text("channel").notNull(), // web | api | email | telegram | cli | system
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    detail: text("detail").notNull().default(""),
  },
  (t) => [index("content_events_item_idx").on(t.itemId)],
);
