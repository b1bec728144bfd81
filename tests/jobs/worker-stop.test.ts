import { afterEach, expect, test } from "bun:test";
import { enqueueJob, findJobByKey } from "../../src/jobs/store";
import { sqliteJobQueue } from "../../src/jobs/queue/sqlite";
import { QueueWorker } from "../../src/jobs/queue/worker";
import { JobWorker } from "../../src/jobs/worker";
import { makeTestContext } from "../support/context";

let ctx: ReturnType<typeof makeTestContext>;
afterEach(() => ctx.cleanup());

test("stopping while a job runs logs which job it waits for, then cancels it after the grace and the job runs again later", async () => {
  ctx = makeTestContext();
  const log: string[] = [];
  let started = false;
  const worker = new JobWorker(
    ctx.db,
    ctx.clock,
    {
      "test.hang": (_job, jc) =>
        new Promise<void>((_resolve, reject) => {
          started = true;
          jc.signal.addEventListener("abort", () => reject(new Error("cancelled by the stop")), { once: true });
        }),
    },
    { pollMs: 20, log: (m) => log.push(m) },
  );
  const job = enqueueJob(ctx.db, { kind: "test.hang", key: "hang-1", runAt: ctx.clock.now() }, ctx.clock.now());
  worker.start();
  for (let i = 0; i < 200 && !started; i++) await Bun.sleep(10);
  expect(started).toBe(true);

  await worker.stop(200);
  expect(log).toContain(`jobs: stopping: waiting up to 0.2 s for test.hang #${job.id} to finish`);
  // The abort after the grace ends the handler; a cancelled job is retried, not lost.
  for (let i = 0; i < 100 && findJobByKey(ctx.db, "hang-1")?.status === "running"; i++) await Bun.sleep(10);
  expect(findJobByKey(ctx.db, "hang-1")?.status).toBe("queued");
});

test("stopping an idle worker logs nothing", async () => {
  ctx = makeTestContext();
  const log: string[] = [];
  const worker = new JobWorker(ctx.db, ctx.clock, { "test.none": async () => {} }, { pollMs: 20, log: (m) => log.push(m) });
  worker.start();
  await Bun.sleep(100);
  await worker.stop(5_000);
  expect(log).toEqual([]);
});

test("after stop the SQLite worker claims no new job: only the running one finishes", async () => {
  ctx = makeTestContext();
  const ran: string[] = [];
  let release = () => {};
  const worker = new JobWorker(
    ctx.db,
    ctx.clock,
    {
      "test.slow": (job) =>
        new Promise<void>((resolve) => {
          ran.push(job.key);
          release = resolve;
        }),
    },
    { pollMs: 20 },
  );
  for (const key of ["slow-1", "slow-2"]) enqueueJob(ctx.db, { kind: "test.slow", key, runAt: ctx.clock.now() }, ctx.clock.now());
  worker.start();
  for (let i = 0; i < 200 && ran.length === 0; i++) await Bun.sleep(10);
  const stopped = worker.stop(5_000);
  release();
  await stopped;
  expect(ran).toEqual(["slow-1"]);
  expect(findJobByKey(ctx.db, "slow-1")?.status).toBe("done");
  expect(findJobByKey(ctx.db, "slow-2")?.status).toBe("queued");
});

test("after stop the queue worker claims no new job, and says which job it waits for", async () => {
  ctx = makeTestContext();
  const queue = sqliteJobQueue(ctx.db, ctx.clock);
  const ran: string[] = [];
  const log: string[] = [];
  let release = () => {};
  let firstId = "";
  const worker = new QueueWorker(
    queue,
    {
      "test.slow": (job) =>
        new Promise<void>((resolve) => {
          ran.push(job.key);
          firstId ||= job.id;
          release = resolve;
        }),
    },
    { pollMs: 20, heartbeatMs: 1_000, log: (m) => log.push(m) },
  );
  for (const key of ["slow-1", "slow-2"]) enqueueJob(ctx.db, { kind: "test.slow", key, runAt: ctx.clock.now() }, ctx.clock.now());
  worker.start();
  for (let i = 0; i < 200 && ran.length === 0; i++) await Bun.sleep(10);
  const stopped = worker.stop(5_000);
  release();
  await stopped;
  expect(log).toContain(`jobs: stopping: waiting up to 5 s for test.slow #${firstId} to finish`);
  expect(ran).toEqual(["slow-1"]);
  expect(findJobByKey(ctx.db, "slow-2")?.status).toBe("queued");
});
