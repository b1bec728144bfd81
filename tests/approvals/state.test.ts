import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { join } from "node:path";
import { approveItems, actOnBatch } from "../../src/approvals/actions";
import { TRANSITIONS, transition } from "../../src/content/state";
import { contentEvents, contentItems } from "../../src/db/schema/content";
import { CONTENT_STATES } from "../../src/model/content-states";
import { makeTestContext } from "../support/context";
import { makeBatch, makeItem, makeUser, makeWebapp } from "../support/content-factories";

const ctx = makeTestContext();
let userId = 0;
let webappId = 0;
beforeAll(() => {
  userId = makeUser(ctx).id;
  webappId = makeWebapp(ctx, userId).id;
});
afterAll(() => ctx.cleanup());

const status = (id: number) => ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!.status;
const events = (id: number) => ctx.db.select().from(contentEvents).where(eq(contentEvents.itemId, id)).all();

describe("every transition from every state", () => {
  for (const from of CONTENT_STATES) {
    for (const to of CONTENT_STATES) {
      const allowed = TRANSITIONS[from].includes(to);
      test(`${from} -> ${to} is ${allowed ? "allowed" : "refused"}`, () => {
        const item = makeItem(ctx, { userId, webappId, status: from });
        const moved = transition(ctx.db, item.id, to, { userId, channel: "web" }, { from: [from], now: ctx.clock.now() });
        expect(moved).toBe(allowed);
        expect(status(item.id)).toBe(allowed ? to : from);
        const ev = events(item.id);
        expect(ev.length).toBe(allowed ? 1 : 0);
        if (allowed) expect(ev[0]).toMatchObject({ fromStatus: from, toStatus: to, channel: "web", userId });
      });
    }
  }
});

test("an item moves only from the states the caller expects, even where the table allows the move", () => {
  for (const from of CONTENT_STATES) {
    for (const to of TRANSITIONS[from]) {
      const item = makeItem(ctx, { userId, webappId, status: from });
      const others = CONTENT_STATES.filter((s) => s !== from);
      const moved = transition(ctx.db, item.id, to, { userId, channel: "web" }, { from: others, now: ctx.clock.now() });
      expect(moved, `${from} -> ${to} expecting only other states`).toBe(false);
      expect(status(item.id)).toBe(from);
      expect(events(item.id)).toEqual([]);
    }
  }
});

test("concurrent approve and reject of the same items from two threads: exactly one wins each item", async () => {
  const batch = makeBatch(ctx, { userId, webappId });
  const ids = Array.from({ length: 150 }, () => makeItem(ctx, { userId, webappId, batchId: batch.id }).id);
  const worker = new Worker(join(import.meta.dir, "race-worker.ts"));
  let ready!: () => void;
  const started = new Promise<void>((r) => (ready = r));
  const done = new Promise<number>((resolve, reject) => {
    worker.onmessage = (e) => (e.data === "ready" ? ready() : resolve(e.data as number));
    worker.onerror = (e) => reject(e);
  });
  worker.postMessage({ dbPath: join(ctx.config.storage.data_dir, "amarktai.db"), ids, userId });
  await started;
  let rejected = 0;
  for (const id of ids)
    if (transition(ctx.db, id, "rejected", { userId, channel: "web" }, { from: ["pending_approval"], now: ctx.clock.now() })) rejected++;
  const approved = await done;
  worker.terminate();
  expect(approved + rejected).toBe(ids.length);
  for (const id of ids) {
    const ev = events(id);
    expect(ev.length).toBe(1);
    expect(status(id)).toBe(ev[0]!.toStatus as "approved" | "rejected");
  }
});

test("bulk approve on a batch with mixed states changes only the waiting items, once", () => {
  const batch = makeBatch(ctx, { userId, webappId });
  const mixed = (["pending_approval", "pending_approval", "approved", "rejected", "published", "expired", "draft"] as const).map((s) =>
    makeItem(ctx, { userId, webappId, batchId: batch.id, status: s }),
  );
  const r1 = actOnBatch(ctx, userId, batch.id, "approve", { userId, channel: "web" })!;
  expect(r1).toEqual({ changed: 2, unchanged: 0 });
  expect(mixed.map((i) => status(i.id))).toEqual(["approved", "approved", "approved", "rejected", "published", "expired", "draft"]);
  expect(actOnBatch(ctx, userId, batch.id, "approve", { userId, channel: "web" })).toEqual({ changed: 0, unchanged: 0 });
  const r3 = approveItems(
    ctx,
    userId,
    mixed.map((i) => i.id),
    { userId, channel: "web" },
  );
  expect(r3).toEqual({ changed: 0, unchanged: mixed.length });
});

test("bulk reject leaves approved and published items alone and never touches another user's batch", () => {
  const batch = makeBatch(ctx, { userId, webappId });
  const a = makeItem(ctx, { userId, webappId, batchId: batch.id });
  const b = makeItem(ctx, { userId, webappId, batchId: batch.id, status: "approved" });
  expect(actOnBatch(ctx, userId, batch.id, "reject", { userId, channel: "web" }, "off-brand")).toEqual({ changed: 1, unchanged: 0 });
  expect([status(a.id), status(b.id)]).toEqual(["rejected", "approved"]);
  const other = makeUser(ctx);
  expect(actOnBatch(ctx, other.id, batch.id, "approve", { userId: other.id, channel: "web" })).toBeUndefined();
  expect(approveItems(ctx, other.id, [a.id, b.id], { userId: other.id, channel: "web" })).toEqual({ changed: 0, unchanged: 0 });
});
