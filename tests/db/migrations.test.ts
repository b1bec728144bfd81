import { expect, test } from "bun:test";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Db, migrateDatabase, openDatabase } from "../../src/db/client";
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

interface Column {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}
interface ForeignKey {
  table: string;
  from: string;
  to: string;
}

/** A copy of the migrations folder that stops after the first `count` migrations (the database "at migration N-1"). */
function migrationsUpTo(count: number): string {
  const folder = join(mkdtempSync(join(tmpdir(), "amk-mig-src-")), "migrations");
  cpSync(resolveAppPaths().migrations, folder, { recursive: true });
  const journalPath = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: unknown[] };
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }));
  return folder;
}

function userTables(db: Db): string[] {
  const rows = db.$client
    .query("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .all() as { name: string }[];
  return rows.map((r) => r.name);
}
const columnsOf = (db: Db, t: string) => db.$client.query(`PRAGMA table_info(\`${t}\`)`).all() as Column[];
const foreignKeysOf = (db: Db, t: string) => db.$client.query(`PRAGMA foreign_key_list(\`${t}\`)`).all() as ForeignKey[];

/** A value a column accepts: JSON where the default is JSON, a distinct text or number otherwise. */
function valueFor(table: string, c: Column, row: number): string | number {
  const type = c.type.toLowerCase();
  if (type.includes("int")) return 1_000 + row;
  if (type.includes("real") || type.includes("floa") || type.includes("doub")) return 1.5 + row;
  if (c.dflt_value?.startsWith("'{") || c.dflt_value?.startsWith("'[")) return c.dflt_value.slice(1, -1);
  return `${table}.${c.name}.${row}`;
}

/** Puts two rows in every table, parents first, each foreign key pointing at a real parent row. */
function populate(db: Db): void {
  const pending = new Set(userTables(db));
  while (pending.size > 0) {
    const ready = [...pending].filter((t) => foreignKeysOf(db, t).every((fk) => fk.table === t || !pending.has(fk.table)));
    if (ready.length === 0) throw new Error(`migrations.test: foreign keys form a cycle among ${[...pending].join(", ")}`);
    for (const t of ready) {
      const fks = foreignKeysOf(db, t);
      for (const row of [0, 1]) {
        // Only a lone INTEGER PRIMARY KEY is the rowid (filled by SQLite); a column of a composite key needs a value.
        const all = columnsOf(db, t);
        const rowidAlias = all.filter((c) => c.pk > 0).length === 1;
        const cols = all.filter((c) => !(rowidAlias && c.pk === 1 && c.type.toLowerCase() === "integer"));
        const values = cols.map((c): string | number | null => {
          const fk = fks.find((f) => f.from === c.name);
          // A nullable reference to the same table (users.account_owner_id) stays empty: its rows have no parent yet.
          if (fk?.table === t && !c.notnull) return null;
          if (!fk || fk.table === t) return valueFor(t, c, row);
          const parent = db.$client.query(`SELECT \`${fk.to}\` AS v FROM \`${fk.table}\` ORDER BY rowid LIMIT 1 OFFSET ${row}`).get() as {
            v: string | number;
          };
          return parent.v;
        });
        db.$client
          .prepare(`INSERT INTO \`${t}\` (${cols.map((c) => `\`${c.name}\``).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`)
          .run(...values);
      }
      pending.delete(t);
    }
  }
}

const rowsOf = (db: Db, t: string) => db.$client.query(`SELECT * FROM \`${t}\` ORDER BY rowid`).all() as Record<string, unknown>[];
const schemaOf = (db: Db) =>
  db.$client.query("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();

/** Tables whose rows triggers write (migration 0020: sums per hour of metric_collection and link_clicks). */
const KEPT_BY_TRIGGERS = new Set(["metric_hourly_totals"]);

test("each migration applied to a populated database keeps every row and leaves every constraint satisfied", () => {
  const all = resolveAppPaths().migrations;
  const count = (JSON.parse(readFileSync(join(all, "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;
  const fresh = openDatabase(join(mkdtempSync(join(tmpdir(), "amk-mig-")), "fresh.db"));
  migrateDatabase(fresh, all);
  for (let n = 1; n < count; n++) {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), "amk-mig-")), `at-${n}.db`));
    migrateDatabase(db, migrationsUpTo(n));
    populate(db);
    const before = new Map(userTables(db).map((t) => [t, rowsOf(db, t)]));
    // Tables kept by triggers gain rows from the inserts into the tables they follow (hourly totals from readings).
    for (const [t, rows] of before) if (!KEPT_BY_TRIGGERS.has(t)) expect(rows.length, t).toBe(2);
    migrateDatabase(db, migrationsUpTo(n + 1));
    for (const [t, rows] of before) {
      const after = rowsOf(db, t);
      expect(after.length, `rows of ${t} after migration ${n}`).toBe(rows.length);
      // Columns a migration adds get their defaults; every column the rows had keeps its values.
      const had = new Set(Object.keys(rows[0] ?? {}));
      const kept = new Set(
        columnsOf(db, t)
          .map((c) => c.name)
          .filter((c) => had.has(c)),
      );
      const strip = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([k]) => kept.has(k)));
      expect(after.map(strip), `${t} after migration ${n}`).toEqual(rows.map(strip));
    }
    expect(db.$client.query("PRAGMA foreign_key_check").all()).toEqual([]);
    expect(db.$client.query("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    db.$client.close();
  }
  // a populated database migrated step by step ends with the schema of one migrated from empty
  const stepped = openDatabase(join(mkdtempSync(join(tmpdir(), "amk-mig-")), "stepped.db"));
  let populated: string[] = [];
  for (let n = 1; n <= count; n++) {
    migrateDatabase(stepped, migrationsUpTo(n));
    if (n === 1) {
      populate(stepped);
      populated = userTables(stepped);
    }
  }
  expect(schemaOf(stepped)).toEqual(schemaOf(fresh));
  // the tables filled after the first migration keep their rows; tables later migrations create start empty
  for (const t of populated) expect(rowsOf(stepped, t).length, t).toBe(2);
});
