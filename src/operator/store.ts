import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema/accounts";
import { type BillingStatus, invoices, operatorAccounts, usageCounters } from "../db/schema/operator";

/** An account's plan and billing row. */
export type AccountRow = typeof operatorAccounts.$inferSelect;

/** An invoice row as the settings page lists it. */
export type InvoiceRow = typeof invoices.$inferSelect;

/** The account row of a user; undefined when they never got one (accounts made before operator mode). */
export function findAccount(db: Db, userId: number): AccountRow | undefined {
  return db.select().from(operatorAccounts).where(eq(operatorAccounts.userId, userId)).get();
}

/** The account with this Stripe customer id. */
export function findAccountByCustomer(db: Db, customerId: string): AccountRow | undefined {
  return db.select().from(operatorAccounts).where(eq(operatorAccounts.stripeCustomerId, customerId)).get();
}

/** Returns the user's account row, creating it on `planId` when missing. */
export function ensureAccount(db: Db, userId: number, planId: string, now: Date): AccountRow {
  db.insert(operatorAccounts).values({ userId, planId, createdAt: now }).onConflictDoNothing().run();
  return findAccount(db, userId)!;
}

/** Records a new account from sign-up: its plan and which terms it accepted when. */
export function insertSignupAccount(
  db: Db,
  a: { userId: number; planId: string; termsVersion: string; termsAcceptedAt: Date },
  now: Date,
): AccountRow {
  return db
    .insert(operatorAccounts)
    .values({ ...a, lastActiveAt: now, createdAt: now })
    .returning()
    .get();
}

/** Changes what the account row says (plan, billing state, Stripe ids, suspension). */
export function updateAccount(db: Db, userId: number, fields: Partial<Omit<AccountRow, "userId" | "createdAt">>): void {
  db.update(operatorAccounts).set(fields).where(eq(operatorAccounts.userId, userId)).run();
}

/** Notes that the account did something now (the admin list's "last activity"); at most one write a minute. */
export function touchAccount(db: Db, userId: number, now: Date): void {
  db.update(operatorAccounts)
    .set({ lastActiveAt: now })
    .where(and(eq(operatorAccounts.userId, userId), sql`coalesce(${operatorAccounts.lastActiveAt}, 0) < ${now.getTime() - 60_000}`))
    .run();
}

/** Every user with their account row (absent for accounts made before operator mode), oldest first. */
export function listAccounts(db: Db): { user: typeof users.$inferSelect; account: AccountRow | null }[] {
  return db
    .select({ user: users, account: operatorAccounts })
    .from(users)
    .leftJoin(operatorAccounts, eq(operatorAccounts.userId, users.id))
    .orderBy(users.id)
    .all();
}

/** Adds one to this month's counter of a kind of work, returning the new count. */
export function countUse(db: Db, userId: number, month: string, kind: string): number {
  return db
    .insert(usageCounters)
    .values({ userId, month, kind, count: 1 })
    .onConflictDoUpdate({
      target: [usageCounters.userId, usageCounters.month, usageCounters.kind],
      set: { count: sql`${usageCounters.count} + 1` },
    })
    .returning({ count: usageCounters.count })
    .get()!.count;
}

/** This month's counter of a kind of work (0 when nothing was counted). */
export function usedThisMonth(db: Db, userId: number, month: string, kind: string): number {
  return (
    db
      .select({ count: usageCounters.count })
      .from(usageCounters)
      .where(and(eq(usageCounters.userId, userId), eq(usageCounters.month, month), eq(usageCounters.kind, kind)))
      .get()?.count ?? 0
  );
}

/** Saves an invoice as Stripe last described it. */
export function upsertInvoice(db: Db, row: InvoiceRow): void {
  const { id, ...rest } = row;
  // A late "payment_failed" must not turn an invoice we know is paid back to open.
  const status = sql`CASE WHEN ${invoices.status} = 'paid' THEN 'paid' ELSE excluded.status END`;
  db.insert(invoices)
    .values(row)
    .onConflictDoUpdate({ target: invoices.id, set: { ...rest, status } })
    .run();
}

/** The account's invoices, newest first. */
export function listInvoices(db: Db, userId: number): InvoiceRow[] {
  return db.select().from(invoices).where(eq(invoices.userId, userId)).orderBy(desc(invoices.createdAt)).limit(50).all();
}

/** The billing statuses an account can be in. */
export type { BillingStatus };
