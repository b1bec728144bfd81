// A worker process for the outage test: WORKERS queue workers on pg-boss (the role's QueueWorker, heartbeat every half
// window as startRoleBackground sets it) for the kind "outage.work", whose handler works for the payload's ms and then
// prints "RAN key attempt". The supervisor sweeps every second (the harshest setting). Usage: bun outage-worker.ts URL WORKERS
import { pgBossJobQueue } from "../../src/jobs/queue/pg-boss";
import { QueueWorker } from "../../src/jobs/queue/worker";
import { OUTAGE_HEARTBEAT_SECONDS, OUTAGE_KIND } from "./outage-settings";

const [url, count] = process.argv.slice(2) as [string, string];
const log = (msg: string) => console.log(`LOG ${msg}`);
const queue = await pgBossJobQueue({ url, heartbeatSeconds: OUTAGE_HEARTBEAT_SECONDS, superviseIntervalSeconds: 1, poolSize: 4, log });
const handler = async (job: { key: string; attempt: number; payload: Record<string, unknown> }, ctx: { signal: AbortSignal }) => {
  const until = Date.now() + Number(job.payload.ms);
  while (Date.now() < until) {
    if (ctx.signal.aborted) throw new Error(`${job.key}: stopped, its attempt lost the job`);
    await Bun.sleep(50);
  }
  console.log(`RAN ${job.key} ${job.attempt}`);
};
const workers = Array.from(
  { length: Number(count) },
  () => new QueueWorker(queue, { [OUTAGE_KIND]: handler }, { heartbeatMs: (OUTAGE_HEARTBEAT_SECONDS * 1000) / 2, pollMs: 200, log }),
);
for (const w of workers) w.start();
console.log("READY");
