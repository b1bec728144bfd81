import { afterEach, expect, test } from "bun:test";
import { enqueueJob, findJobByKey } from "../../src/jobs/store";
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
