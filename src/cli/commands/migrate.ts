import { join } from "node:path";
import { appliedMigrationCount, migrateDatabase, openDatabase } from "../../db/client";
import { resolveAppPaths } from "../../app/paths";
import { CliError, loadCliConfig, parseFlags, type CliCommand } from "../command";

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
      const before = appliedMigrationCount(db);
      try {
        migrateDatabase(db, resolveAppPaths().migrations);
      } catch (e) {
        throw new CliError(`migrate: failed on ${file}: ${e instanceof Error ? e.message : e}`, 1);
      }
      const after = appliedMigrationCount(db);
      out.print(`migrate: ${after - before} applied, ${after} in total (${file})`);
    } finally {
      db.$client.close();
    }
  },
};
