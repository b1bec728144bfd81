// A worker process for the queue contract: claims one job of KIND through the port, says so, and keeps it alive with
// heartbeats until the parent kills it (kill -9). Usage: bun queue-child.ts sqlite DB_PATH KIND | pg-boss URL KIND
import { openDatabase } from "../../src/db/client";
import { systemClock } from "../../src/lib/clock";
import { pgBossJobQueue } from "../../src/jobs/queue/pg-boss";
import { sqliteJobQueue } from "../../src/jobs/queue/sqlite";
import { QueueWorker } from "../../src/jobs/queue/worker";
import { CHILD_LEASE_MS, PG_HEARTBEAT_SECONDS } from "./queue-settings";

const [adapter, target, kind] = process.argv.slice(2) as [string, string, string];
const queue =
  adapter === "sqlite"
    ? sqliteJobQueue(openDatabase(target), systemClock, { leaseMs: CHILD_LEASE_MS })
    : await pgBossJobQueue({ url: target, heartbeatSeconds: PG_HEARTBEAT_SECONDS, poolSize: 2 });
const heartbeatMs = adapter === "sqlite" ? CHILD_LEASE_MS / 3 : (PG_HEARTBEAT_SECONDS * 1000) / 3;
const worker = new QueueWorker(
  queue,
  {
    [kind]: async (job) => {
      console.log(`RUNNING ${job.key} ${job.attempt}`);
      await new Promise(() => {});
    },
  },
  { heartbeatMs, pollMs: 100 },
);
worker.start();
