import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { DigestChannel } from "../../model/digest-channels";
import { users } from "./accounts";
import { batches } from "./content";

/** Each user's approval preferences and Telegram link (one row per user, created on first save). */
export const approvalSettings = sqliteTable("approval_settings", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  digestTime: text("digest_time").notNull().default("08:00"), // HH:MM in the user's timezone
  channels: text("channels", { mode: "json" }).$type<DigestChannel[]>().notNull().default(["email", "inapp"]),
  linkLifetimeHours: integer("link_lifetime_hours").notNull().default(36),
  unapproved: text("unapproved", { enum: ["expire", "auto_approve"] })
    .notNull()
    .default("expire"),
  autoApproveHours: integer("auto_approve_hours").notNull().default(6),
  telegramChatId: text("telegram_chat_id"),
  telegramUsername: text("telegram_username"),
  telegramCodeHash: text("telegram_code_hash"), // SHA-256 of the one-time linking code
  telegramCodeExpiresAt: integer("telegram_code_expires_at", { mode: "timestamp_ms" }),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** Which batch was announced on which channel, so a digest never goes out twice. */
export const batchAnnouncements = sqliteTable(
  "batch_announcements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    batchId: integer("batch_id")
      .notNull()
      .references(() => batches.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    channel: text("channel").$type<DigestChannel>().notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }).notNull(),
    detail: text("detail").notNull().default(""),
  },
  (t) => [uniqueIndex("batch_announcements_unique").on(t.batchId, t.channel), index("batch_announcements_user_idx").on(t.userId)],
);

/** In-app notifications with a read flag (the unread count in the shell). */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(), // batch.ready | content.attention | ...
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    href: text("href").notNull().default(""),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt)],
);
