import { afterEach, describe, expect, test } from "bun:test";
import { claimNextJob } from "../../src/jobs/store";
import { publishHandlers } from "../../src/publishing/handlers";
import { schedulePublishing } from "../../src/publishing/schedule";
import { dyingAt, jobContext, makeImageFile, makeItem } from "../support/publishing-factories";
import { xWorld } from "../platforms/x-helpers";

let w: ReturnType<typeof xWorld>;
afterEach(() => w?.close());

/** An approved X item of the format, due now (an image item carries its rendition). */
async function itemOf(format: "text" | "image") {
  if (format === "text") return makeItem(w.ctx, w.owner, { platform: "x", format: "text" });
  const img = await makeImageFile(w.ctx, `x${Math.random().toString(36).slice(2)}.jpg`, 1600, 900);
  return makeItem(w.ctx, w.owner, { platform: "x", format: "image", images: [img] });
}

/** Publishes the item in a worker that dies at `point`, then runs again once the dead worker's lease ran out. */
async function crashThenRestart(itemId: number, point: Parameters<typeof dyingAt>[1]) {
  schedulePublishing(w.ctx, w.ctx.clock.now());
  let dead!: () => void;
  const died = new Promise<void>((r) => (dead = r));
  const handlers = publishHandlers(w.ctx, { ...w.deps, adapters: { x: dyingAt(w.deps.adapters.x!, point, dead) } });
  const job = claimNextJob(w.ctx.db, w.ctx.clock.now(), 5 * 60_000)!;
  expect(job.payload.itemId).toBe(itemId);
  void handlers["publish.item"]!(job, jobContext());
  await died;
  w.ctx.clock.advance(6 * 60_000);
  await w.run();
}

for (const format of ["text", "image"] as const) {
  describe(`crash tests for ${format} posts on X: one post whatever point the process dies at`, () => {
    const before = format === "image" ? (["prepared", "media_uploaded"] as const) : (["prepared"] as const);
    for (const phase of before)
      test(`dies after "${phase}" (before the create): the rerun posts exactly once`, async () => {
        w = xWorld();
        const item = await itemOf(format);
        await crashThenRestart(item.id, { phase });
        expect(w.get(item.id).status).toBe("published");
        expect(w.fake.createCalls).toBe(1);
        expect(w.fake.tweets).toHaveLength(1);
        expect(w.fake.mediaOf(w.fake.tweets[0]!)).toHaveLength(format === "image" ? 1 : 0);
      });

    test("dies after the create was answered: reconciliation finds the post, no second create", async () => {
      w = xWorld();
      const item = await itemOf(format);
      await crashThenRestart(item.id, "after_create_answered");
      const got = w.get(item.id);
      expect(got.status).toBe("published");
      expect(got.remoteId).toBe(w.fake.tweets[0]!.id);
      expect(w.fake.createCalls).toBe(1);
    });

    test("dies with create_sent recorded and nothing posted: needs_check, never posted blindly", async () => {
      w = xWorld();
      const item = await itemOf(format);
      await crashThenRestart(item.id, { phase: "create_sent" });
      expect(w.get(item.id).status).toBe("needs_check");
      w.ctx.clock.advance(24 * 3600_000);
      await w.run();
      expect(w.fake.createCalls).toBe(0);
    });
  });
}
