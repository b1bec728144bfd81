import { type AnySQLiteColumn, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** People who use this box. The first one, made on the setup page, is an admin. */
export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ["admin", "member"] })
      .notNull()
      .default("member"),
    timezone: text("timezone").notNull().default("UTC"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    // How often the report email goes out (src/reports/due.ts): weekly on Monday 08:00 local by default.
    reportFrequency: text("report_frequency", { enum: ["off", "daily", "weekly", "monthly"] })
      .notNull()
      .default("weekly"),
    // Operator mode: the owner whose account (plan, quotas, seat) this member joined by invitation; null for an account's owner.
    // Deleting the owner deletes the members they invited, as part of the account.
    accountOwnerId: integer("account_owner_id").references((): AnySQLiteColumn => users.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email), index("users_account_owner_idx").on(t.accountOwnerId)],
);

/** Browser sessions: only the SHA-256 of the random token is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(), // hex SHA-256 of the cookie token
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Personal API tokens for /api/v1: stored hashed, shown once. */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    prefix: text("prefix").notNull(), // first characters, so the user can tell tokens apart
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("api_tokens_hash_unique").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);

/**
 * One-time links (password reset, invitation, approval actions): random token stored hashed,
 * scoped by purpose and subject, expiring, single use.
 */
export const oneTimeLinks = sqliteTable(
  "one_time_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull(),
    purpose: text("purpose").notNull(), // "reset" | "invite" | "approve_batch" | ...
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    subject: text("subject").notNull().default(""), // what it acts on: an email for invites, a batch id, ...
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("one_time_links_hash_unique").on(t.tokenHash)],
);

/** Failed login attempts, counted per account and per address for throttling. */
export const loginFailures = sqliteTable(
  "login_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    address: text("address").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("login_failures_email_idx").on(t.email, t.at), index("login_failures_address_idx").on(t.address, t.at)],
);
