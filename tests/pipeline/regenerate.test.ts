import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { approveItem, regenerate } from "../../src/approvals/actions";
import type { AppContext } from "../../src/app/context";
import { itemHistory } from "../../src/content/store";
import { contentItems } from "../../src/db/schema/content";
import { jobs } from "../../src/db/schema/jobs";
import { findJobByKey } from "../../src/jobs/store";
import { JobWorker } from "../../src/jobs/worker";
import type { LlmGateway } from "../../src/llm/types";
import { handlersOf } from "../../src/jobs/declare";
import { pipelineJobHandler } from "../../src/pipeline/handler";
import { regenerateCopyJob, regenerateJobHandler } from "../../src/pipeline/regenerate";
import { requestRun } from "../../src/pipeline/start";
import { batchItems } from "../../src/pipeline/store";
import { captionLength, checkPost, composePostText, PLATFORM_RULES } from "../../src/platforms/rules";
import { FixedAnswerGateway, NoProviderGateway } from "../agents/fixtures";
import { startResearchSites, type ResearchSites } from "../sites/research-sites";
import { makeTestContext } from "../support/context";
import { seedApp } from "./support";

let sites: ResearchSites;
beforeAll(() => (sites = startResearchSites()));
afterAll(() => sites.stop());

const web = (userId: number) => ({ userId, channel: "web" as const });

/** A worker with the real handlers for the pipeline and regeneration (media.render has no handler yet). */
function worker(ctx: AppContext, llm: LlmGateway = new NoProviderGateway()): JobWorker {
  return new JobWorker(ctx.db, ctx.clock, handlersOf([pipelineJobHandler(ctx, llm), regenerateJobHandler(ctx, llm)]));
}

/** A finished batch of the "Pantry Pal" test site for the given platforms. */
async function readyBatch(ctx: AppContext, platforms: ("x" | "youtube" | "linkedin")[]) {
  const { userId, webappId } = seedApp(ctx, { url: sites.url("/"), platforms, feeds: [sites.url("/blog/atom.xml")] });
  const run = requestRun(ctx, { webappId, trigger: "cli" })!.run;
  await worker(ctx).drain();
  return { userId, webappId, run, items: batchItems(ctx.db, run.batchId) };
}

const item = (ctx: AppContext, id: number) => ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!;

