import { afterEach, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { comments } from "../../src/db/schema/inbox";
import { queueReply } from "../../src/inbox/reply-job";
import { replyOf } from "../../src/inbox/reply-store";
import { syncComments } from "../../src/inbox/sync";
import { xWorld } from "../platforms/x-helpers";
import { runReplies } from "./reply-helpers";

let w: ReturnType<typeof xWorld>;
afterEach(() => w?.close());

describe("the reply journal across a real SIGKILL", () => {
  test("a process killed -9 while its reply call is at X (phase send_sent): the restart finds the reply, X has exactly one", async () => {
    w = xWorld();
    const item = w.item();
    await w.run();
    const remote = w.fake.addReply(w.get(item.id).remoteId!, "does it have a free plan?");
    await syncComments(w.ctx, { adapters: w.deps.adapters });
    const c = w.ctx.db.select().from(comments).where(eq(comments.remoteId, remote)).get()!;
    const text = "Yes, there is a free plan.";
    expect("reply" in queueReply(w.ctx, w.owner.userId, c.id, text)).toBe(true);
    const env = {
      ...w.fake.env(),
      AMARKTAI_DATA_DIR: w.ctx.config.storage.data_dir,
      AMARKTAI_MEDIA_DIR: w.ctx.config.storage.media_dir,
      AMARKTAI_FETCH_ALLOW_PRIVATE_NETWORKS: "true",
    };
    const child = Bun.spawn(
      ["bun", join(import.meta.dir, "reply-crash-child.ts"), JSON.stringify({ env, now: w.ctx.clock.now().toISOString() })],
      { stdout: "pipe", stderr: "pipe" },
    );
    let phaseAtKill: string | undefined;
    w.fake.onCreate = async (body) => {
      if (body.text !== text) return;
      phaseAtKill = replyOf(w.ctx.db, c.id)?.phase;
      child.kill("SIGKILL");
      await child.exited;
    };
    await child.exited;
    w.fake.onCreate = undefined;
    expect(child.signalCode).toBe("SIGKILL");
    expect(phaseAtKill).toBe("send_sent");
    expect(replyOf(w.ctx.db, c.id)!.phase).toBe("send_sent");
    const createsBefore = w.fake.createCalls;

    w.ctx.clock.advance(6 * 60_000); // the dead process's lease lapses
    await runReplies(w.ctx, { adapters: w.deps.adapters });
    const ours = w.fake.tweets.filter((t) => t.inReplyTo === remote);
    expect(ours.map((t) => t.text)).toEqual([text]);
    expect(w.fake.createCalls).toBe(createsBefore);
    expect(replyOf(w.ctx.db, c.id)).toMatchObject({ phase: "confirmed", remoteReplyId: ours[0]!.id });
  }, 30_000);
});
