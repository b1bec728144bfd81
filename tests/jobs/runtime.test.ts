import { afterAll, beforeAll, expect, test } from "bun:test";
import { startBackground } from "../../src/server/jobs";
import { recentScheduleRuns } from "../../src/jobs/schedule-store";
import { latestRun } from "../../src/pipeline/store";
import { NoProviderGateway } from "../agents/fixtures";
import { startResearchSites, type ResearchSites } from "../sites/research-sites";
import { makeTestContext } from "../support/context";
import { seedApp } from "../pipeline/support";

let sites: ResearchSites;
beforeAll(() => (sites = startResearchSites()));
afterAll(() => sites.stop());

test("at start-up the catch-up schedule queues today's run and a worker completes it; stop ends both", async () => {
  const ctx = makeTestContext({ AMARKTAI_PIPELINE_CONCURRENCY: "2" });
  try {
    const { webappId } = seedApp(ctx, { url: sites.url("/"), platforms: ["x"], timezone: "Asia/Tokyo" });
    const bg = startBackground(ctx, new NoProviderGateway());
    expect(bg.workers).toHaveLength(4); // the shared worker, one more for pipelines, one for renders, one for exports
    for (let i = 0; i < 100 && latestRun(ctx.db, webappId, "2026-03-02")?.status !== "ready"; i++) await Bun.sleep(50);
    await bg.stop(100); // the media render the run queued is cancelled, not awaited
    const run = latestRun(ctx.db, webappId, "2026-03-02")!; // 21:00 in Tokyo: past 02:00
    expect(run.status).toBe("ready");
    expect(run.trigger).toBe("schedule");
    expect(recentScheduleRuns(ctx.db, "nightly-generation")[0]!.outcome).toBe("ok");
  } finally {
    ctx.cleanup();
  }
}, 30_000);
