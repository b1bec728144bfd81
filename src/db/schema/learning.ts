import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";
import { webapps } from "./webapps";

/**
 * A past post imported from a platform's own export (CSV or JSON), so learning starts warm: counted by the learner
 * exactly like our own published posts, and marked as imported by living here. `importId` groups one file's rows.
 */
export const historyPosts = sqliteTable(
  "history_posts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    webappId: integer("webapp_id")
      .notNull()
      .references(() => webapps.id, { onDelete: "cascade" }),
    importId: text("import_id").notNull(),
    platform: text("platform").notNull(),
    postedAt: integer("posted_at", { mode: "timestamp_ms" }).notNull(),
    text: text("text").notNull().default(""),
    impressions: integer("impressions"),
    views: integer("views"),
    likes: integer("likes"),
    comments: integer("comments"),
    shares: integer("shares"),
    clicks: integer("clicks"),
    importedAt: integer("imported_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("history_posts_app_platform_idx").on(t.webappId, t.platform)],
);
