import { afterEach, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { jobs } from "../../src/db/schema/jobs";
import { claimNextJob, completeJob, enqueueJob, extendLease, findJobByKey } from "../../src/jobs/store";
import { makeTestContext } from "../support/context";

let ctx: ReturnType<typeof makeTestContext>;
afterEach(() => ctx?.cleanup());

test("enqueue is idempotent by key: the second call returns the first job unchanged", () => {
  ctx = makeTestContext();
  const now = ctx.clock.now();
  const a = enqueueJob(ctx.db, { kind: "k", key: "one", payload: { n: 1 }, runAt: now }, now);
  const b = enqueueJob(ctx.db, { kind: "k", key: "one", payload: { n: 2 }, runAt: new Date(now.getTime() + 1000), maxAttempts: 9 }, now);
  expect(b).toEqual(a);
  expect(a.payload).toEqual({ n: 1 });
  expect(a.runAt).toEqual(now);
  expect(a.maxAttempts).toBe(5);
  expect(ctx.db.select().from(jobs).all()).toHaveLength(1);
});

test("a claim returns the claimed row (lease as a Date), honours kinds and run_at, and takes a lapsed lease back", () => {
  ctx = makeTestContext();
  const now = ctx.clock.now();
  const later = new Date(now.getTime() + 60_000);
  enqueueJob(ctx.db, { kind: "a", key: "a1", runAt: now }, now);
  enqueueJob(ctx.db, { kind: "b", key: "b1", runAt: now }, now);
  enqueueJob(ctx.db, { kind: "a", key: "a-later", runAt: later }, now);

  const b = claimNextJob(ctx.db, now, 1000, ["b"])!;
  expect(b).toMatchObject({ key: "b1", status: "running", attempts: 1 });
  expect(b.leaseUntil).toEqual(new Date(now.getTime() + 1000));
  expect(claimNextJob(ctx.db, now, 1000, ["b"])).toBeUndefined();

  expect(claimNextJob(ctx.db, now, 1000, ["a", "b"])!.key).toBe("a1");
  expect(claimNextJob(ctx.db, now, 1000)).toBeUndefined();
  // Both leases lapse (a crash) and a-later falls due: the oldest run_at (then id) is claimed first, b1 again after it.
  const after = new Date(now.getTime() + 61_000);
  expect(claimNextJob(ctx.db, after, 1000, ["a", "b"])!.key).toBe("a1");
  const again = claimNextJob(ctx.db, after, 1000, ["b"])!;
  expect(again).toMatchObject({ key: "b1", attempts: 2 });
});

test("extendLease moves the lease (and progress when given) of a running job only; completeJob finishes it", () => {
  ctx = makeTestContext();
  const now = ctx.clock.now();
  enqueueJob(ctx.db, { kind: "a", key: "a1", runAt: now }, now);
  const job = claimNextJob(ctx.db, now, 1000)!;
  const until = new Date(now.getTime() + 5000);
  extendLease(ctx.db, job.id, until, "half way");
  expect(findJobByKey(ctx.db, "a1")).toMatchObject({ leaseUntil: until, progress: "half way" });
  const until2 = new Date(now.getTime() + 9000);
  extendLease(ctx.db, job.id, until2);
  expect(findJobByKey(ctx.db, "a1")).toMatchObject({ leaseUntil: until2, progress: "half way" });

  const done = new Date(now.getTime() + 10_000);
  completeJob(ctx.db, job.id, done);
  expect(findJobByKey(ctx.db, "a1")).toMatchObject({ status: "done", leaseUntil: null, finishedAt: done, lastError: null });
  extendLease(ctx.db, job.id, new Date(now.getTime() + 99_000), "late heartbeat");
  const row = ctx.db.select().from(jobs).where(eq(jobs.id, job.id)).get()!;
  expect(row).toMatchObject({ status: "done", leaseUntil: null, progress: "half way" });
});
