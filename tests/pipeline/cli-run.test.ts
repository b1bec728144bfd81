import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { parseRunArgs, runCommand } from "../../src/cli/commands/run";
import { batchItems, latestRun } from "../../src/pipeline/store";
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
    expect(parseRunArgs(["--app", "3", "--date", "2026-03-01", "--force"])).toEqual({ app: 3, date: "2026-03-01", force: true });
  });

  test("runs the pipeline with progress, exit 0; again returns the existing batch; --force makes attempt 2", async () => {
    const ctx = makeTestContext();
    try {
      const { webappId } = seedApp(ctx, { url: sites.url("/"), platforms: ["instagram", "x"] });
      const out: string[] = [];
      expect(await runCommand(["--app", String(webappId), "--date", "2026-03-05"], { ctx, out: (l) => void out.push(l) })).toBe(0);
      expect(out.join("\n")).toMatch(/research\s+started[\s\S]*queue\s+done - 3 post\(s\) wait for approval/);
      expect(out.join("\n")).toContain("is waiting for approval: 3 post(s) by builtin");
      const first = latestRun(ctx.db, webappId, "2026-03-05")!;
      const again: string[] = [];
      expect(await runCommand(["--app", String(webappId), "--date", "2026-03-05"], { ctx, out: (l) => void again.push(l) })).toBe(0);
      expect(again[0]).toContain("(existing)");
      expect(latestRun(ctx.db, webappId, "2026-03-05")!.id).toBe(first.id);
      expect(await runCommand(["--app", String(webappId), "--date", "2026-03-05", "--force"], { ctx, out: () => {} })).toBe(0);
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

  test("as its own process it builds the context from config (env) and exits 0", async () => {
    const ctx = makeTestContext();
    try {
      const { webappId } = seedApp(ctx, { url: sites.url("/"), platforms: ["linkedin"] });
      const script = `import { runCommand } from "${join(import.meta.dir, "../../src/cli/commands/run.ts")}"; process.exit(await runCommand(process.argv.slice(2)));`;
      const env = { ...process.env, AMARKTAI_DATA_DIR: join(ctx.dir, "data"), AMARKTAI_MEDIA_DIR: join(ctx.dir, "media"), AMARKTAI_FETCH_ALLOW_PRIVATE_NETWORKS: "true", AMARKTAI_CONFIG: "" };
      await Bun.write(join(ctx.dir, "cli.ts"), script);
      const p = Bun.spawn(["bun", "run", join(ctx.dir, "cli.ts"), "--app", String(webappId)], { env, stdout: "pipe", stderr: "pipe" });
      const [code, stdout, stderr] = await Promise.all([p.exited, new Response(p.stdout).text(), new Response(p.stderr).text()]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toContain("waiting for approval: 2 post(s) by builtin"); // its one platform runs today's A/B test
    } finally {
      ctx.cleanup();
    }
  });
});
