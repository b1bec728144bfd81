import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { parseRunArgs, runCommand } from "../../src/cli/commands/run";
import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import { claimJobByKey, completeJob, extendLease } from "../../src/jobs/store";
import { latestMediaJobs } from "../../src/media/job";
import { saveMediaReady } from "../../src/media/store";
import { batchItems, latestRun, listSteps } from "../../src/pipeline/store";
import { startResearchSites, type ResearchSites } from "../sites/research-sites";
import { makeTestContext } from "../support/context";
import { seedApp } from "./support";

let sites: ResearchSites;
beforeAll(() => (sites = startResearchSites()));
afterAll(() => sites.stop());

describe("cli run", () => {
  test("bad input: exit 2 with a one-line reason", async () => {
    for (const [args, re] of [
      [[], /--app is required/],
      [["--app", "abc"], /positive whole number/],
      [["--app", "1", "--date", "2026-02-30"], /real date/],
      [["--app", "1", "--bogus"], /unknown argument "--bogus"/],
    ] as [string[], RegExp][]) {
      const errs: string[] = [];
      expect(await runCommand(args, { err: (l) => void errs.push(l), out: () => {} })).toBe(2);
      expect(errs).toHaveLength(1);
      expect(errs[0]).toMatch(re);
    }
    expect(parseRunArgs(["--app", "3", "--date", "2026-03-01", "--force"])).toEqual({
      app: 3,
      date: "2026-03-01",
      force: true,
      media: true,
    });
  });

  test("runs the pipeline with progress, exit 0; again returns the existing batch; --force makes attempt 2", async () => {
    const ctx = makeTestContext();
    try {
      const { webappId } = seedApp(ctx, { url: sites.url("/"), platforms: ["instagram", "x"] });
      const out: string[] = [];
      expect(
        await runCommand(["--app", String(webappId), "--date", "2026-03-05", "--no-media"], { ctx, out: (l) => void out.push(l) }),
      ).toBe(0);
      expect(out.join("\n")).toMatch(/research\s+started[\s\S]*queue\s+done - 3 post\(s\) wait for approval/);
      expect(out.join("\n")).toContain("is waiting for approval: 3 post(s) by builtin");
      const first = latestRun(ctx.db, webappId, "2026-03-05")!;
      // --no-media leaves the renders queued for the server's worker
      const videos = batchItems(ctx.db, first.batchId).filter((i) => i.format === "video" || i.format === "image");
      expect(videos.length).toBeGreaterThan(0);
      for (const [id, job] of latestMediaJobs(
        ctx.db,
        videos.map((v) => v.id),
      ))
        expect([id, job.status]).toEqual([id, "queued"]);
      expect(out.join("\n")).not.toContain("Rendering media");
      const again: string[] = [];
      expect(
        await runCommand(["--app", String(webappId), "--date", "2026-03-05", "--no-media"], { ctx, out: (l) => void again.push(l) }),
      ).toBe(0);
      expect(again[0]).toContain("(existing)");
      // Each state is reported as itself, not every non-pending item as "failed".
      const [x, y, z] = batchItems(ctx.db, first.batchId);
      for (const [item, status] of [
        [x, "scheduled"],
        [y, "rejected"],
        [z, "failed"],
      ] as const)
        ctx.db.update(contentItems).set({ status }).where(eq(contentItems.id, item!.id)).run();
      const states: string[] = [];
      await runCommand(["--app", String(webappId), "--date", "2026-03-05", "--no-media"], { ctx, out: (l) => void states.push(l) });
      expect(states.join("\n")).toContain(`Batch #${first.batchId}: 1 scheduled, 1 rejected, 1 failed.`);
      expect(latestRun(ctx.db, webappId, "2026-03-05")!.id).toBe(first.id);
      expect(await runCommand(["--app", String(webappId), "--date", "2026-03-05", "--force", "--no-media"], { ctx, out: () => {} })).toBe(
        0,
      );
      const forced = latestRun(ctx.db, webappId, "2026-03-05")!;
      expect(forced.attempt).toBe(2);
      expect(batchItems(ctx.db, forced.batchId)).toHaveLength(3);
      const errs: string[] = [];
      expect(await runCommand(["--app", "999"], { ctx, err: (l) => void errs.push(l), out: () => {} })).toBe(2);
      expect(errs[0]).toContain("no web app with id 999");
    } finally {
      ctx.cleanup();
    }
  });

  test("a web app with no platforms is refused before research spends anything; exit 1 with what to do", async () => {
    const ctx = makeTestContext();
    try {
      const { webappId } = seedApp(ctx, { url: sites.url("/"), platforms: [] });
      const errs: string[] = [];
      expect(await runCommand(["--app", String(webappId), "--no-media"], { ctx, out: () => {}, err: (l) => void errs.push(l) })).toBe(1);
      expect(errs.join("\n")).toContain("has no platforms selected");
      const run = latestRun(ctx.db, webappId, "2026-03-02")!;
      expect(run.status).toBe("failed");
      expect(listSteps(ctx.db, run.id)).toEqual([]);
    } finally {
      ctx.cleanup();
    }
  });

  test("as its own process it builds the context from config (env) and exits 0", async () => {
    const ctx = makeTestContext();
    try {
      const { webappId } = seedApp(ctx, { url: sites.url("/"), platforms: ["linkedin"] });
      const script = `import { runCommand } from "${join(import.meta.dir, "../../src/cli/commands/run.ts")}"; process.exit(await runCommand(process.argv.slice(2)));`;
      const env = {
        ...process.env,
        AMARKTAI_DATA_DIR: join(ctx.dir, "data"),
        AMARKTAI_MEDIA_DIR: join(ctx.dir, "media"),
        AMARKTAI_FETCH_ALLOW_PRIVATE_NETWORKS: "true",
        AMARKTAI_CONFIG: "",
      };
      await Bun.write(join(ctx.dir, "cli.ts"), script);
      const p = Bun.spawn(["bun", "run", join(ctx.dir, "cli.ts"), "--app", String(webappId), "--no-media"], {
        env,
        stdout: "pipe",
        stderr: "pipe",
      });
      const [code, stdout, stderr] = await Promise.all([p.exited, new Response(p.stdout).text(), new Response(p.stderr).text()]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toContain("waiting for approval: 2 post(s) by builtin"); // its one platform runs today's A/B test
    } finally {
      ctx.cleanup();
    }
  });

  test("a render that fails names the item and why, exits 1, and leaves the batch reviewable", async () => {
    const ctx = makeTestContext();
    try {
      const { webappId } = seedApp(ctx, { url: sites.url("/"), platforms: ["youtube"] });
      expect(await runCommand(["--app", String(webappId), "--date", "2026-03-06", "--no-media"], { ctx, out: () => {} })).toBe(0);
      const run = latestRun(ctx.db, webappId, "2026-03-06")!;
      const items = batchItems(ctx.db, run.batchId);
      // A script the studio cannot read fails fast, before any drawing or encoding.
      for (const i of items)
        ctx.db
          .update(contentItems)
          .set({ script: { scenes: [] } })
          .where(eq(contentItems.id, i.id))
          .run();
      const out: string[] = [];
      const errs: string[] = [];
      expect(
        await runCommand(["--app", String(webappId), "--date", "2026-03-06"], {
          ctx,
          out: (l) => void out.push(l),
          err: (l) => void errs.push(l),
        }),
      ).toBe(1);
      expect(out.join("\n")).toContain(`Rendering media for ${items.length} item(s)`);
      expect(errs[0]).toMatch(
        new RegExp(`^run: media for item ${items[0]!.id} \\(youtube A, video\\) failed: media for item ${items[0]!.id}: .*script`),
      );
      expect(errs.at(-1)).toContain(`${items.length} of ${items.length} item(s) have no media; the batch is still reviewable`);
      for (const i of batchItems(ctx.db, run.batchId)) expect([i.status, i.mediaStatus]).toEqual(["pending_approval", "failed"]);
    } finally {
      ctx.cleanup();
    }
  });

  test("renders another worker holds are followed, not repeated; exit 0 once they are ready", async () => {
    const ctx = makeTestContext();
    try {
      const { webappId } = seedApp(ctx, { url: sites.url("/"), platforms: ["tiktok"] });
      expect(await runCommand(["--app", String(webappId), "--date", "2026-03-06", "--no-media"], { ctx, out: () => {} })).toBe(0);
      const run = latestRun(ctx.db, webappId, "2026-03-06")!;
      const items = batchItems(ctx.db, run.batchId);
      const held = [
        ...latestMediaJobs(
          ctx.db,
          items.map((i) => i.id),
        ).values(),
      ].map((j) => claimJobByKey(ctx.db, j.key, ctx.clock.now(), 600_000)!);
      const first = held.find((j) => j.payload.itemId === items[0]!.id)!;
      extendLease(ctx.db, first.id, new Date(ctx.clock.now().getTime() + 600_000), "40% encoding the video");
      // The "server" finishes its renders a moment later.
      setTimeout(() => {
        for (const j of held) {
          saveMediaReady(ctx.db, Number(j.payload.itemId), { video: "x.mp4" }, ctx.clock.now());
          completeJob(ctx.db, j.id, ctx.clock.now());
        }
      }, 700);
      const out: string[] = [];
      expect(
        await runCommand(["--app", String(webappId), "--date", "2026-03-06"], {
          ctx,
          out: (l) => void out.push(l),
          err: (l) => void out.push(l),
        }),
      ).toBe(0);
      const text = out.join("\n");
      expect(text).toContain(`item ${items[0]!.id} (tiktok A, video):   0% another worker is rendering this item; following it`);
      expect(text).toContain(`item ${items[0]!.id} (tiktok A, video):  40% encoding the video`);
      expect(text).not.toContain("gathering backgrounds");
      expect(text).toContain(`Media ready for all ${items.length} item(s).`);
    } finally {
      ctx.cleanup();
    }
  });
});
