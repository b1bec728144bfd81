import { afterAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import { jobs } from "../../src/db/schema/jobs";
import { JobError } from "../../src/jobs/worker";
import { mediaRenderHandler, mediaRenderJob, requestMediaRender } from "../../src/media/job";
import { RenderQueue } from "../../src/media/queue";
import { makeTestContext } from "../support/context";
import { insertMediaItem, insertMediaUser, insertMediaWebapp } from "../support/media-factories";

const ctx = makeTestContext();
afterAll(() => ctx.cleanup());

test("the render queue runs one task at a time, in order", async () => {
  const q = new RenderQueue(1);
  const log: string[] = [];
  const task = (name: string) => async () => {
    log.push(`start ${name}`);
    await Bun.sleep(20);
    log.push(`end ${name}`);
  };
  await Promise.all([q.run(task("a")), q.run(task("b")), q.run(task("c"))]);
  expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  expect(q.size).toEqual({ running: 0, waiting: 0 });
});

test("a task cancelled while waiting leaves the queue without running", async () => {
  const q = new RenderQueue(1);
  let ran = false;
  const first = q.run(() => Bun.sleep(30));
  const ac = new AbortController();
  const second = q.run(async () => void (ran = true), ac.signal);
  ac.abort();
  expect(await second.catch((e) => e.message)).toBe("render cancelled while waiting in the queue");
  await first;
  expect(ran).toBe(false);
  expect(q.size).toEqual({ running: 0, waiting: 0 });
});

test("regenerate media marks the item waiting and queues a fresh media.render job each time", () => {
  const user = insertMediaUser(ctx);
  const id = insertMediaItem(ctx, user, insertMediaWebapp(ctx, user), { mediaStatus: "failed", mediaError: "old" });
  const a = requestMediaRender(ctx, id);
  ctx.clock.advance(1000);
  const b = requestMediaRender(ctx, id);
  expect(a.id).not.toBe(b.id);
  expect([a.kind, a.payload]).toEqual([mediaRenderJob.kind, { itemId: id }]);
  const row = ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!;
  expect([row.mediaStatus, row.mediaError]).toEqual(["waiting", null]);
  expect(ctx.db.select().from(jobs).all().length).toBe(2);
});

test("the handler refuses a job without an item id, without retrying", async () => {
  const job = requestMediaRender(ctx, insertMediaItem(ctx, insertMediaUser(ctx), 1));
  const err = await mediaRenderHandler(ctx)
    .run({ ...job, payload: {} }, { heartbeat: () => {}, signal: new AbortController().signal })
    .catch((e) => e);
  expect(err).toBeInstanceOf(JobError);
  expect(err.retryable).toBe(false);
  expect(err.message).toContain("has a malformed payload");
});

test("the handler reports a missing item as a permanent failure", async () => {
  const job = requestMediaRender(ctx, 1);
  const err = await mediaRenderHandler(ctx)
    .run({ ...job, payload: { itemId: 9999 } }, { heartbeat: () => {}, signal: new AbortController().signal })
    .catch((e) => e);
  expect(err.retryable).toBe(false);
  expect(err.message).toBe("item 9999 or its web app no longer exists; nothing to render");
});
