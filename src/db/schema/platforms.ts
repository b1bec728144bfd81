import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";
import { contentItems } from "./content";

/** A platform account a user connected: tokens sealed with ctx.secrets, never stored in clear. */
export const connections = sqliteTable(
  "connections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    accountId: text("account_id").notNull(),
    accountName: text("account_name").notNull().default(""),
    avatarUrl: text("avatar_url").notNull().default(""),
    accessTokenSealed: text("access_token_sealed").notNull(),
    refreshTokenSealed: text("refresh_token_sealed"),
    extraSealed: text("extra_sealed"), // sealed JSON: Page tokens, author URNs
    scopes: text("scopes", { mode: "json" }).$type<string[]>().notNull().default([]),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    status: text("status", { enum: ["ok", "reconnect_needed"] })
      .notNull()
      .default("ok"),
    lastError: text("last_error"),
    lastErrorAt: integer("last_error_at", { mode: "timestamp_ms" }),
    blockedUntil: integer("blocked_until", { mode: "timestamp_ms" }), // a 429 or cap answer: no calls before this
    refreshFailures: integer("refresh_failures").notNull().default(0),
    postsTotal: integer("posts_total").notNull().default(0),
    // When the user chose this account to post as on its platform; at most one per (user, platform), null = not chosen.
    selectedAt: integer("selected_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("connections_user_platform_account_unique").on(t.userId, t.platform, t.accountId),
    index("connections_expiry_idx").on(t.expiresAt),
  ],
);

/** The publish journal: one row per item, the last phase written before an external call (exactly once). */
export const publishJournal = sqliteTable(
  "publish_journal",
  {
    itemId: integer("item_id")
      .primaryKey()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    connectionId: integer("connection_id").references(() => connections.id, { onDelete: "set null" }),
    phase: text("phase").notNull(), // prepared | media_uploaded | create_sent | remote_id_known | confirmed
    data: text("data", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    attempt: integer("attempt").notNull().default(0), // transient failures so far (delays do not count)
    createSentAt: integer("create_sent_at", { mode: "timestamp_ms" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("publish_journal_conn_sent_idx").on(t.connectionId, t.createSentAt)],
);

/** OAuth attempts in flight: the `state` we sent and the PKCE verifier, checked once on the callback. */
export const oauthStates = sqliteTable("oauth_states", {
  state: text("state").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  platform: text("platform").notNull(),
  codeVerifier: text("code_verifier").notNull().default(""),
  redirectUri: text("redirect_uri").notNull(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
});
