import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";
import { contentItems } from "./content";
import { connections } from "./platforms";
import { webapps } from "./webapps";

/** Where a comment stands in the inbox: new, waiting for an answer, handled, spam, or hidden on the platform. */
export const COMMENT_STATES = ["new", "needs_reply", "done", "spam", "hidden"] as const;

/** One comment or reply on one of our published posts, keyed by (platform, remote comment id). */
export const comments = sqliteTable(
  "comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    webappId: integer("webapp_id")
      .notNull()
      .references(() => webapps.id, { onDelete: "cascade" }),
    itemId: integer("item_id")
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    remoteId: text("remote_id").notNull(),
    parentRemoteId: text("parent_remote_id"), // the comment this one answers (null for a top-level comment)
    authorName: text("author_name").notNull(),
    authorId: text("author_id"),
    authorAvatarUrl: text("author_avatar_url"), // shown only when https, never fetched by us
    text: text("text").notNull(),
    postedAt: integer("posted_at", { mode: "timestamp_ms" }).notNull(),
    likeCount: integer("like_count"),
    edited: integer("edited", { mode: "boolean" }).notNull().default(false),
    deleted: integer("deleted", { mode: "boolean" }).notNull().default(false),
    ours: integer("ours", { mode: "boolean" }).notNull().default(false), // written by the connected account (our replies)
    labels: text("labels", { mode: "json" }).$type<string[]>().notNull().default([]),
    language: text("language").notNull().default("und"),
    state: text("state", { enum: COMMENT_STATES }).notNull().default("new"),
    firstSeenAt: integer("first_seen_at", { mode: "timestamp_ms" }).notNull(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("comments_platform_remote_idx").on(t.platform, t.remoteId),
    // Covers the navigation's count (no row reads) and the inbox's newest-first walk (id order within a user).
    index("comments_user_state_idx").on(t.userId, t.state, t.deleted, t.ours),
    index("comments_user_id_idx").on(t.userId, t.id),
    index("comments_item_idx").on(t.itemId, t.postedAt),
  ],
);

/** Where reading a published post's comments stands: the next read due, the last one, and a problem in words. */
export const commentSync = sqliteTable(
  "comment_sync",
  {
    itemId: integer("item_id")
      .primaryKey()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }).notNull(),
    nextDueAt: integer("next_due_at", { mode: "timestamp_ms" }),
    lastReadAt: integer("last_read_at", { mode: "timestamp_ms" }),
    problem: text("problem"),
    // The platform's paging cursor where the last read stopped at its page budget (null: the next read starts over).
    cursor: text("cursor"),
  },
  (t) => [index("comment_sync_due_idx").on(t.nextDueAt)],
);

/**
 * The reply journal: one reply per comment, its phase written before each external call (prepared -> send_sent
 * -> confirmed), so a crash never sends it twice; refused/blocked say why it was not sent.
 */
export const commentReplies = sqliteTable("comment_replies", {
  commentId: integer("comment_id")
    .primaryKey()
    .references(() => comments.id, { onDelete: "cascade" }),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  connectionId: integer("connection_id").references(() => connections.id, { onDelete: "set null" }),
  text: text("text").notNull(),
  phase: text("phase", { enum: ["prepared", "send_sent", "confirmed", "refused"] }).notNull(),
  remoteReplyId: text("remote_reply_id"),
  problem: text("problem"),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** Per web app inbox choices: hide comments the classifier calls spam on the platform as they arrive (opt-in). */
export const inboxSettings = sqliteTable("inbox_settings", {
  webappId: integer("webapp_id")
    .primaryKey()
    .references(() => webapps.id, { onDelete: "cascade" }),
  autoHideSpam: integer("auto_hide_spam", { mode: "boolean" }).notNull().default(false),
});

/**
 * The comment-only digest sent to a user on a day (their local date) on a channel: claimed before sending, so a
 * restart or a second run never sends that day's comment digest twice.
 */
export const commentDigestSends = sqliteTable(
  "comment_digest_sends",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    localDate: text("local_date").notNull(),
    channel: text("channel").notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("comment_digest_sends_unique").on(t.userId, t.localDate, t.channel)],
);
