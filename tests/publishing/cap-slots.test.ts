import { afterEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { join } from "node:path";
import type { AppContext } from "../../src/app/context";
import { buildContext } from "../../src/server/boot";
import { contentEvents, contentItems } from "../../src/db/schema/content";
import { jobs } from "../../src/db/schema/jobs";
import { ManualClock } from "../../src/lib/clock";
import { memoryLogger } from "../../src/lib/log";
import { createAdapters } from "../../src/publishing/adapters";
import type { PlatformAdapter } from "../../src/platforms/types";
import { JobError } from "../../src/jobs/worker";
import { publishItemJob, type PublishDeps } from "../../src/publishing/engine";
import { publishHandlers } from "../../src/publishing/handlers";
import { writePhase } from "../../src/publishing/store";
import { runDuePublishJobs } from "../../src/publishing/runner";
import { schedulePublishing } from "../../src/publishing/schedule";
import { FakeMeta } from "../fakes/meta";
import { makeTestContext } from "../support/context";
import { until } from "../support/wait";
import { jobContext, makeConnection, makeItem, makeOwner, makeVideoFile } from "../support/publishing-factories";

// Two app contexts on ONE database file: two connections, as the server and `publish:due` see it from two
// processes. The Instagram account has a cap of 3 (content_publishing_limit) and 2 posts in the window.
function world(opts: { processingMs?: number } = {}) {
  const fake = new FakeMeta({ processingMs: opts.processingMs ?? 0 }).start();
  fake.quotaTotal = 3;
  const a = makeTestContext(fake.env());
  const bClock = new ManualClock(a.clock.now());
  const b = buildContext(a.config, { clock: bClock, log: memoryLogger() });
  const owner = makeOwner(a);
  const token = fake.issueLongToken();
  const later = new Date(a.clock.now().getTime() + 60 * 86_400_000);
  const conn = makeConnection(a, owner.userId, "instagram", {
    accessToken: token,
    refreshToken: token,
    expiresAt: later,
    accountId: fake.ig.id,
    accountName: "@exampleapp",
    extra: { username: fake.ig.username },
  });
  const video = makeVideoFile(a, "reel.mp4", 100 * 1024);
  const deps = (ctx: AppContext): PublishDeps => ({
    adapters: createAdapters(ctx, { sleep: (ms) => Bun.sleep(ms / 100) }),
    random: () => 0.5,
  });
  // The two posts already in the window went out three hours ago (our journal counts them).
  const earlier = new Date(a.clock.now().getTime() - 3 * 3600_000);
  for (let i = 0; i < 2; i++)
    writePhase(a.db, makeItem(a, owner, { platform: "instagram", status: "published", video }).id, conn.id, "create_sent", {}, earlier);
  return {
    fake,
    a,
    b,
    bClock,
    owner,
    conn,
    deps,
    earlier,
    item: (o: Parameters<typeof makeItem>[2] = {}) => makeItem(a, owner, { platform: "instagram", video, ...o }),
    run: (ctx: AppContext, d: PublishDeps = deps(ctx)) => runDuePublishJobs(ctx, publishHandlers(ctx, d), { concurrency: 1 }),
    get: (id: number) => a.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!,
    job: (id: number) =>
      a.db
        .select()
        .from(jobs)
        .where(eq(jobs.key, `publish:${id}`))
        .get()!,
    waits: (id: number) =>
      a.db
        .select()
        .from(contentEvents)
        .where(eq(contentEvents.itemId, id))
        .all()
        .filter((e) => e.action === "publish.waiting")
        .map((e) => e.detail),
    publishCalls: () => fake.calls.filter((c) => c.path.endsWith("/media_publish")).length,
    close() {
      fake.stop();
      b.db.$client.close();
      a.cleanup();
    },
  };
}

let w: ReturnType<typeof world>;
afterEach(() => w?.close());

/** The item that published and the one that waits, whichever lane got which. */
function outcome(items: { id: number }[]) {
  const published = items.filter((i) => w.get(i.id).status === "published");
  const waiting = items.filter((i) => w.get(i.id).status === "scheduled");
  return { published, waiting };
}

/** Asserts the item waits for the cap (delayed to when the window frees a slot), not failed. */
function expectWaitsForCap(itemId: number) {
  expect(w.get(itemId).status).toBe("scheduled");
  const job = w.job(itemId);
  expect(job.status).toBe("queued");
  expect(job.runAt.getTime()).toBe(w.earlier.getTime() + 24 * 3600_000);
  expect(w.waits(itemId).at(-1)).toContain("the daily cap of 3 posts on Instagram is reached, counting 1 post being published right now");
}

describe("cap slots are shared by every process on the database", () => {
  test("two connections race for the last slot: one create reaches the platform, the other item waits", async () => {
    w = world({ processingMs: 50 });
    const items = [w.item(), w.item()];
    schedulePublishing(w.a, w.a.clock.now());
    // Both start at once: each claims one job, asks the platform for its quota, then checks the cap.
    await Promise.all([w.run(w.a), w.run(w.b)]);
    const { published, waiting } = outcome(items);
    expect(published).toHaveLength(1);
    expect(waiting).toHaveLength(1);
    expect(w.publishCalls()).toBe(1);
    expectWaitsForCap(waiting[0]!.id);
    // Nothing failed, and the waiting item never touched Instagram (no container made for it).
    expect(w.fake.calls.filter((c) => c.method === "POST" && c.path === `/${w.fake.ig.id}/media`)).toHaveLength(1);
  });

  test("the claim is atomic: a lane that passed the first check still waits when the last slot went meanwhile", async () => {
    w = world();
    const items = [w.item(), w.item()];
    schedulePublishing(w.a, w.a.clock.now());
    // B passes its first check, then is held before its first journal phase until A has published.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let reachedGate!: () => void;
    const atGate = new Promise<void>((r) => (reachedGate = r));
    const realB = w.deps(w.b);
    const held: PlatformAdapter = {
      ...realB.adapters.instagram!,
      async publish(conn, input, journal, signal) {
        reachedGate();
        await gate;
        return realB.adapters.instagram!.publish(conn, input, journal, signal);
      },
    };
    const runB = w.run(w.b, { ...realB, adapters: { instagram: held } });
    await atGate;
    await w.run(w.a);
    release();
    await runB;
    const { published, waiting } = outcome(items);
    expect(published).toHaveLength(1);
    expect(waiting).toHaveLength(1);
    expect(w.publishCalls()).toBe(1);
    expect(w.get(waiting[0]!.id).status).toBe("scheduled");
    // By then A's post counts as sent: the cap is simply full.
    expect(w.waits(waiting[0]!.id).at(-1)).toContain("the daily cap of 3 posts on Instagram is reached");
    expect(w.job(waiting[0]!.id).runAt.getTime()).toBe(w.earlier.getTime() + 24 * 3600_000);
  });

  test("a post in flight holds its slot; a crashed process's stale row older than the lease does not", async () => {
    w = world();
    // Another process started this post (first phase written) and is uploading it right now.
    const other = w.item({ status: "publishing" });
    writePhase(w.a.db, other.id, w.conn.id, "prepared", {}, new Date(w.a.clock.now().getTime() - 60_000));
    const item = w.item();
    schedulePublishing(w.a, w.a.clock.now());
    await w.run(w.b);
    expectWaitsForCap(item.id);
    expect(w.publishCalls()).toBe(0);
    // That process died: its row was last written 6 minutes ago (the lease is 5), so the slot is free again.
    writePhase(w.a.db, other.id, w.conn.id, "prepared", {}, new Date(w.a.clock.now().getTime() - 6 * 60_000));
    w.a.db
      .update(jobs)
      .set({ runAt: w.a.clock.now() })
      .where(eq(jobs.key, `publish:${item.id}`))
      .run();
    await w.run(w.b);
    expect(w.get(item.id).status).toBe("published");
    expect(w.publishCalls()).toBe(1);
  });

  test("a long upload keeps its slot past the lease: its heartbeats keep the journal row fresh", async () => {
    w = world();
    const long = w.item();
    const item = w.item({ plannedAt: new Date(w.a.clock.now().getTime() + 5 * 60_000) });
    const real = w.deps(w.a);
    let tried: unknown;
    const uploadingForMinutes: PlatformAdapter = {
      ...real.adapters.instagram!,
      async publish(conn, input, journal, signal) {
        await journal.before("prepared");
        // Eight minutes of upload (the lease is five) with a heartbeat every minute, and no phase written.
        for (let i = 0; i < 8; i++) {
          w.a.clock.advance(60_000);
          journal.heartbeat(`uploading chunk ${i}`);
        }
        // Meanwhile the other process tries its item on the same account.
        w.bClock.set(w.a.clock.now());
        tried = await publishItemJob(w.b, w.deps(w.b), item.id, jobContext()).catch((e: unknown) => e);
        return real.adapters.instagram!.publish(conn, input, journal, signal);
      },
    };
    schedulePublishing(w.a, w.a.clock.now());
    await w.run(w.a, { ...real, adapters: { instagram: uploadingForMinutes } });
    expect(w.get(long.id).status).toBe("published");
    expect(tried).toBeInstanceOf(JobError);
    expect(String((tried as Error).message)).toContain(
      "the daily cap of 3 posts on Instagram is reached, counting 1 post being published right now",
    );
    expect(w.get(item.id).status).toBe("scheduled");
    expect(w.publishCalls()).toBe(1);
  });

  test("an item put back to wait (or failed) after its upload holds no slot, however fresh its journal row", async () => {
    w = world();
    const retrying = w.item({ status: "scheduled" });
    writePhase(w.a.db, retrying.id, w.conn.id, "media_uploaded", { containerId: "1790000" }, w.a.clock.now());
    const failed = w.item({ status: "failed" });
    writePhase(w.a.db, failed.id, w.conn.id, "prepared", {}, w.a.clock.now());
    const item = w.item();
    schedulePublishing(w.a, w.a.clock.now());
    await w.run(w.b);
    expect(w.get(item.id).status).toBe("published");
    expect(w.publishCalls()).toBe(1);
  });

  test("a real second process (publish:due) and this one race for the last slot: one post, one waits", async () => {
    w = world();
    const items = [w.item(), w.item()];
    schedulePublishing(w.a, w.a.clock.now());
    // This process claims a job and is mid-way (its Reel uploaded, Instagram holding it in processing) when the
    // child starts; it is let go once the child has finished.
    w.fake.holdNextContainers = 1;
    const mine = w.run(w.a);
    await until(() => w.fake.calls.some((c) => c.path.startsWith("/ig-api-upload/")), "this process to upload its Reel");
    const env = {
      ...w.fake.env(),
      AMARKTAI_DATA_DIR: w.a.config.storage.data_dir,
      AMARKTAI_MEDIA_DIR: w.a.config.storage.media_dir,
      AMARKTAI_FETCH_ALLOW_PRIVATE_NETWORKS: "true",
    };
    const child = Bun.spawn(["bun", join(import.meta.dir, "crash-child.ts"), JSON.stringify({ env, now: w.a.clock.now().toISOString() })], {
      stdout: "pipe",
      stderr: "pipe",
    });
    expect(await child.exited).toBe(0);
    expect(await new Response(child.stdout).text()).toContain("child finished");
    w.fake.releaseHeld();
    await mine;
    const { published, waiting } = outcome(items);
    expect(published).toHaveLength(1);
    expect(waiting).toHaveLength(1);
    expect(w.publishCalls()).toBe(1);
    expectWaitsForCap(waiting[0]!.id);
  }, 20_000);
});
