import { afterEach, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { claimNextJob } from "../../src/jobs/store";
import { publishHandlers } from "../../src/publishing/handlers";
import { schedulePublishing } from "../../src/publishing/schedule";
import { dyingAt, jobContext } from "../support/publishing-factories";
import { xWorld } from "../platforms/x-helpers";

let w: ReturnType<typeof xWorld>;
afterEach(() => w?.close());

/** Runs the item's job in a process that dies at `point`, then "restarts" after the lease ran out. */
async function crashThenRestart(point: Parameters<typeof dyingAt>[1]) {
  const item = w.item();
  schedulePublishing(w.ctx, w.ctx.clock.now());
  let dead!: () => void;
  const died = new Promise<void>((r) => (dead = r));
  const handlers = publishHandlers(w.ctx, { ...w.deps, adapters: { x: dyingAt(w.deps.adapters.x!, point, dead) } });
  const job = claimNextJob(w.ctx.db, w.ctx.clock.now(), 5 * 60_000)!;
  void handlers["publish.item"]!(job, jobContext());
  await died;
  w.ctx.clock.advance(6 * 60_000); // the dead worker's lease lapses
  await w.run();
  return item;
}

describe("crash tests: exactly one post whatever point the process dies at", () => {
  test("(a) during upload: the next run uploads again and posts once", async () => {
    w = xWorld();
    const item = await crashThenRestart({ phase: "prepared" });
    expect(w.get(item.id).status).toBe("published");
    expect(w.fake.createCalls).toBe(1);
    expect(w.fake.tweets).toHaveLength(1);
  });

  test("(b) after the create was sent and answered: reconciliation finds the post, no second create", async () => {
    w = xWorld();
    const item = await crashThenRestart("after_create_answered");
    const got = w.get(item.id);
    expect(got.status).toBe("published");
    expect(got.remoteId).toBe(w.fake.tweets[0]!.id);
    expect(w.fake.createCalls).toBe(1);
    expect(w.history(item.id)).toContain("publish.published");
  });

  test("(c) create_sent recorded but the post cannot be found: needs_check, user told, never reposted", async () => {
    w = xWorld();
    const item = await crashThenRestart({ phase: "create_sent" });
    const got = w.get(item.id);
    expect(got.status).toBe("needs_check");
    expect(got.failure).toContain("could not confirm");
    expect(w.fake.createCalls).toBe(0);
    expect(w.events.map((e) => e.name)).toEqual(["content.attention"]);
    w.ctx.clock.advance(24 * 3600_000);
    await w.run();
    expect(w.fake.createCalls).toBe(0);
  });

  test("a real SIGKILL between the create reaching X and our record: restart reconciles, one post", async () => {
    w = xWorld();
    const item = w.item();
    const env = {
      ...w.fake.env(),
      AMARKTAI_DATA_DIR: w.ctx.config.storage.data_dir,
      AMARKTAI_MEDIA_DIR: w.ctx.config.storage.media_dir,
      AMARKTAI_FETCH_ALLOW_PRIVATE_NETWORKS: "true",
      AMARKTAI_PLATFORM_X_UPLOAD_CHUNK_BYTES: "102400",
    };
    const child = Bun.spawn(
      ["bun", join(import.meta.dir, "crash-child.ts"), JSON.stringify({ env, now: w.ctx.clock.now().toISOString() })],
      { stdout: "pipe", stderr: "pipe" },
    );
    w.fake.onCreate = async () => {
      child.kill("SIGKILL");
      await child.exited;
    };
    await child.exited;
    expect(child.signalCode).toBe("SIGKILL");
    expect(w.get(item.id).status).toBe("publishing");
    w.fake.onCreate = undefined;
    w.ctx.clock.advance(6 * 60_000);
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("published");
    expect(w.fake.createCalls).toBe(1);
    expect(w.fake.tweets).toHaveLength(1);
    expect(got.remoteId).toBe(w.fake.tweets[0]!.id);
  }, 20_000);
});
