import { expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateDatabase, openDatabase } from "../../src/db/client";
import { resolveAppPaths } from "../../src/app/paths";

test("all migrations apply to an empty database and set the pragmas we rely on", () => {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), "amk-mig-")), "x.db"));
  migrateDatabase(db, resolveAppPaths().migrations);
  const tables = db.$client.query("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[];
  const names = tables.map((t) => t.name);
  for (const t of ["users", "sessions", "api_tokens", "one_time_links", "webapps", "jobs", "batches", "content_items", "content_events"]) {
    expect(names).toContain(t);
  }
  expect(db.$client.query("PRAGMA journal_mode").get()).toEqual({ journal_mode: "wal" });
  expect(db.$client.query("PRAGMA foreign_keys").get()).toEqual({ foreign_keys: 1 });
  expect(db.$client.query("PRAGMA synchronous").get()).toEqual({ synchronous: 2 });
  expect((db.$client.query("PRAGMA busy_timeout").get() as Record<string, number>)["timeout"]).toBe(5000);
  // applying again is a no-op
  migrateDatabase(db, resolveAppPaths().migrations);
});
