import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";

/** A Stripe subscription's status as Stripe names it, or "none" before any payment. */
export type BillingStatus =
  | "none"
  | "trialing"
  | "active"
  | "past_due"
  | "canceled"
  | "unpaid"
  | "incomplete"
  | "incomplete_expired"
  | "paused";

/** One customer account in operator mode: its plan, billing state and terms acceptance (one row per user that signed up or was given a plan). */
export const operatorAccounts = sqliteTable(
  "operator_accounts",
  {
    userId: integer("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    planId: text("plan_id").notNull(),
    status: text("status").$type<BillingStatus>().notNull().default("none"),
    /** When the account became past_due (the grace period counts from here); null otherwise. */
    pastDueSince: integer("past_due_since", { mode: "timestamp_ms" }),
    suspendedAt: integer("suspended_at", { mode: "timestamp_ms" }),
    stripeCustomerId: text("stripe_customer_id"),
    stripeSubscriptionId: text("stripe_subscription_id"),
    /** Seconds: the `created` of the newest Stripe object applied, so an older event arriving late is ignored. */
    billingVersion: integer("billing_version").notNull().default(0),
    termsVersion: text("terms_version"),
    termsAcceptedAt: integer("terms_accepted_at", { mode: "timestamp_ms" }),
    lastActiveAt: integer("last_active_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("operator_accounts_customer_unique").on(t.stripeCustomerId)],
);

/** Work counted per account and calendar month (UTC) where a plan bounds it per month (renders). */
export const usageCounters = sqliteTable(
  "usage_counters",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    month: text("month").notNull(), // YYYY-MM
    kind: text("kind").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.month, t.kind] })],
);

/** Stripe webhook events already applied, by their id: each is applied once however often Stripe sends it. */
export const stripeEvents = sqliteTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  /** What applying it did: "applied", "stale" (older than what we have) or "ignored" (not ours). */
  outcome: text("outcome").notNull(),
  receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
});

/** An account's Stripe invoices, as the webhooks reported them, for the list in the account settings. */
export const invoices = sqliteTable(
  "invoices",
  {
    id: text("id").primaryKey(), // Stripe's in_...
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    number: text("number"),
    status: text("status").notNull(),
    amountDue: integer("amount_due").notNull(),
    amountPaid: integer("amount_paid").notNull(),
    currency: text("currency").notNull(),
    hostedInvoiceUrl: text("hosted_invoice_url"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("invoices_user_idx").on(t.userId, t.createdAt)],
);

/**
 * Every media file kept under storage.media_dir (renders, uploads, logos) with its size, written when the file is
 * stored and removed when it is deleted: the storage quota sums these rows instead of walking the folder.
 */
export const mediaFiles = sqliteTable(
  "media_files",
  {
    path: text("path").primaryKey(), // relative to storage.media_dir
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    webappId: integer("webapp_id"), // the web app whose folder holds it (null for logos)
    kind: text("kind", { enum: ["render", "upload", "logo"] }).notNull(),
    bytes: integer("bytes").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("media_files_user_idx").on(t.userId), index("media_files_webapp_idx").on(t.webappId)],
);
