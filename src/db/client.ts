import { Database } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { drizzle, type BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { migrate } from "drizzle-orm/bun-sqlite/migrator";

/** The app's database handle: drizzle on bun:sqlite; `$client` is the raw connection. */
export type Db = BunSQLiteDatabase & { $client: Database };

/** Opens (creating if needed) the SQLite file with the pragmas we rely on: WAL, busy timeout, FKs, synchronous FULL. */
export function openDatabase(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, { create: true, strict: true });
  // busy_timeout first: every later statement, the journal_mode switch included, then waits for another process's lock.
  sqlite.exec("PRAGMA busy_timeout = 5000");
  sqlite.exec("PRAGMA journal_mode = WAL");
  sqlite.exec("PRAGMA foreign_keys = ON");
  // FULL: a committed approval or publish record survives a power cut, not only a crash.
  sqlite.exec("PRAGMA synchronous = FULL");
  // 32 MB of page cache (the default is 2 MB): the analytics page reads one latest snapshot per post across a table of
  // ~150,000 rows; with 2 MB those lookups evict each other and cost 2-3x more (bun run bench analytics).
  sqlite.exec("PRAGMA cache_size = -32000");
  return drizzle({ client: sqlite }) as Db;
}

/** Applies every migration in `folder` that has not run yet. */
export function migrateDatabase(db: Db, folder: string): void {
  migrate(db, { migrationsFolder: folder });
}

/** Answers whether the database responds (a trivial query); throws what SQLite throws when it does not. */
export function pingDatabase(db: Db): void {
  db.$client.query("SELECT 1").get();
}

/** Checkpoints the WAL into the database file (TRUNCATE); undefined when SQLite reports nothing. */
export function checkpointWal(db: Db): { busy: number; log: number; checkpointed: number } | undefined {
  return (
    (db.$client.query("PRAGMA wal_checkpoint(TRUNCATE)").get() as { busy: number; log: number; checkpointed: number } | null) ?? undefined
  );
}

/** Lets SQLite refresh its query statistics (PRAGMA optimize). */
export function optimizeDatabase(db: Db): void {
  db.$client.run("PRAGMA optimize");
}

/**
 * Runs `fn` as one IMMEDIATE transaction (the write lock taken up front, so no SQLITE_BUSY half-way): whatever the
 * stores it calls write commits together, with one fsync. A unit of work; the SQL itself stays in the stores.
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(() => fn(), { behavior: "immediate" });
}

/** How many drizzle migrations the database has applied (0 on a new database). */
export function appliedMigrationCount(db: Db): number {
  const t = db.$client.query("SELECT name FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'").get();
  if (!t) return 0;
  return (db.$client.query("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n;
}

/** Writes a consistent snapshot of the live database to `target` (VACUUM INTO: safe while other processes write). */
export function snapshotDatabase(db: Db, target: string): void {
  db.$client.query("VACUUM INTO ?").run(target);
}
