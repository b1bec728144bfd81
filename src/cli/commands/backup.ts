import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { openDatabase, snapshotDatabase } from "../../db/client";
import { CliError, loadCliConfig, parseFlags, type CliCommand } from "../command";

/** `backup PATH`: a consistent snapshot of the live database with VACUUM INTO; never overwrites a file. */
export const backup: CliCommand = {
  name: "backup",
  summary: "write a consistent snapshot of the database to PATH (safe while the app runs)",
  usage: "PATH",
  run(argv, out) {
    const { positionals } = parseFlags("backup", argv, {});
    if (positionals.length !== 1)
      throw new CliError("backup: give exactly one target file, e.g. bun run cli backup /backups/amarktai-2026-03-02.db", 2);
    const target = resolve(positionals[0]!);
    if (existsSync(target)) throw new CliError(`backup: ${target} already exists; choose a new file name (backups never overwrite)`, 2);
    if (!existsSync(dirname(target))) throw new CliError(`backup: the folder ${dirname(target)} does not exist`, 2);
    const { config } = loadCliConfig(argv);
    const source = join(config.storage.data_dir, "amarktai.db");
    if (!existsSync(source)) throw new CliError(`backup: no database at ${source} (has the app started with this config?)`, 1);
    const db = openDatabase(source);
    try {
      snapshotDatabase(db, target);
    } catch (e) {
      throw new CliError(`backup: cannot write ${target}: ${e instanceof Error ? e.message : e}`, 1);
    } finally {
      db.$client.close();
    }
    out.print(`backup: wrote ${target}; restore: stop the app, copy this file to ${source} (remove ${source}-wal and -shm), start the app`);
  },
};
