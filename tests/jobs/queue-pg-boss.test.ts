import { test } from "bun:test";
import { join } from "node:path";
import { pgBossJobQueue, pgTransaction } from "../../src/jobs/queue/pg-boss";
import { makeTestContext } from "../support/context";
import { postgresMissing, startTestPostgres } from "../support/postgres";
import { underCI } from "../support/tools";
import { queueContract } from "./queue-contract";
import { PG_HEARTBEAT_SECONDS } from "./queue-settings";

// pg-boss on a throwaway PostgreSQL cluster (Debian's binaries), under Bun: the same contract as the SQLite queue.
if (postgresMissing) {
  // Under CI PostgreSQL is installed (src/cli/apt-packages.txt): missing there is a failure, not a skip.
  console.log(postgresMissing);
  if (underCI())
    test("PostgreSQL is installed", () => {
      throw new Error(postgresMissing);
    });
  else test.skip(postgresMissing, () => {});
} else {
  queueContract("pg-boss", async () => {
    const pg = await startTestPostgres();
    const ctx = makeTestContext();
    // The supervisor checks heartbeats every second here (60 s by default), so a dead worker's job returns within the window + 1 s.
    const open = () => pgBossJobQueue({ url: pg.url, heartbeatSeconds: PG_HEARTBEAT_SECONDS, superviseIntervalSeconds: 1, poolSize: 3 });
    return {
      ctx,
      heartbeatMs: (PG_HEARTBEAT_SECONDS * 1000) / 3,
      lapseMs: PG_HEARTBEAT_SECONDS * 1000 + 2000,
      open,
      async enqueueInTransaction(job, commit) {
        const q = await open();
        const { Client } = await import("pg");
        const client = new Client({ connectionString: pg.url });
        await client.connect();
        try {
          await client.query("BEGIN");
          await q.enqueue(job, { tx: pgTransaction(client) });
          await client.query(commit ? "COMMIT" : "ROLLBACK");
        } finally {
          await client.end();
          await q.close();
        }
      },
      async outage(ms) {
        await pg.stop();
        await Bun.sleep(ms);
        await pg.start();
      },
      childArgv: (kind) => ["bun", join(import.meta.dir, "queue-child.ts"), "pg-boss", pg.url, kind],
      async cleanup() {
        ctx.cleanup();
        await pg.remove();
      },
    };
  });
}
