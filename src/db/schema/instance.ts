import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Settings of this box entered in the browser that overlay the config file where it leaves them unset: the public
 * address (`server.public_base_url`) and platform app credentials (`platform_x.client_id`, ...). Secrets are sealed.
 */
export const instanceSettings = sqliteTable("instance_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  sealed: integer("sealed", { mode: "boolean" }).notNull().default(false),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  updatedBy: integer("updated_by"),
});
