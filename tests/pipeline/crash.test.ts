import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import { jobs } from "../../src/db/schema/jobs";
import { JobWorker } from "../../src/jobs/worker";
import { handlersOf } from "../../src/jobs/declare";
import { pipelineJobHandler } from "../../src/pipeline/handler";
import { requestRun } from "../../src/pipeline/start";
import { batchItems, listSteps } from "../../src/pipeline/store";
import { NoProviderGateway } from "../agents/fixtures";
import { startResearchSites, type ResearchSites } from "../sites/research-sites";
import { makeTestContext } from "../support/context";
import { seedApp } from "./support";

let sites: ResearchSites;
beforeAll(() => (sites = startResearchSites()));
afterAll(() => sites.stop());

/** Starts the child, waits until it reports the kill point, then kills it with SIGKILL. */
async function runChildUntil(dir: string, point: string): Promise<void> {
  const child = Bun.spawn(["bun", "run", `${import.meta.dir}/crash-child.ts`, dir, point], { stdout: "pipe", stderr: "pipe" });
  const reader = child.stdout.getReader();
  let out = "";
  while (!out.includes(`AT ${point}`)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`child ended before ${point}: ${out} ${await new Response(child.stderr).text()}`);
    out += new TextDecoder().decode(value);
  }
  child.kill("SIGKILL");
  await child.exited;
  expect(child.signalCode).toBe("SIGKILL");
}

describe("crash and resume", () => {
  for (const point of ["after:research", "during:creative", "after:creative", "after:media", "after:optimize"]) {
    test(`killed (SIGKILL) ${point.replace(":", " ")}: the restarted run completes the batch exactly once`, async () => {
      const ctx = makeTestContext();
      try {
        const { webappId } = seedApp(ctx, { url: sites.url("/"), platforms: ["youtube", "x", "linkedin"] });
        const { run } = requestRun(ctx, { webappId, trigger: "cli" })!;
        // The child uses the wall clock: make the job due for it.
        ctx.db
          .update(jobs)
          .set({ runAt: new Date(0) })
          .where(eq(jobs.key, run.jobKey))
          .run();
        await runChildUntil(ctx.dir, point);
        const before = batchItems(ctx.db, run.batchId);
        // Restart: once the dead worker's lease lapses, the job is claimed again and resumes.
        ctx.clock.set(new Date(Date.now() + 10 * 60_000));
        const worker = new JobWorker(ctx.db, ctx.clock, handlersOf([pipelineJobHandler(ctx, new NoProviderGateway())]));
        expect(await worker.drain()).toBe(1);
        const after = batchItems(ctx.db, run.batchId);
        expect(after.length).toBe(4); // three platforms + one A/B variant
        expect(new Set(after.map((i) => `${i.platform}:${i.variant}`)).size).toBe(after.length);
        expect(after.every((i) => i.status === "pending_approval")).toBe(true);
        if (before.length > 0) expect(after.map((i) => [i.id, i.caption])).toEqual(before.map((i) => [i.id, i.caption]));
        expect(ctx.db.select().from(contentItems).all().length).toBe(4);
        // One render per post that has media (text posts and threads have none).
        const withMedia = after.filter((i) => i.format !== "text" && i.format !== "thread").length;
        expect(ctx.db.select().from(jobs).where(eq(jobs.kind, "media.render")).all().length).toBe(withMedia);
        const steps = listSteps(ctx.db, run.id);
        expect(steps.every((s) => s.status === "done")).toBe(true);
        // Steps finished before the kill ran once; the interrupted one ran again.
        for (const s of steps) expect(s.attempts).toBe(point === "during:creative" && s.step === "creative" ? 2 : 1);
        expect(ctx.db.select().from(jobs).where(eq(jobs.key, run.jobKey)).get()!.status).toBe("done");
      } finally {
        ctx.cleanup();
      }
    });
  }
});
