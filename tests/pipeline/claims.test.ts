import { readSlides } from "../../src/platforms/carousel";
import { afterAll, beforeAll, expect, test } from "bun:test";
import { actOnBatch, approveItem, regenerate } from "../../src/approvals/actions";
import { autoApproveAfterHours } from "../../src/approvals/expiry";
import { saveSettings } from "../../src/approvals/store";
import { listBatchItems, type ContentItem } from "../../src/content/store";
import { handlersOf } from "../../src/jobs/declare";
import { JobWorker } from "../../src/jobs/worker";
import { createLlmGateway } from "../../src/llm/gateway";
import { pipelineJobHandler } from "../../src/pipeline/handler";
import { regenerateJobHandler } from "../../src/pipeline/regenerate";
import { executeRun } from "../../src/pipeline/run";
import { requestRun } from "../../src/pipeline/start";
import { NoProviderGateway } from "../agents/fixtures";
import { PLANTED, startLyingModel } from "../fakes/lying-model";
import type { FakeOpenAi } from "../fakes/openai";
import { providerYaml } from "../llm/support";
import { startResearchSites, type ResearchSites } from "../sites/research-sites";
import { makeTestContext } from "../support/context";
import { seedApp } from "./support";

let sites: ResearchSites;
let fake: FakeOpenAi;
beforeAll(() => {
  sites = startResearchSites();
  fake = startLyingModel();
});
afterAll(async () => {
  sites.stop();
  await fake.stop();
});

/** Every text of an item a platform would publish or speak. */
function published(i: ContentItem): string {
  const script = (i.script ?? {}) as { scenes?: { onScreenText: string; voiceover: string }[] };
  return [
    i.title,
    i.caption,
    i.hashtags.map((h) => `#${h}`).join(" "),
    ...(script.scenes ?? []).flatMap((s) => [s.onScreenText, s.voiceover]),
    // A carousel's slides are drawn on its images: published text too.
    ...readSlides(i.script).map((s) => s.text),
    ...i.threadPosts,
    i.firstComment,
  ].join("\n");
}

test("a model planting claims of every kind in research and posts: none reaches a post unflagged, and no bulk path approves one", async () => {
  const yaml = `llm:\n  monthly_budget_usd: 10\n  providers:\n${providerYaml({ name: "liar", kind: "openai", model: "liar-1", api_key: "sk-test", base_url: fake.baseUrl, max_retries: 0 })}\n`;
  const ctx = makeTestContext({}, yaml);
  try {
    const { userId, webappId } = seedApp(ctx, { url: sites.url("/hitop/"), name: "HITOP" });
    const run = requestRun(ctx, { webappId, trigger: "cli" })!.run;
    await executeRun(ctx, createLlmGateway(ctx), run.id);
    const items = listBatchItems(ctx.db, userId, run.batchId).filter((i) => !i.failure);
    expect(items.length).toBeGreaterThanOrEqual(6);
    expect(items.every((i) => i.writer === "liar:liar-1")).toBe(true);
    // The first comment is written (and checked) where the link goes there.
    expect(items.find((i) => i.platform === "instagram")!.firstComment).toContain("http");
    let flaggedItems = 0;
    for (const item of items) {
      const text = published(item);
      for (const marker of PLANTED)
        if (text.includes(marker)) expect(item.unsupportedClaims.some((c) => c.text.includes(marker))).toBe(true);
      if (item.unsupportedClaims.length > 0) flaggedItems++;
      // Each sentence has its place in the Sources view; the supported ones point at the page.
      expect(item.claimSources.some((s) => s.url === sites.url("/hitop/") && s.snippet !== "")).toBe(true);
    }
    // Near misses (10 hours on a page that says 10 groups, a real person's invented words) stay for a person to judge.
    expect(flaggedItems).toBeGreaterThan(0);
    // Approve all, then auto-approval: only posts without unsupported claims move.
    const result = actOnBatch(ctx, userId, run.batchId, "approve", { userId, channel: "web" })!;
    expect(result.held).toBe(flaggedItems);
    saveSettings(
      ctx.db,
      ctx.config,
      userId,
      { digestTime: "08:00", channels: ["inapp"], linkLifetimeHours: 36, unapproved: "auto_approve", autoApproveHours: 1 },
      ctx.clock.now(),
    );
    await autoApproveAfterHours(ctx, new Date(ctx.clock.now().getTime() + 48 * 3_600_000));
    for (const item of listBatchItems(ctx.db, userId, run.batchId).filter((i) => !i.failure)) {
      const planted = PLANTED.filter((m) => published(item).includes(m));
      expect({ id: item.id, status: item.status, planted }).toEqual({
        id: item.id,
        status: item.unsupportedClaims.length > 0 ? "pending_approval" : "approved",
        planted: item.unsupportedClaims.length > 0 ? planted : [],
      });
    }
  } finally {
    ctx.cleanup();
  }
});

test("regenerated copy brings its own flagged claims and sources; a clean rewrite clears them", async () => {
  const ctx = makeTestContext();
  try {
    const { userId, webappId } = seedApp(ctx, { url: sites.url("/hitop/"), name: "HITOP", platforms: ["linkedin"] });
    const builtin = new NoProviderGateway();
    const run = requestRun(ctx, { webappId, trigger: "cli" })!.run;
    await new JobWorker(ctx.db, ctx.clock, handlersOf([pipelineJobHandler(ctx, builtin), regenerateJobHandler(ctx, builtin)])).drain();
    const [first] = listBatchItems(ctx.db, userId, run.batchId);
    // As if the first copy had been flagged: the rewrite's own check decides what the item carries now.
    ctx.db.$client.run("UPDATE content_items SET unsupported_claims = ? WHERE id = ?", [
      JSON.stringify([{ text: "x", reason: "y" }]),
      first!.id,
    ]);
    expect(regenerate(ctx, userId, first!.id, "copy", { userId, channel: "web" })).toMatchObject({ ok: true });
    await new JobWorker(ctx.db, ctx.clock, handlersOf([regenerateJobHandler(ctx, builtin)])).drain();
    const after = listBatchItems(ctx.db, userId, run.batchId)[0]!;
    expect(after.unsupportedClaims).toEqual([]);
    expect(after.claimSources.length).toBeGreaterThan(0);
    expect(approveItem(ctx, userId, after.id, { userId, channel: "web" })).toMatchObject({ ok: true, changed: true });
  } finally {
    ctx.cleanup();
  }
});
