import { join } from "node:path";
import { inTransaction, openDatabase } from "../../src/db/client";
import { systemClock } from "../../src/lib/clock";
import { sqliteJobQueue } from "../../src/jobs/queue/sqlite";
import { makeTestContext } from "../support/context";
import { queueContract } from "./queue-contract";
import { CHILD_LEASE_MS } from "./queue-settings";

// Today's SQLite lease queue behind the port: every instance opens its own handle on one file, as processes would.
queueContract("sqlite", async () => {
  const ctx = makeTestContext();
  const path = join(ctx.config.storage.data_dir, "amarktai.db");
  const handles: ReturnType<typeof openDatabase>[] = [];
  return {
    ctx,
    heartbeatMs: CHILD_LEASE_MS / 3,
    lapseMs: CHILD_LEASE_MS,
    async open() {
      const db = openDatabase(path);
      handles.push(db);
      return sqliteJobQueue(db, systemClock, { leaseMs: CHILD_LEASE_MS });
    },
    async enqueueInTransaction(job, commit) {
      const q = sqliteJobQueue(ctx.db, systemClock);
      try {
        inTransaction(ctx.db, () => {
          void q.enqueue(job);
          if (!commit) throw new Error("roll back");
        });
      } catch (e) {
        if (commit) throw e;
      }
    },
    async outage(ms) {
      // Another process holds the write lock: writers wait (busy_timeout) until it lets go.
      const holder = Bun.spawn(
        [
          "bun",
          "-e",
          `const {Database}=require("bun:sqlite");const d=new Database(${JSON.stringify(path)});d.exec("PRAGMA busy_timeout = 5000");d.exec("BEGIN EXCLUSIVE");console.log("LOCKED");await Bun.sleep(${ms});d.exec("COMMIT");`,
        ],
        { stdout: "pipe" },
      );
      const reader = holder.stdout.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      reader.releaseLock();
      if (!first.startsWith("LOCKED")) throw new Error("the lock holder could not take the write lock");
      if ((await holder.exited) !== 0) throw new Error("the lock holder failed");
    },
    childArgv: (kind) => ["bun", join(import.meta.dir, "queue-child.ts"), "sqlite", path, kind],
    async cleanup() {
      for (const h of handles) h.$client.close();
      ctx.cleanup();
    },
  };
});
