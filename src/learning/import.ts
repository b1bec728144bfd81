import type { Db } from "../db/client";
import { generateToken } from "../security/tokens";
import { parseHistory, type RowProblem } from "./history";
import { insertHistory } from "./store";

/** What an import did: rows stored per platform, or every refused row (nothing stored). */
export type ImportResult =
  | { ok: true; importId: string; imported: number; platforms: Record<string, number> }
  | { ok: false; problems: RowProblem[] };

/** Imports a history file for one of the user's web apps: checked whole, stored in one transaction, marked as imported. */
export function importHistory(db: Db, app: { id: number; userId: number }, body: string, kind: "csv" | "json", now: Date): ImportResult {
  const parsed = parseHistory(body, kind, now);
  if ("problems" in parsed) return { ok: false, problems: parsed.problems };
  const importId = generateToken().slice(0, 12);
  insertHistory(
    db,
    parsed.rows.map((r) => ({ ...r, userId: app.userId, webappId: app.id, importId, importedAt: now })),
  );
  const platforms: Record<string, number> = {};
  for (const r of parsed.rows) platforms[r.platform] = (platforms[r.platform] ?? 0) + 1;
  return { ok: true, importId, imported: parsed.rows.length, platforms };
}
