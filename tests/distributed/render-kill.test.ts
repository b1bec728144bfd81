import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import { mediaFiles } from "../../src/db/schema/operator";
import { findJobById } from "../../src/jobs/store";
import { requestMediaRender } from "../../src/media/job";
import { probeMedia } from "../../src/media/video/probe";
import { makeTestContext } from "../support/context";
import { insertMediaItem, insertMediaUser, insertMediaWebapp, testScript } from "../support/media-factories";
import { startTestPostgres, type TestPostgres } from "../support/postgres";
import type { RunningServer } from "../support/server";
import { until } from "../support/wait";
import { filesUnder } from "../media/helpers";
import { describeWithPostgres } from "./postgres-suite";
import { ownerPid, startRole } from "./roles";

// kill -9 of a render worker half way through a short: another render process takes it over within 30 s (heartbeat
// window 10 s) and finishes it, with exactly one video and one ledger record, and the killed attempt's partial files
// never referenced.
// A short script (one 1.5 s scene, no screenshots) keeps the render to seconds; the path is a full render's.

const MEDIA_ENV = { AMARKTAI_MEDIA_SCREENSHOTS: "false", AMARKTAI_MEDIA_RENDER_CONCURRENCY: "1" };

describeWithPostgres("a render worker killed half way", () => {
  let pg: TestPostgres;
  const ctx = makeTestContext(MEDIA_ENV);
  const renders: RunningServer[] = [];
  let scheduler: RunningServer | undefined;
  beforeAll(async () => {
    pg = await startTestPostgres();
    // The first role creates pg-boss's schema; the two render roles then start together.
    scheduler = await startRole(pg, ctx, "scheduler", MEDIA_ENV);
    renders.push(...(await Promise.all([startRole(pg, ctx, "render", MEDIA_ENV), startRole(pg, ctx, "render", MEDIA_ENV)])));
  }, 120_000);
  afterAll(async () => {
    for (const r of [...renders, scheduler]) await r?.stop();
    await pg?.remove();
    ctx.cleanup();
  });

  test("another worker takes the render over within 30 s and finishes it: one video, one record, the partial file never referenced", async () => {
    const user = insertMediaUser(ctx);
    const app = insertMediaWebapp(ctx, user);
    const itemId = insertMediaItem(ctx, user, app, { platform: "youtube", script: testScript(1, 1.5) as never });
    const job = requestMediaRender(ctx, itemId);
    const row = () => findJobById(ctx.db, job.id)!;
    const percent = () => Number(/^(\d+)%/.exec(row().progress)?.[1] ?? -1);

    // About half way (the progress the worker writes back onto the row): kill -9 the process that holds it.
    await until(() => row().status === "running" && percent() >= 40, "the render half way", 60_000);
    expect(percent()).toBeLessThan(90);
    const victim = renders.find((r) => r.proc.pid === ownerPid(row().leaseOwner))!;
    const survivor = renders.find((r) => r !== victim)!;
    expect(victim).toBeDefined();
    const tmpRoot = join(ctx.config.storage.media_dir, ".tmp");
    const partial = readdirSync(tmpRoot).filter((n) => n.includes(`.p${victim.proc.pid}.`));
    expect(partial.length).toBe(1);
    victim.proc.kill("SIGKILL");
    const killedAt = Date.now();
    const killedAtProgress = row().progress;

    // Taken over within 30 s: the heartbeat window (10 s here) lapses, the supervisor (every 3 s) retries it, the other claims it.
    const failing = (what: string) => (e: Error) => {
      throw new Error(`${e.message}; the job: ${JSON.stringify(row())}; the other worker's log: ${survivor.log().slice(-1500)} (${what})`);
    };
    await until(() => row().attempts === 2 && row().status === "running", "the other worker's attempt", 30_000).catch(failing("takeover"));
    const takeover = Date.now() - killedAt;
    // The second attempt renders the short from the start; on a loaded machine that alone can pass 30 s, so it is waited for, not timed.
    await until(() => row().status === "done", "the render finished by the other worker", 120_000).catch(failing("finish"));
    const finished = Date.now() - killedAt;
    console.log(
      `kill -9 at "${killedAtProgress}": taken over after ${(takeover / 1000).toFixed(1)} s, finished after ${(finished / 1000).toFixed(1)} s (load ${loadavg()[0]!.toFixed(1)})`,
    );
    expect(takeover).toBeLessThan(30_000);
    expect(ownerPid(row().leaseOwner)).toBe(survivor.proc.pid);

    const item = ctx.db.select().from(contentItems).where(eq(contentItems.id, itemId)).get()!;
    expect(item.mediaStatus).toBe("ready");
    const media = item.media as { video: string; cover: string };
    expect(media.video).not.toContain(".tmp");
    expect((await probeMedia(join(ctx.config.storage.media_dir, media.video))).durationSeconds).toBeGreaterThan(1);
    // Exactly one output object: one video of the item outside the temp folder, and one ledger row for it.
    const videos = filesUnder(ctx.config.storage.media_dir).filter((f) => f.endsWith(`item-${itemId}.mp4`));
    expect(videos).toEqual([media.video]);
    const records = ctx.db.select().from(mediaFiles).where(eq(mediaFiles.path, media.video)).all();
    expect(records.map((r) => r.bytes)).toEqual([Bun.file(join(ctx.config.storage.media_dir, media.video)).size]);
    // The killed attempt's temp folder is gone (the next render removes a dead process's folders), never moved into place.
    for (const name of partial) expect(existsSync(join(tmpRoot, name))).toBe(false);
    expect(filesUnder(tmpRoot)).toEqual([]);
  }, 240_000);
});
