import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { contentEvents, contentItems } from "../../src/db/schema/content";
import { jobs } from "../../src/db/schema/jobs";
import { JobWorker } from "../../src/jobs/worker";
import { handlersOf } from "../../src/jobs/declare";
import { pipelineJobHandler } from "../../src/pipeline/handler";
import { executeRun } from "../../src/pipeline/run";
import { requestRun } from "../../src/pipeline/start";
import { batchItems, listSteps } from "../../src/pipeline/store";
import { localParts } from "../../src/lib/zoned-time";
import { checkPost } from "../../src/platforms/rules";
import { NoProviderGateway } from "../agents/fixtures";
import { startResearchSites, type ResearchSites } from "../sites/research-sites";
import { makeTestContext } from "../support/context";
import { seedApp } from "./support";

let sites: ResearchSites;
beforeAll(() => (sites = startResearchSites()));
afterAll(() => sites.stop());

describe("durable pipeline runs", () => {
  test("a run produces one batch pending approval with six platform posts, media waiting, planned slots", async () => {
    const ctx = makeTestContext();
    try {
      const { webappId, userId } = seedApp(ctx, { url: sites.url("/"), timezone: "Europe/Berlin", feeds: [sites.url("/blog/atom.xml")] });
      const ready: unknown[] = [];
      ctx.events.on("batch.ready", (e) => void ready.push(e));
      const req = requestRun(ctx, { webappId, trigger: "cli" })!;
      expect(req.created).toBe(true);
      expect(req.run.jobKey).toBe(`run:${webappId}:2026-03-02:1`);
      const worker = new JobWorker(ctx.db, ctx.clock, handlersOf([pipelineJobHandler(ctx, new NoProviderGateway())]));
      expect(await worker.drain()).toBe(1);
      const items = batchItems(ctx.db, req.run.batchId);
      // Six platforms, plus a B variant on the one platform the optimizer tests today.
      expect(items.length).toBe(7);
      expect(new Set(items.map((i) => i.platform)).size).toBe(6);
      expect(items.filter((i) => i.variant === "B")).toHaveLength(1);
      for (const it of items) {
        expect(it.status).toBe("pending_approval");
        expect(it.writer).toBe("builtin");
        // Text posts and threads have no media to render.
        expect(it.mediaStatus).toBe(it.format === "text" || it.format === "thread" ? "none" : "waiting");
        expect(checkPost(it.platform as never, { title: it.title, caption: it.caption, hashtags: it.hashtags })).toEqual([]);
        expect(it.plannedAt!.getTime()).toBeGreaterThan(ctx.clock.now().getTime());
        expect(localParts(it.plannedAt!, "Europe/Berlin").date).toBe("2026-03-02");
        expect(it.reason).toContain("Europe/Berlin");
      }
      expect(new Set(items.map((i) => Math.floor(i.plannedAt!.getTime() / 60_000))).size).toBe(items.length);
      const mediaJobs = ctx.db.select().from(jobs).where(eq(jobs.kind, "media.render")).all();
      expect(mediaJobs.map((j) => j.key).sort()).toEqual(
        items
          .filter((i) => i.format === "video" || i.format === "image" || i.format === "carousel")
          .map((i) => `media:${i.id}:1`)
          .sort(),
      );
      expect(listSteps(ctx.db, req.run.id).map((s) => [s.step, s.status])).toEqual([
        ["research", "done"],
        ["creative", "done"],
        ["media", "done"],
        ["optimize", "done"],
        ["queue", "done"],
      ]);
      expect(ready).toEqual([{ batchId: req.run.batchId, userId, webappId }]);
      // Asking again for the same day returns the existing run; force makes attempt 2.
      expect(requestRun(ctx, { webappId, trigger: "cli" })!.run.id).toBe(req.run.id);
      const forced = requestRun(ctx, { webappId, trigger: "cli", force: true })!;
      expect(forced.run.attempt).toBe(2);
      expect(forced.run.jobKey).toBe(`run:${webappId}:2026-03-02:2`);
      expect(forced.run.batchId).not.toBe(req.run.batchId);
    } finally {
      ctx.cleanup();
    }
  });

  test("re-executing a finished or half-finished run repeats nothing", async () => {
    const ctx = makeTestContext();
    try {
      const { webappId } = seedApp(ctx, { url: sites.url("/"), platforms: ["x", "linkedin"] });
      const { run } = requestRun(ctx, { webappId, trigger: "cli" })!;
      const llm = new NoProviderGateway();
      await executeRun(ctx, llm, run.id);
      const first = batchItems(ctx.db, run.batchId).map((i) => [i.id, i.caption, i.plannedAt?.getTime()]);
      const seen: string[] = [];
      await executeRun(ctx, llm, run.id, { onProgress: (step, state) => void seen.push(`${step}:${state}`) });
      expect(seen).toEqual(["research:skipped", "creative:skipped", "media:skipped", "optimize:skipped", "queue:skipped"]);
      expect(batchItems(ctx.db, run.batchId).map((i) => [i.id, i.caption, i.plannedAt?.getTime()])).toEqual(first);
      const generated = ctx.db.select().from(contentEvents).where(eq(contentEvents.action, "generated")).all();
      expect(generated.length).toBe(first.length);
    } finally {
      ctx.cleanup();
    }
  });

  test("an unreachable site with no description fails the run with a reason, and the job retries", async () => {
    const ctx = makeTestContext({ AMARKTAI_FETCH_TIMEOUT_MS: "1000" });
    try {
      const { webappId } = seedApp(ctx, { url: sites.url("/missing") });
      const { run } = requestRun(ctx, { webappId, trigger: "cli" })!;
      const worker = new JobWorker(ctx.db, ctx.clock, handlersOf([pipelineJobHandler(ctx, new NoProviderGateway())]));
      await worker.drain();
      const steps = listSteps(ctx.db, run.id);
      expect(steps[0]!.status).toBe("failed");
      expect(steps[0]!.error).toContain("answered 404");
      expect(steps[0]!.error).toContain("Add a description");
      const job = ctx.db.select().from(jobs).where(eq(jobs.key, run.jobKey)).get()!;
      expect(job.status).toBe("queued");
      expect(ctx.db.select().from(contentItems).all()).toHaveLength(0);
    } finally {
      ctx.cleanup();
    }
  });
});
