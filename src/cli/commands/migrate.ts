import { join } from "node:path";
import { migrateDatabase, openDatabase } from "../../db/client";
import { resolveAppPaths } from "../../app/paths";
import { CliError, loadCliConfig, parseFlags, type CliCommand } from "../command";

/** Counts applied drizzle migrations (0 on a new database). */
function appliedCount(db: ReturnType<typeof openDatabase>): number {
  const t = db.$client.query("SELECT name FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'").get();
  if (!t) return 0;
  return (db.$client.query("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n;
}

/** `migrate`: applies pending migrations to the database (start-up does this too) and says how many ran. */
export const migrate: CliCommand = {
  name: "migrate",
  summary: "apply pending database migrations (start-up also does this)",
  usage: "[--config PATH]",
  run(argv, out) {
    parseFlags("migrate", argv, {});
    const { config } = loadCliConfig(argv);
    const file = join(config.storage.data_dir, "amarktai.db");
    const db = openDatabase(file);
    try {
      const before = appliedCount(db);
      try {
        migrateDatabase(db, resolveAppPaths().migrations);
      } catch (e) {
        throw new CliError(`migrate: failed on ${file}: ${e instanceof Error ? e.message : e}`, 1);
      }
      const after = appliedCount(db);
      out.print(`migrate: ${after - before} applied, ${after} in total (${file})`);
    } finally {
      db.$client.close();
    }
  },
};
