import { afterEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { contentEvents, contentItems } from "../../src/db/schema/content";
import { claimNextJob } from "../../src/jobs/store";
import type { PlatformAdapter } from "../../src/platforms/types";
import { createAdapters } from "../../src/publishing/adapters";
import { firstCommentJob } from "../../src/publishing/first-comment-job";
import { publishHandlers } from "../../src/publishing/handlers";
import { getJournal } from "../../src/publishing/store";
import { FakeLinkedIn } from "../fakes/linkedin";
import { FakeMeta } from "../fakes/meta";
import { makeTestContext } from "../support/context";
import { jobContext, makeConnection, makeItem, makeOwner, makeVideoFile, publishQueue } from "../support/publishing-factories";

const COMMENT = "Try it here → https://app.example.com/";

function igWorld() {
  const box: { now: () => number } = { now: Date.now };
  const fake = new FakeMeta({ processingMs: 20, clock: () => box.now() }).start();
  const ctx = makeTestContext(fake.env());
  box.now = () => ctx.clock.now().getTime();
  const owner = makeOwner(ctx);
  const token = fake.issueLongToken();
  makeConnection(ctx, owner.userId, "instagram", {
    accessToken: token,
    refreshToken: token,
    expiresAt: new Date(ctx.clock.now().getTime() + 60 * 86_400_000),
    accountId: fake.ig.id,
    accountName: "@exampleapp",
    extra: { username: fake.ig.username, pageId: fake.page.id },
  });
  const deps = { adapters: createAdapters(ctx, { sleep: (ms: number) => Bun.sleep(ms / 500) }), random: () => 0.5 };
  const video = makeVideoFile(ctx, "reel.mp4", 100 * 1024);
  const item = () => withComment(ctx, makeItem(ctx, owner, { platform: "instagram", video, caption: "Dinner from your fridge." }).id);
  return { fake, ctx, deps, item, ...publishQueue(ctx, deps), close: () => (fake.stop(), ctx.cleanup()) };
}

function withComment(ctx: ReturnType<typeof makeTestContext>, id: number) {
  ctx.db.update(contentItems).set({ firstComment: COMMENT }).where(eq(contentItems.id, id)).run();
  return ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!;
}

function history(ctx: ReturnType<typeof makeTestContext>, id: number) {
  return ctx.db.select().from(contentEvents).where(eq(contentEvents.itemId, id)).all();
}

/** Runs the item's first comment job with an adapter whose postFirstComment dies (never returns) before or after the call. */
async function dieInComment(w: ReturnType<typeof igWorld>, when: "before_call" | "after_call") {
  let dead!: () => void;
  const died = new Promise<void>((r) => (dead = r));
  const real = w.deps.adapters.instagram!;
  const dying: PlatformAdapter = {
    ...real,
    async postFirstComment(conn, id, text) {
      if (when === "after_call") await real.postFirstComment!(conn, id, text);
      dead();
      return new Promise<never>(() => {});
    },
  };
  const handlers = publishHandlers(w.ctx, { ...w.deps, adapters: { instagram: dying } });
  const job = claimNextJob(w.ctx.db, w.ctx.clock.now(), 5 * 60_000, [firstCommentJob.kind])!;
  void handlers[firstCommentJob.kind]!(job, jobContext());
  await died;
  w.ctx.clock.advance(6 * 60_000);
}

let close: (() => void) | undefined;
afterEach(() => close?.());

describe("the first comment on Instagram, through the journal as its own phase", () => {
  test("published right after the post with our marked link; the caption carries no link", async () => {
    const w = igWorld();
    close = w.close;
    const item = w.item();
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("published");
    expect(w.fake.media).toHaveLength(1);
    expect(w.fake.media[0]!.caption).not.toContain("http");
    expect(w.fake.firstComments).toHaveLength(1);
    expect(w.fake.firstComments[0]!.mediaId).toBe(got.remoteId!);
    expect(w.fake.firstComments[0]!.text).toContain("utm_content=amk");
    expect(getJournal(w.ctx.db, item.id)!.data).toMatchObject({ commentPhase: "confirmed", commentId: w.fake.firstComments[0]!.id });
    expect(history(w.ctx, item.id).some((e) => e.action === "publish.first_comment")).toBe(true);
    await w.run();
    expect(w.fake.firstComments).toHaveLength(1);
  });

  test("a crash between the post and the comment resumes with the comment only", async () => {
    const w = igWorld();
    close = w.close;
    const item = w.item();
    // The publish job alone: the comment's job was queued in the post's commit and never ran (the process died).
    const handlers = publishHandlers(w.ctx, w.deps);
    const { schedulePublishing } = await import("../../src/publishing/schedule");
    schedulePublishing(w.ctx, w.ctx.clock.now());
    const job = claimNextJob(w.ctx.db, w.ctx.clock.now(), 5 * 60_000, ["publish.item"])!;
    await handlers["publish.item"]!(job, { ...jobContext(), complete: () => {} });
    expect(w.get(item.id).status).toBe("published");
    expect(w.fake.firstComments).toHaveLength(0);
    w.ctx.clock.advance(6 * 60_000);
    await w.run();
    expect(w.fake.media).toHaveLength(1);
    expect(w.fake.firstComments).toHaveLength(1);
  });

  test("dies after writing 'sent', before the call: the rerun lists the comments, finds none, sends once", async () => {
    const w = igWorld();
    close = w.close;
    const item = w.item();
    const { schedulePublishing } = await import("../../src/publishing/schedule");
    schedulePublishing(w.ctx, w.ctx.clock.now());
    const job = claimNextJob(w.ctx.db, w.ctx.clock.now(), 5 * 60_000, ["publish.item"])!;
    await publishHandlers(w.ctx, w.deps)["publish.item"]!(job, { ...jobContext(), complete: () => {} });
    await dieInComment(w, "before_call");
    expect(getJournal(w.ctx.db, item.id)!.data.commentPhase).toBe("sent");
    expect(w.fake.firstComments).toHaveLength(0);
    await w.run();
    expect(w.fake.firstComments).toHaveLength(1);
    expect(w.fake.media).toHaveLength(1);
    expect(w.fake.calls.some((c) => c.method === "GET" && c.path === `/${w.get(item.id).remoteId}/comments`)).toBe(true);
  });

  test("dies after the comment was made, before it was recorded: the rerun finds it and never sends again", async () => {
    const w = igWorld();
    close = w.close;
    const item = w.item();
    const { schedulePublishing } = await import("../../src/publishing/schedule");
    schedulePublishing(w.ctx, w.ctx.clock.now());
    const job = claimNextJob(w.ctx.db, w.ctx.clock.now(), 5 * 60_000, ["publish.item"])!;
    await publishHandlers(w.ctx, w.deps)["publish.item"]!(job, { ...jobContext(), complete: () => {} });
    await dieInComment(w, "after_call");
    expect(w.fake.firstComments).toHaveLength(1);
    await w.run();
    expect(w.fake.firstComments).toHaveLength(1);
    expect(getJournal(w.ctx.db, item.id)!.data).toMatchObject({ commentPhase: "confirmed", commentId: w.fake.firstComments[0]!.id });
    expect(history(w.ctx, item.id).some((e) => e.detail.includes("after an interrupted send"))).toBe(true);
  });

  test("an answer lost after the comment was made (500): the retry finds it under the post, exactly one comment", async () => {
    const w = igWorld();
    close = w.close;
    const item = w.item();
    w.fake.loseCommentAnswer = true;
    await w.run();
    expect(w.fake.firstComments).toHaveLength(1);
    expect(getJournal(w.ctx.db, item.id)!.data.commentPhase).toBe("sent");
    w.ctx.clock.advance(10 * 60_000);
    await w.run();
    expect(w.fake.firstComments).toHaveLength(1);
    expect(getJournal(w.ctx.db, item.id)!.data.commentPhase).toBe("confirmed");
  });

  test("a refused comment leaves the post published and never re-created; the history gives the text to post by hand", async () => {
    const w = igWorld();
    close = w.close;
    const item = w.item();
    w.fake.fail("comment_write", "no_permission");
    await w.run();
    w.ctx.clock.advance(60 * 60_000);
    await w.run();
    expect(w.get(item.id).status).toBe("published");
    expect(w.fake.media).toHaveLength(1);
    expect(w.fake.firstComments).toHaveLength(0);
    const failed = history(w.ctx, item.id).find((e) => e.action === "publish.first_comment_failed")!;
    expect(failed.detail).toContain("Post it by hand under the post: Try it here");
    expect(getJournal(w.ctx.db, item.id)!.data.commentPhase).toBe("refused");
  });
});

describe("the first comment on LinkedIn (the app's link-in-comment setting)", () => {
  test("POST /rest/socialActions/{urn}/comments as the post's author, once, with the marked link", async () => {
    const fake = new FakeLinkedIn({ processingMs: 20, partSize: 256 * 1024 }).start();
    const ctx = makeTestContext(fake.env());
    close = () => (fake.stop(), ctx.cleanup());
    const owner = makeOwner(ctx);
    const t = fake.issueTokens();
    makeConnection(ctx, owner.userId, "linkedin", {
      accessToken: t.accessToken,
      refreshToken: t.refreshToken,
      expiresAt: new Date(ctx.clock.now().getTime() + t.expiresIn * 1000),
      accountId: fake.member.sub,
      accountName: fake.member.name,
      extra: { author: `urn:li:person:${fake.member.sub}` },
    });
    const deps = { adapters: createAdapters(ctx, { sleep: (ms: number) => Bun.sleep(ms / 500) }), random: () => 0.5 };
    const q = publishQueue(ctx, deps);
    const item = withComment(ctx, makeItem(ctx, owner, { platform: "linkedin", format: "text", caption: "Dinner from your fridge." }).id);
    fake.loseCommentAnswer = true;
    await q.run();
    ctx.clock.advance(10 * 60_000);
    await q.run();
    const got = q.get(item.id);
    expect(got.status).toBe("published");
    const post = fake.posts.find((p) => p.urn === got.remoteId)!;
    expect(post.commentary).not.toContain("http");
    expect(post.comments).toHaveLength(1);
    expect(post.comments![0]!.actor).toBe(`urn:li:person:${fake.member.sub}`);
    expect(post.comments![0]!.text).toContain("utm_content=amk");
    expect(fake.posts).toHaveLength(1);
    expect(getJournal(ctx.db, item.id)!.data.commentPhase).toBe("confirmed");
  });
});

describe("the export bundle for posting by hand", () => {
  test("carries each thread post and the first comment in their own files, with the steps in the README", async () => {
    const w = igWorld();
    close = w.close;
    const { exportBundle } = await import("../../src/publishing/manual");
    const ig = w.item();
    const posts = ["Meal plans from your fridge.", "Trusted by 12,000 home cooks.", "Try it → https://app.example.com/"];
    const x = makeItem(w.ctx, makeOwner(w.ctx), { platform: "x", format: "thread", caption: posts.join("\n\n"), hashtags: ["food"] });
    w.ctx.db.update(contentItems).set({ threadPosts: posts }).where(eq(contentItems.id, x.id)).run();
    for (const [item, want] of [
      [ig, ["first-comment.txt"]],
      [w.get(x.id), ["thread-1.txt", "thread-2.txt", "thread-3.txt"]],
    ] as const) {
      const dir = `${w.ctx.dir}/b${item.id}`;
      await Bun.write(`${dir}.zip`, (await exportBundle(w.ctx, item)).zip);
      const p = Bun.spawnSync([
        "python3",
        "-c",
        "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; z.extractall(sys.argv[2]); print(' '.join(sorted(z.namelist())))",
        `${dir}.zip`,
        dir,
      ]);
      const names = p.stdout.toString().trim().split(" ");
      for (const n of want) expect(names).toContain(n);
      const readme = await Bun.file(`${dir}/README.txt`).text();
      if (item.id === ig.id) {
        expect(await Bun.file(`${dir}/first-comment.txt`).text()).toContain("utm_content=amk");
        expect(readme).toContain("add first-comment.txt as the first comment");
      } else {
        expect(await Bun.file(`${dir}/thread-1.txt`).text()).toBe(`${posts[0]}\n`);
        expect(await Bun.file(`${dir}/thread-3.txt`).text()).toContain("#food");
        expect(readme).toContain("reply to it with thread-2.txt");
      }
    }
  });
});
