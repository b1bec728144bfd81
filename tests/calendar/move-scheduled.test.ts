import { afterEach, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { movePost } from "../../src/calendar/move";
import { webapps } from "../../src/db/schema/webapps";
import { claimNextJob, completeJob, DEFAULT_LEASE_MS } from "../../src/jobs/store";
import { publishHandlers } from "../../src/publishing/handlers";
import { publishJob } from "../../src/publishing/schedule";
import { xWorld } from "../platforms/x-helpers";

let w: ReturnType<typeof xWorld>;
afterEach(() => w?.close());

const HOUR = 3_600_000;
const web = { channel: "web" as const };
// The owner lives in UTC (the default zone), so a datetime-local value reads as UTC here.
const local = (d: Date) => d.toISOString().slice(0, 16);

/** An X post approved for `inMs` from now and scheduled by the publishing schedule (its job at that time). */
async function scheduledPost(inMs: number) {
  const t1 = new Date(w.ctx.clock.now().getTime() + inMs);
  const item = w.item({ plannedAt: t1 });
  await w.run();
  expect(w.get(item.id).status).toBe("scheduled");
  expect(w.job(item.id).runAt.getTime()).toBe(t1.getTime());
  return { item, t1 };
}

const move = (itemId: number, at: Date) => movePost(w.ctx, w.owner.userId, itemId, local(at), "UTC", { userId: w.owner.userId, ...web });

test("a scheduled post moved later never publishes at the old time and publishes once at the new one", async () => {
  w = xWorld();
  const { item, t1 } = await scheduledPost(HOUR);
  const t2 = new Date(t1.getTime() + 3 * HOUR);
  const r = move(item.id, t2);
  expect(r.ok).toBe(true);
  expect(w.get(item.id).plannedAt!.getTime()).toBe(t2.getTime());
  expect(w.job(item.id).runAt.getTime()).toBe(t2.getTime());
  expect(w.history(item.id)).toContain("publish.moved");

  w.ctx.clock.set(new Date(t1.getTime() + 60_000));
  expect(await w.run()).toBe(0); // nothing is due at the old time
  expect(w.fake.tweets).toHaveLength(0);
  expect(w.get(item.id).status).toBe("scheduled");

  w.ctx.clock.set(new Date(t2.getTime() + 1000));
  await w.run();
  expect(w.get(item.id).status).toBe("published");
  w.ctx.clock.set(new Date(t2.getTime() + 6 * HOUR));
  await w.run();
  expect(w.fake.tweets).toHaveLength(1);
  expect(w.fake.createCalls).toBe(1);
});

test("a scheduled post moved earlier publishes once at the new time, and the old time adds nothing", async () => {
  w = xWorld();
  const { item, t1 } = await scheduledPost(5 * HOUR);
  const t0 = new Date(t1.getTime() - 4 * HOUR);
  expect(move(item.id, t0).ok).toBe(true);
  w.ctx.clock.set(new Date(t0.getTime() + 1000));
  await w.run();
  expect(w.get(item.id).status).toBe("published");
  w.ctx.clock.set(new Date(t1.getTime() + 1000));
  await w.run();
  expect(w.fake.createCalls).toBe(1);
});

test("race: a move while a worker holds the publish claim is refused with a sentence; the post goes out once at its time", async () => {
  w = xWorld();
  const { item, t1 } = await scheduledPost(HOUR);
  w.ctx.clock.set(new Date(t1.getTime() + 1000));
  const job = claimNextJob(w.ctx.db, w.ctx.clock.now(), DEFAULT_LEASE_MS, [publishJob.kind])!;
  expect(job.key).toBe(`publish:${item.id}`);
  const r = move(item.id, new Date(t1.getTime() + 5 * HOUR));
  expect(r).toMatchObject({ ok: false, code: "invalid_state" });
  expect(!r.ok && r.message).toBe(`Item ${item.id} is being published now (its publish to X has started); it cannot move.`);
  expect(w.get(item.id).plannedAt!.getTime()).toBe(t1.getTime());
  await publishHandlers(w.ctx, w.deps)[job.kind]!(job, { heartbeat() {}, signal: new AbortController().signal });
  completeJob(w.ctx.db, job.id, w.ctx.clock.now());
  expect(w.get(item.id).status).toBe("published");
  w.ctx.clock.set(new Date(t1.getTime() + 10 * HOUR));
  await w.run();
  expect(w.fake.createCalls).toBe(1);
  // Moving the published post is refused too.
  const again = move(item.id, new Date(t1.getTime() + 12 * HOUR));
  expect(!again.ok && again.message).toBe(`Item ${item.id} is already published; it cannot move.`);
});

test("race: a move that commits first leaves nothing to claim at the old time", async () => {
  w = xWorld();
  const { item, t1 } = await scheduledPost(HOUR);
  expect(move(item.id, new Date(t1.getTime() + 2 * HOUR)).ok).toBe(true);
  w.ctx.clock.set(new Date(t1.getTime() + 1000));
  expect(claimNextJob(w.ctx.db, w.ctx.clock.now(), DEFAULT_LEASE_MS, [publishJob.kind])).toBeUndefined();
});

test("a stale second job at the old time does not publish early, and the two jobs at the new time publish once", async () => {
  w = xWorld();
  const { item, t1 } = await scheduledPost(HOUR);
  const t2 = new Date(t1.getTime() + 2 * HOUR);
  expect(move(item.id, t2).ok).toBe(true);
  // A second job for the item at the old time (as a process reading the plan before the move might have made).
  publishJob.enqueue(w.ctx.db, { itemId: item.id }, { now: w.ctx.clock.now(), runAt: t1, variant: "stale" });
  w.ctx.clock.set(new Date(t1.getTime() + 1000));
  await w.run();
  expect(w.fake.createCalls).toBe(0);
  expect(w.get(item.id).status).toBe("scheduled");
  w.ctx.clock.set(new Date(t2.getTime() + 1000));
  await w.run();
  expect(w.fake.createCalls).toBe(1);
  expect(w.get(item.id).status).toBe("published");
});

test("a move keeps the planner's guardrails: the account's gap on the platform and the web app's allowed hours", async () => {
  w = xWorld();
  const { item, t1 } = await scheduledPost(HOUR);
  const other = w.item({ plannedAt: new Date(t1.getTime() + 5 * HOUR) });
  const tooClose = move(item.id, new Date(t1.getTime() + 4.5 * HOUR));
  expect(tooClose.ok).toBe(false);
  expect(!tooClose.ok && tooClose.message).toContain(`Item ${other.id} goes out on X at`);
  expect(!tooClose.ok && tooClose.message).toContain("posts of one account there need 60 minutes between them");
  expect(w.get(item.id).plannedAt!.getTime()).toBe(t1.getTime());

  w.ctx.db.update(webapps).set({ allowedHours: "09:00-17:00" }).where(eq(webapps.id, w.owner.webappId)).run();
  const night = new Date(`${local(new Date(t1.getTime() + 24 * HOUR)).slice(0, 10)}T20:00:00Z`);
  const late = move(item.id, night);
  expect(!late.ok && late.message).toContain("is outside this web app's posting hours (09:00-17:00)");
  const day = new Date(`${night.toISOString().slice(0, 10)}T10:00:00Z`);
  expect(move(item.id, day).ok).toBe(true);
  expect(w.job(item.id).runAt.getTime()).toBe(day.getTime());
});
