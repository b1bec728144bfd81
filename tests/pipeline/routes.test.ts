import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createSession } from "../../src/auth/sessions";
import { createApp } from "../../src/server/app";
import { sessionCookieName } from "../../src/http/session";
import { executeRun } from "../../src/pipeline/run";
import { batchItems, latestRun } from "../../src/pipeline/store";
import { claimNextJob, extendLease } from "../../src/jobs/store";
import { mediaRenderJob } from "../../src/media/job";
import { saveMediaReady } from "../../src/media/store";
import { createUser } from "../../src/users/store";
import { NoProviderGateway } from "../agents/fixtures";
import { startResearchSites, type ResearchSites } from "../sites/research-sites";
import { makeTestContext } from "../support/context";
import { seedApp } from "./support";

let sites: ResearchSites;
beforeAll(() => (sites = startResearchSites()));
afterAll(() => sites.stop());

function signIn(ctx: ReturnType<typeof makeTestContext>, userId: number) {
  const { token, session } = createSession(ctx.db, userId, ctx.clock.now(), 30);
  const app = createApp(ctx);
  const base = "http://localhost:3000";
  return {
    get: (path: string, headers: Record<string, string> = {}) =>
      app.handle(new Request(base + path, { headers: { cookie: `${sessionCookieName(ctx)}=${token}`, ...headers } })),
    post: (path: string, headers: Record<string, string> = {}) =>
      app.handle(
        new Request(base + path, {
          method: "POST",
          headers: { cookie: `${sessionCookieName(ctx)}=${token}`, origin: base, "x-csrf-token": session.csrfToken, ...headers },
        }),
      ),
  };
}

describe("run pages", () => {
  test("Generate now queues a forced run; the run page shows steps live, then outputs and posts", async () => {
    const ctx = makeTestContext();
    try {
      const { userId, webappId } = seedApp(ctx, { url: sites.url("/"), platforms: ["youtube", "instagram"], name: "Pantry <Pal>" });
      const web = signIn(ctx, userId);
      const list = await web.get(`/webapps/${webappId}/runs`);
      expect(list.status).toBe(200);
      const html = await list.text();
      expect(html).toContain("Generate now");
      expect(html).toContain("Pantry &lt;Pal&gt;");
      const posted = await web.post(`/webapps/${webappId}/runs`);
      expect(posted.status).toBe(303);
      const run = latestRun(ctx.db, webappId, "2026-03-02")!;
      expect(posted.headers.get("location")).toBe(`/runs/${run.id}`);
      expect(run.trigger).toBe("manual");
      const queued = await (await web.get(`/runs/${run.id}`)).text();
      expect(queued).toContain(`hx-get="/runs/${run.id}/progress"`);
      expect(queued).toContain('hx-trigger="every 2s"');
      await executeRun(ctx, new NoProviderGateway(), run.id);
      // The run is over but its videos wait for the media studio: the live part keeps asking, with each render's progress.
      const rendering = await (await web.get(`/runs/${run.id}/progress`, { "hx-request": "true" })).text();
      expect(rendering).toContain('hx-trigger="every 2s"');
      expect(rendering).toContain("queued for the media studio");
      expect(rendering).toContain("Barcode scanning for groceries");
      expect(rendering).toContain("Built-in writer");
      expect(rendering).toContain("pending_approval");
      const waiting = batchItems(ctx.db, run.batchId).filter((i) => i.mediaStatus === "waiting");
      expect(waiting.length).toBeGreaterThan(0);
      // One render runs: its measured percent and the time left at its speed so far.
      const job = claimNextJob(ctx.db, ctx.clock.now(), 60_000, [mediaRenderJob.kind])!;
      extendLease(ctx.db, job.id, new Date(ctx.clock.now().getTime() + 60_000), "40% encoding the short");
      ctx.clock.advance(10_000);
      const measured = await (await web.get(`/runs/${run.id}/progress`, { "hx-request": "true" })).text();
      expect(measured).toContain('<progress max="100" value="40"');
      expect(measured).toContain("40% · about 15 s left · encoding the short");
      // and all renders as one bar at the top: one of the renders at 40%, the others queued
      expect(measured).toContain(`${Math.floor(40 / waiting.length)}% · media for 0 of ${waiting.length} posts done`);
      // Every render over: the answer has no trigger (polling stops) and offers the next step.
      for (const i of waiting) saveMediaReady(ctx.db, i.id, {}, ctx.clock.now());
      const progress = await web.get(`/runs/${run.id}/progress`, { "hx-request": "true" });
      const final = await progress.text();
      expect(progress.headers.get("hx-refresh")).toBeNull();
      expect(final).not.toContain("hx-trigger");
      expect(final).toContain('href="/approval"');
      expect(final).toContain("Review the posts");
      const done = await (await web.get(`/runs/${run.id}`)).text();
      expect(done).not.toContain("every 2s");
      // A second click makes attempt 2.
      await web.post(`/webapps/${webappId}/runs`);
      expect(latestRun(ctx.db, webappId, "2026-03-02")!.attempt).toBe(2);
    } finally {
      ctx.cleanup();
    }
  });

  test("someone else's web app and run answer 404", async () => {
    const ctx = makeTestContext();
    try {
      const { webappId } = seedApp(ctx, { url: sites.url("/") });
      const stranger = createUser(
        ctx.db,
        { email: "s@example.com", name: "S", passwordHash: "x", role: "member", timezone: "UTC" },
        ctx.clock.now(),
      );
      const owner = signIn(ctx, stranger.id);
      expect((await owner.get(`/webapps/${webappId}/runs`)).status).toBe(404);
      expect((await owner.post(`/webapps/${webappId}/runs`)).status).toBe(404);
      expect(latestRun(ctx.db, webappId, "2026-03-02")).toBeUndefined();
      expect((await owner.get(`/runs/1`)).status).toBe(404);
      expect((await owner.get(`/schedules`)).status).toBe(404); // members do not see schedules
    } finally {
      ctx.cleanup();
    }
  });

  test("schedules page: last run, next run, run now (htmx row and plain form)", async () => {
    const ctx = makeTestContext();
    try {
      const { userId } = seedApp(ctx, { url: sites.url("/") });
      const web = signIn(ctx, userId);
      const page = await (await web.get("/schedules")).text();
      expect(page).toContain('<a href="/settings">Settings</a>');
      expect(page).toContain('<span aria-current="page">Schedules</span>');
      expect(page).toContain("nightly-generation");
      expect(page).toContain("2 Mar 2026, 12:05"); // next run of */5 after 12:00, in the reader's zone
      expect(page).toContain("every night at 02:00 UTC (checked every 5 minutes)"); // in words, not cron
      expect(page).toContain("every night at 03:40 UTC"); // database maintenance
      expect(page).not.toContain("*/5 * * * *");
      expect(page).toContain("never");
      const row = await web.post("/schedules/database-maintenance/run", { "hx-request": "true" });
      expect(row.status).toBe(200);
      const rowHtml = await row.text();
      expect(rowHtml).toContain('id="schedule-database-maintenance"');
      expect(rowHtml).toContain("WAL checkpoint");
      const plain = await web.post("/schedules/nightly-generation/run");
      expect(plain.status).toBe(303);
      const none = await web.post("/schedules/nope/run");
      expect(none.status).toBe(404);
      // The plain not-found page, not the runs one.
      const noneHtml = await none.text();
      expect(noneHtml).toContain("Page not found");
      expect(noneHtml).not.toContain("web app among yours");
    } finally {
      ctx.cleanup();
    }
  });
});