describe("content.regenerate", () => {
  test("writes different copy within the platform's limits, records history, re-renders a video", async () => {
    const ctx = makeTestContext();
    try {
      const { userId, items } = await readyBatch(ctx, ["x", "youtube"]);
      for (const before of items) {
        expect(regenerate(ctx, userId, before.id, "copy", web(userId))).toMatchObject({ ok: true, changed: true });
        expect(await worker(ctx).drain()).toBe(1);
        const after = item(ctx, before.id);
        expect(after.status).toBe("pending_approval");
        expect(after.caption).not.toBe(before.caption);
        expect(after.writer).toBe("builtin");
        const p = after.platform as "x" | "youtube";
        expect(checkPost(p, { title: after.title, caption: after.caption, hashtags: after.hashtags })).toEqual([]);
        expect(captionLength(p, composePostText(after.caption, after.hashtags))).toBeLessThanOrEqual(PLATFORM_RULES[p].captionMax);
        const history = itemHistory(ctx.db, before.id);
        const line = history.find((h) => h.action === "regenerate_copy")!;
        expect(line).toMatchObject({ channel: "system" });
        expect(line.detail).toContain("built-in offline writer");
        if (p === "youtube") {
          expect(after.mediaStatus).toBe("waiting");
          expect(JSON.stringify(after.script)).not.toBe(JSON.stringify(before.script));
          const renders = ctx.db
            .select()
            .from(jobs)
            .where(eq(jobs.kind, "media.render"))
            .all()
            .filter((j) => j.payload.itemId === before.id);
          const keys = renders.map((j) => j.key);
          expect(keys).toHaveLength(2);
          expect(keys).toContain(`media:${before.id}:1`);
          expect(keys.find((k) => k !== `media:${before.id}:1`)).toMatch(new RegExp(`^media:${before.id}:copy-\\d+$`));
        }
      }
    } finally {
      ctx.cleanup();
    }
  });

  test("each regeneration gives yet another caption (never the current one)", async () => {
    const ctx = makeTestContext();
    try {
      const { userId, items } = await readyBatch(ctx, ["linkedin"]);
      const id = items[0]!.id;
      const seen = [item(ctx, id).caption];
      for (let i = 0; i < 3; i++) {
        ctx.clock.advance(1000);
        regenerate(ctx, userId, id, "copy", web(userId));
        expect(await worker(ctx).drain()).toBe(1);
        const caption = item(ctx, id).caption;
        expect(caption).not.toBe(seen[seen.length - 1]);
        seen.push(caption);
      }
      expect(itemHistory(ctx.db, id).filter((h) => h.action === "regenerate_copy")).toHaveLength(3);
    } finally {
      ctx.cleanup();
    }
  });

  test("an item approved before the job runs is left untouched, and the history says why", async () => {
    const ctx = makeTestContext();
    try {
      const { userId, items } = await readyBatch(ctx, ["x"]);
      const before = items[0]!;
      regenerate(ctx, userId, before.id, "copy", web(userId));
      approveItem(ctx, userId, before.id, web(userId));
      expect(await worker(ctx).drain()).toBe(1);
      const after = item(ctx, before.id);
      expect(after).toMatchObject({
        status: "approved",
        caption: before.caption,
        title: before.title,
        hashtags: before.hashtags,
        writer: before.writer,
      });
      const skipped = itemHistory(ctx.db, before.id).find((h) => h.action === "regenerate_copy_skipped")!;
      expect(skipped.detail).toContain("approved before the new copy was written");
      expect(itemHistory(ctx.db, before.id).some((h) => h.action === "regenerate_copy")).toBe(false);
    } finally {
      ctx.cleanup();
    }
  });

  test("running the same job twice rewrites once", async () => {
    const ctx = makeTestContext();
    try {
      const { userId, items } = await readyBatch(ctx, ["youtube"]);
      const id = items[0]!.id;
      regenerate(ctx, userId, id, "copy", web(userId));
      const job = ctx.db.select().from(jobs).where(eq(jobs.kind, regenerateCopyJob.kind)).get()!;
      expect(await worker(ctx).drain()).toBe(1);
      const once = item(ctx, id);
      // As after a crash between the rewrite and the job's completion: the job is handed out again.
      ctx.db.update(jobs).set({ status: "queued", finishedAt: null }).where(eq(jobs.id, job.id)).run();
      expect(await worker(ctx).drain()).toBe(1);
      const twice = item(ctx, id);
      expect(twice.caption).toBe(once.caption);
      expect(
        itemHistory(ctx.db, id).filter((h) => h.action.startsWith("regenerate_copy") && h.action !== "regenerate_copy_queued"),
      ).toHaveLength(1);
      expect(
        ctx.db
          .select()
          .from(jobs)
          .where(eq(jobs.kind, "media.render"))
          .all()
          .filter((j) => j.payload.itemId === id),
      ).toHaveLength(2);
      expect(findJobByKey(ctx.db, `media:${id}:copy-${job.id}`)).toBeDefined();
    } finally {
      ctx.cleanup();
    }
  });

  test("with a model configured, the model is asked for different copy and its call is tied to the run", async () => {
    const ctx = makeTestContext();
    try {
      const { userId, run, items } = await readyBatch(ctx, ["linkedin"]);
      const llm = new FixedAnswerGateway(() => ({
        title: "",
        hook: "Dinner sorted from what is already in your fridge.",
        body: "Plan a week of meals in minutes.",
        callToAction: "Try it",
        hashtags: ["mealplanning"],
        scenes: [1, 2, 3].map((n) => ({ onScreenText: `Scene ${n}`, voiceover: `Line ${n}.`, visual: "app", seconds: 4 })),
      }));
      regenerate(ctx, userId, items[0]!.id, "copy", web(userId));
      expect(await worker(ctx, llm).drain()).toBe(1);
      const after = item(ctx, items[0]!.id);
      expect(after.writer).toBe("fixed:fixed-1");
      expect(after.caption).toContain("Dinner sorted");
      expect(llm.requests[0]!.runId).toBe(run.id);
      expect(llm.requests[0]!.prompt).toContain(items[0]!.caption.split("\n")[0]!);
    } finally {
      ctx.cleanup();
    }
  });

  test("a job without an item id fails without retrying", async () => {
    const ctx = makeTestContext();
    try {
      const now = ctx.clock.now();
      ctx.db.insert(jobs).values({ kind: regenerateCopyJob.kind, key: "bad", payload: {}, runAt: now, createdAt: now }).run();
      expect(await worker(ctx).drain()).toBe(1);
      expect(findJobByKey(ctx.db, "bad")).toMatchObject({ status: "failed", lastError: expect.stringContaining("malformed payload") });
    } finally {
      ctx.cleanup();
    }
  });
});
