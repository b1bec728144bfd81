import { join } from "node:path";
import type { AppContext } from "../../src/app/context";
import { startServer, type RunningServer } from "../support/server";
import type { TestPostgres } from "../support/postgres";

const ROOT = join(import.meta.dir, "../..");

/** The heartbeat window the distributed tests run with (the config's minimum): a killed worker's job returns in ~13 s. */
export const TEST_HEARTBEAT_SECONDS = 10;

/**
 * Starts `bun src/main.ts --role ROLE` in distributed mode on `pg`, sharing the test context's data and media folders
 * (the data is still SQLite, so every role of one deployment opens the same file). `env` adds settings.
 */
export function startRole(pg: TestPostgres, ctx: AppContext, role: string, env: Record<string, string> = {}): Promise<RunningServer> {
  return startServer({
    command: [process.execPath, join(ROOT, "src/main.ts"), "--role", role],
    env: {
      AMARKTAI_MODE: "distributed",
      AMARKTAI_POSTGRES_URL: pg.url,
      AMARKTAI_DATA_DIR: ctx.config.storage.data_dir,
      AMARKTAI_MEDIA_DIR: ctx.config.storage.media_dir,
      AMARKTAI_DISTRIBUTED_HEARTBEAT_SECONDS: String(TEST_HEARTBEAT_SECONDS),
      ...env,
    },
    waitMs: 30_000,
  });
}

/** The pid in a job row's lease owner ("host pid start-ticks"), or undefined. */
export function ownerPid(owner: string | null): number | undefined {
  const pid = owner?.split(" ")[1];
  return pid ? Number(pid) : undefined;
}
