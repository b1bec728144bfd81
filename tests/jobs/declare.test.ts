import { afterEach, expect, test } from "bun:test";
import { declareJob, handlersOf, itemIdPayload } from "../../src/jobs/declare";
import { findJobByKey } from "../../src/jobs/store";
import { JobWorker } from "../../src/jobs/worker";
import { mediaRenderJob } from "../../src/media/job";
import { pipelineRunJob } from "../../src/pipeline/start";
import { regenerateCopyJob } from "../../src/pipeline/regenerate";
import { publishJob } from "../../src/publishing/schedule";
import { makeTestContext } from "../support/context";

let ctx: ReturnType<typeof makeTestContext>;
afterEach(() => ctx?.cleanup());

const noteJob = declareJob<{ itemId: number }>({ kind: "test.note", key: (p) => `note:${p.itemId}`, attempts: 3, parse: itemIdPayload });

test("a declared job enqueues with its kind, key scheme and attempt budget; a variant makes a second job", () => {
  ctx = makeTestContext();
  const now = ctx.clock.now();
  const a = noteJob.enqueue(ctx.db, { itemId: 7 }, { now });
  expect(a).toMatchObject({ kind: "test.note", key: "note:7", payload: { itemId: 7 }, maxAttempts: 3, runAt: now });
  expect(noteJob.enqueue(ctx.db, { itemId: 7 }, { now }).id).toBe(a.id);
  const b = noteJob.enqueue(ctx.db, { itemId: 7 }, { now, variant: "again", runAt: new Date(now.getTime() + 5000) });
  expect(b.id).not.toBe(a.id);
  expect(b.key).toBe("note:7:again");
});

test("the handler gets the typed payload; a malformed stored payload fails the job without a retry", async () => {
  ctx = makeTestContext();
  const now = ctx.clock.now();
  const seen: number[] = [];
  noteJob.enqueue(ctx.db, { itemId: 3 }, { now });
  noteJob.enqueue(ctx.db, { itemId: "3" as unknown as number }, { now, variant: "bad" });
  const worker = new JobWorker(ctx.db, ctx.clock, handlersOf([noteJob.handle(async (p) => void seen.push(p.itemId))]));
  expect(await worker.drain()).toBe(2);
  expect(seen).toEqual([3]);
  expect(findJobByKey(ctx.db, "note:3")!.status).toBe("done");
  expect(findJobByKey(ctx.db, "note:3:bad")).toMatchObject({ status: "failed", attempts: 1 });
  expect(findJobByKey(ctx.db, "note:3:bad")!.lastError).toContain("test.note job #2 has a malformed payload");
});

test("a kind registered twice is refused", () => {
  const h = noteJob.handle(async () => {});
  expect(() => handlersOf([h, h])).toThrow('kind "test.note" is registered twice');
});

test("the stored kinds and keys stay those of the rows already in databases", () => {
  expect([pipelineRunJob.kind, mediaRenderJob.kind, regenerateCopyJob.kind, publishJob.kind]).toEqual([
    "pipeline.run",
    "media.render",
    "content.regenerate",
    "publish.item",
  ]);
  expect(pipelineRunJob.key({ webappId: 4, localDate: "2026-03-02", attempt: 2 })).toBe("run:4:2026-03-02:2");
  expect(mediaRenderJob.key({ itemId: 9 })).toBe("media:9");
  expect(publishJob.key({ itemId: 9 })).toBe("publish:9");
  expect([mediaRenderJob.attempts, pipelineRunJob.attempts]).toEqual([2, 3]);
});
