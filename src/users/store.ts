import { count, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema/accounts";

/** A user row. */
export type UserRow = typeof users.$inferSelect;

/** Normalises an email for storage and lookup (trimmed, lower-case). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creates a user; throws "users.store: ..." when the email is taken. */
export function createUser(
  db: Db,
  u: { email: string; name: string; passwordHash: string; role: "admin" | "member"; timezone: string },
  now: Date,
): UserRow {
  try {
    return db
      .insert(users)
      .values({ ...u, email: normalizeEmail(u.email), createdAt: now })
      .returning()
      .get();
  } catch (e) {
    if (String(e).includes("UNIQUE")) throw new Error(`users.store: cannot insert: the email ${u.email} is already registered`);
    throw new Error(`users.store: cannot insert: ${e instanceof Error ? e.message : e}`);
  }
}

/** Finds a user by email (case-insensitive). */
export function findUserByEmail(db: Db, email: string): UserRow | undefined {
  return db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .get();
}

/** Finds a user by id. */
export function findUserById(db: Db, id: number): UserRow | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

/** How many users exist (0 means the first-run setup page is open). */
export function countUsers(db: Db): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

/** All users, oldest first (admin's user list). */
export function listUsers(db: Db): UserRow[] {
  return db.select().from(users).orderBy(users.id).all();
}

/** Changes a user's editable fields. */
export function updateUser(
  db: Db,
  id: number,
  fields: Partial<Pick<UserRow, "name" | "email" | "timezone" | "role" | "passwordHash" | "reportFrequency">>,
): void {
  const set = fields.email ? { ...fields, email: normalizeEmail(fields.email) } : fields;
  db.update(users).set(set).where(eq(users.id, id)).run();
}

/**
 * Sets a user's role in one guarded statement: demoting succeeds only while another admin remains,
 * so two admins demoting each other at once cannot leave the box without one. False when refused or not found.
 */
export function setUserRole(db: Db, id: number, role: "admin" | "member"): boolean {
  const guard = role === "admin" ? sql`1 = 1` : sql`(SELECT count(*) FROM users WHERE role = 'admin' AND id <> ${id}) > 0`;
  return db.update(users).set({ role }).where(sql`${users.id} = ${id} AND ${guard}`).returning({ id: users.id }).all().length > 0;
}
