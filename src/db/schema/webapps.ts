import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { PlatformId } from "../../platforms/ids";
import { users } from "./accounts";

/** A web app the user markets: what it is, who it is for, how it speaks, where to post. */
export const webapps = sqliteTable(
  "webapps",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    name: text("name").notNull(),
    sayNameAs: text("say_name_as").notNull().default(""), // how the voiceover should pronounce the name; empty = as written
    description: text("description").notNull().default(""),
    ogImageUrl: text("og_image_url").notNull().default(""),
    faviconUrl: text("favicon_url").notNull().default(""),
    themeColor: text("theme_color").notNull().default(""),
    audience: text("audience").notNull().default(""),
    voice: text("voice").notNull().default(""),
    keywords: text("keywords", { mode: "json" }).$type<string[]>().notNull().default([]),
    callToAction: text("call_to_action").notNull().default(""),
    brandColors: text("brand_colors", { mode: "json" }).$type<string[]>().notNull().default([]),
    logoPath: text("logo_path").notNull().default(""), // relative to the media dir
    utmSource: text("utm_source").notNull().default("{platform}"),
    utmMedium: text("utm_medium").notNull().default("social"),
    utmCampaign: text("utm_campaign").notNull().default("amarktai"),
    platforms: text("platforms", { mode: "json" }).$type<PlatformId[]>().notNull().default([]),
    allowedHours: text("allowed_hours").notNull().default(""), // "HH:MM-HH:MM" in the user's zone; empty = any time
    feeds: text("feeds", { mode: "json" }).$type<string[]>().notNull().default([]),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    // LinkedIn posts keep the link out of the text and put it in their first comment.
    linkedinLinkInComment: integer("linkedin_link_in_comment", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  // (user_id, active) covers both dashboard counts and still serves every lookup by user.
  (t) => [index("webapps_user_active_idx").on(t.userId, t.active)],
);
