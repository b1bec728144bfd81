import type { Db } from "../db/client";
import { accountMemberIds } from "./seats-store";

// Sign-in secrets and throwaway rows: nothing a person needs from an export.
const SKIPPED_TABLES = new Set(["sessions", "oauth_states", "one_time_links", "login_failures"]);
const SECRET_COLUMN = /token|secret|password/i;

/**
 * Tables about a person rather than the account's work: their sign-in, API tokens, notification and digest settings
 * and what was sent to them. A member's rows here are theirs alone: only their own export holds them.
 */
const PERSONAL_TABLES = new Set([
  "users",
  "api_tokens",
  "approval_settings",
  "notifications",
  "llm_settings",
  "comment_digest_sends",
  "report_sends",
  "batch_announcements",
]);

/** The members an export names (the owner's export lists who is in the account, not their personal data). */
const MEMBER_COLUMNS = ["id", "name", "email", "role", "created_at"];

/**
 * Every row that belongs to the account of `userId`, table by table, with credentials (columns named like token,
 * secret or password) left out. For an account's owner: the owner's rows, the rows the members made for the account
 * (web apps, posts, connections, model calls...) and `account_members` listing the members; members' personal
 * rows (PERSONAL_TABLES) stay out. For a member: their own rows, personal ones included. Tables are found from the
 * schema itself, so a table added later is exported without touching this file.
 */
export function accountRows(db: Db, userId: number): Record<string, Record<string, unknown>[]> {
  const owner = db.$client.query("SELECT account_owner_id AS o FROM users WHERE id = ?").get(userId) as { o: number | null } | null;
  const ids = owner && owner.o === null ? accountMemberIds(db, userId) : [userId];
  const tables = db.$client
    .query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .all() as { name: string }[];
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const { name } of tables) {
    if (SKIPPED_TABLES.has(name)) continue;
    const columns = (db.$client.query(`PRAGMA table_info("${name}")`).all() as { name: string }[]).map((c) => c.name);
    const key = name === "users" ? "id" : columns.includes("user_id") ? "user_id" : undefined;
    if (!key) continue;
    const whose = PERSONAL_TABLES.has(name) ? [userId] : ids;
    const select = columns
      .filter((c) => !SECRET_COLUMN.test(c))
      .map((c) => `"${c}"`)
      .join(", ");
    out[name] = db.$client
      .query(`SELECT ${select} FROM "${name}" WHERE "${key}" IN (${whose.map(() => "?").join(",")}) ORDER BY rowid`)
      .all(...whose) as Record<string, unknown>[];
  }
  if (ids.length > 1)
    out.account_members = db.$client
      .query(`SELECT ${MEMBER_COLUMNS.map((c) => `"${c}"`).join(", ")} FROM users WHERE account_owner_id = ? ORDER BY id`)
      .all(userId) as Record<string, unknown>[];
  return out;
}

/** The members whose sign-in and data go with the owner's account when it is deleted (the schema cascades), oldest first. */
export function membersDeletedWith(db: Db, ownerId: number): { id: number; email: string }[] {
  return db.$client.query("SELECT id, email FROM users WHERE account_owner_id = ? ORDER BY id").all(ownerId) as {
    id: number;
    email: string;
  }[];
}

/**
 * Deletes the user and, through the foreign keys' cascades, everything that is theirs; for an account's owner that
 * includes its members (users.account_owner_id cascades) and what they made. True when a row was deleted.
 */
export function deleteAccountData(db: Db, userId: number): boolean {
  return db.$client.query("DELETE FROM users WHERE id = ?").run(userId).changes === 1;
}
