import type { Db } from "../db/client";

// Sign-in secrets and throwaway rows: nothing a person needs from an export.
const SKIPPED_TABLES = new Set(["sessions", "oauth_states", "one_time_links", "login_failures"]);
const SECRET_COLUMN = /token|secret|password/i;

/**
 * Every row that belongs to the account, table by table: the user row and each table with a user_id column,
 * with credentials (columns named like token, secret or password) left out. Found from the schema itself, so a
 * table added later is exported without touching this file.
 */
export function accountRows(db: Db, userId: number): Record<string, Record<string, unknown>[]> {
  const tables = db.$client
    .query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .all() as { name: string }[];
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const { name } of tables) {
    if (SKIPPED_TABLES.has(name)) continue;
    const columns = (db.$client.query(`PRAGMA table_info("${name}")`).all() as { name: string }[]).map((c) => c.name);
    const key = name === "users" ? "id" : columns.includes("user_id") ? "user_id" : undefined;
    if (!key) continue;
    const keep = columns.filter((c) => !SECRET_COLUMN.test(c));
    const select = keep.map((c) => `"${c}"`).join(", ");
    out[name] = db.$client.query(`SELECT ${select} FROM "${name}" WHERE "${key}" = ? ORDER BY rowid`).all(userId) as Record<
      string,
      unknown
    >[];
  }
  return out;
}

/** Deletes the user and, through the foreign keys' cascades, everything that is theirs. True when a row was deleted. */
export function deleteAccountData(db: Db, userId: number): boolean {
  return db.$client.query("DELETE FROM users WHERE id = ?").run(userId).changes === 1;
}
