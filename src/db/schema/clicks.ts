import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";
import { contentItems } from "./content";

/** One short link of a post: `<public_base_url>/r/<code>` answers 302 to `targetUrl` (the web app's URL with the item's UTM). */
export const shortLinks = sqliteTable(
  "short_links",
  {
    code: text("code").primaryKey(),
    itemId: integer("item_id")
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    targetUrl: text("target_url").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("short_links_item_target_idx").on(t.itemId, t.targetUrl)],
);

/**
 * A counted click: at most one per visitor per item per UTC day (the primary key makes a repeat an ignored insert).
 * `visitor` is a hash of the address and user agent salted with that day's secret salt; no raw address is stored.
 */
export const linkClicks = sqliteTable(
  "link_clicks",
  {
    itemId: integer("item_id")
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    day: text("day").notNull(), // UTC date, YYYY-MM-DD
    visitor: text("visitor").notNull(),
    code: text("code").notNull(),
    clickedAt: integer("clicked_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.day, t.visitor] }), index("link_clicks_day_idx").on(t.day)],
);

/** The secret salt of the current UTC day for visitor hashes; older days' salts are deleted so their hashes cannot be recomputed. */
export const clickSalts = sqliteTable("click_salts", {
  day: text("day").primaryKey(),
  salt: text("salt").notNull(),
});
