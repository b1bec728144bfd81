import { afterEach, describe, expect, test } from "bun:test";
import { claimNextJob } from "../../src/jobs/store";
import { publishHandlers } from "../../src/publishing/handlers";
import { publishInputFor } from "../../src/publishing/input";
import { schedulePublishing } from "../../src/publishing/schedule";
import { threadPosts } from "../../src/platforms/thread";
import type { PlatformAdapter, PublishJournal } from "../../src/platforms/types";
import { jobContext, makeItem } from "../support/publishing-factories";
import { xWorld } from "../platforms/x-helpers";

let w: ReturnType<typeof xWorld>;
afterEach(() => w?.close());

const CAPTION = (tag: string) =>
  `Meal plans in a minute ${tag}.\n\nPantry Pal reads what is in your cupboard and plans the week around it.\n\nTry it free → https://app.example.com/`;

function threadItem() {
  return makeItem(w.ctx, w.owner, { platform: "x", format: "thread", caption: CAPTION(Math.random().toString(36).slice(2, 8)) });
}

/** The posts of the fake X in order, each with the post it replies to. */
function chain() {
  return w.fake.tweets.map((t) => ({ id: t.id, text: t.text, inReplyTo: t.inReplyTo }));
}

function expectOneChain(n: number) {
  const posts = chain();
  expect(posts).toHaveLength(n);
  expect(posts[0]!.inReplyTo).toBeUndefined();
  for (let i = 1; i < n; i++) expect(posts[i]!.inReplyTo).toBe(posts[i - 1]!.id);
  expect(new Set(posts.map((p) => p.text)).size).toBe(n);
}

/**
 * An adapter whose process dies at the `nth` create of the thread (1-based): "sent" after the journal recorded
 * that create (nothing reached X), "answered" once X made the post but before our journal heard of it.
 */
function dyingAtCreate(real: PlatformAdapter, nth: number, when: "sent" | "answered", died: () => void): PlatformAdapter {
  return {
    ...real,
    async publish(conn, input, journal, signal) {
      let creates = 0;
      const j: PublishJournal = {
        get data() {
          return journal.data;
        },
        heartbeat: (p) => journal.heartbeat(p),
        async before(phase, data) {
          const last = phase === "remote_id_known";
          if (phase === "create_sent" || last) creates++;
          // create number k+1's journal line comes right after post k was answered.
          if (when === "answered" && creates === nth + 1) {
            died();
            return new Promise<never>(() => {});
          }
          await journal.before(phase, data);
          if (when === "sent" && phase === "create_sent" && creates === nth) {
            died();
            return new Promise<never>(() => {});
          }
        },
      };
      await real.publish(conn, input, j, signal);
      died();
      return new Promise<never>(() => {});
    },
  };
}

async function crashThenRestart(itemId: number, adapter: (real: PlatformAdapter, died: () => void) => PlatformAdapter) {
  schedulePublishing(w.ctx, w.ctx.clock.now());
  let dead!: () => void;
  const died = new Promise<void>((r) => (dead = r));
  const handlers = publishHandlers(w.ctx, { ...w.deps, adapters: { x: adapter(w.deps.adapters.x!, dead) } });
  const job = claimNextJob(w.ctx.db, w.ctx.clock.now(), 5 * 60_000)!;
  expect(job.payload.itemId).toBe(itemId);
  void handlers["publish.item"]!(job, jobContext());
  await died;
  w.ctx.clock.advance(6 * 60_000); // the dead worker's lease lapses
  // Reconciliation may hand the item back to the queue (the thread is unfinished): run until it settles.
  for (let i = 0; i < 4 && !["published", "failed", "needs_check"].includes(w.get(itemId).status); i++) {
    await w.run();
    w.ctx.clock.advance(60_000);
  }
}

test("a caption becomes a thread of one post per paragraph, hashtags on the last, at most four posts", () => {
  expect(threadPosts("One.\n\nTwo.\n\nThree https://a.example/", ["tag"])).toEqual(["One.", "Two.", "Three https://a.example/\n\n#tag"]);
  expect(threadPosts("1\n\n2\n\n3\n\n4\n\n5", [])).toEqual(["1", "2", "3", "4\n\n5"]);
  expect(threadPosts("", ["x"])).toEqual([]);
});

describe("X threads", () => {
  test("a thread item posts its paragraphs as a reply chain; the link and marker are in the last post, the item links the first", async () => {
    w = xWorld();
    const item = threadItem();
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("published");
    expectOneChain(3);
    const posts = chain();
    expect(got.remoteId).toBe(posts[0]!.id);
    expect(posts[0]!.text).not.toContain("https://");
    expect(posts[2]!.text).toContain("utm_content=amk");
    expect(w.fake.createCalls).toBe(3);
  });

  test("a one-paragraph thread fails validation with what to do; nothing is posted", async () => {
    w = xWorld();
    const item = makeItem(w.ctx, w.owner, { platform: "x", format: "thread", caption: "Only one paragraph here." });
    expect(publishInputFor(item, w.ctx.config.storage.media_dir).thread).toHaveLength(1);
    await w.run();
    expect(w.get(item.id).status).toBe("failed");
    expect(w.get(item.id).failure).toContain("2 to 4 posts");
    expect(w.fake.createCalls).toBe(0);
  });

  for (const nth of [1, 2, 3])
    for (const when of ["sent", "answered"] as const)
      test(`killed ${when === "sent" ? "after journalling" : "after X answered"} create ${nth} of 3: the rerun finishes the thread, no post twice`, async () => {
        w = xWorld();
        const item = threadItem();
        await crashThenRestart(item.id, (real, died) => dyingAtCreate(real, nth, when, died));
        const got = w.get(item.id);
        expect(got.status).toBe("published");
        expectOneChain(3);
        expect(got.remoteId).toBe(chain()[0]!.id);
        // Every create reached X once: none repeated, none refused as a duplicate.
        expect(w.fake.createCalls).toBe(3);
      });
});
