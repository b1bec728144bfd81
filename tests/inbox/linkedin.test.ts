import { afterEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { comments } from "../../src/db/schema/inbox";
import { moderateComment } from "../../src/inbox/moderate";
import { commentReplyJob, queueReply } from "../../src/inbox/reply-job";
import { replyOf } from "../../src/inbox/reply-store";
import { syncStateOf } from "../../src/inbox/store";
import { syncComments } from "../../src/inbox/sync";
import { claimNextJob } from "../../src/jobs/store";
import { COMMENT_ACTIONS } from "../../src/platforms/comment-actions";
import { PLATFORM_IDS } from "../../src/platforms/ids";
import { createAdapters } from "../../src/publishing/adapters";
import { FakeLinkedIn } from "../fakes/linkedin";
import { makeTestContext } from "../support/context";
import { makeConnection, makeItem, makeOwner, makeVideoFile, publishQueue } from "../support/publishing-factories";
import { crashReplyAt, runReplies } from "./reply-helpers";

/** A LinkedIn post published as the member through the queue against the fake, ready for comments. */
async function linkedinWorld() {
  const fake = new FakeLinkedIn({ processingMs: 0, partSize: 256 * 1024 }).start();
  const ctx = makeTestContext(fake.env());
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
  const item = makeItem(ctx, owner, { platform: "linkedin", video: makeVideoFile(ctx, "l.mp4", 300 * 1024) });
  await q.run();
  const urn = q.get(item.id).remoteId!;
  expect(urn).toStartWith("urn:li:share:");
  return { fake, ctx, owner, itemId: item.id, urn, adapters: deps.adapters, close: () => (fake.stop(), ctx.cleanup()) };
}

let close: (() => void) | undefined;
afterEach(() => close?.());

async function question() {
  const w = await linkedinWorld();
  close = w.close;
  const remote = w.fake.addComment(w.urn, "Does it export to CSV?");
  await syncComments(w.ctx, { adapters: w.adapters });
  const c = w.ctx.db.select().from(comments).where(eq(comments.remoteId, remote)).get()!;
  expect(c.state).toBe("needs_reply");
  return { w, c, remote };
}

describe("LinkedIn replies are nested comments (POST /rest/socialActions/{commentUrn}/comments with parentComment)", () => {
  test("the reply names the member as actor, the activity as object and the comment as parent; the next sync sees it as ours", async () => {
    const { w, c, remote } = await question();
    queueReply(w.ctx, w.owner.userId, c.id, "Yes: Settings, then Export.");
    await runReplies(w.ctx, { adapters: w.adapters });
    expect(w.fake.comments.created).toEqual([
      {
        actor: `urn:li:person:${w.fake.member.sub}`,
        object: `urn:li:activity:${w.urn.split(":").at(-1)}`,
        parentComment: remote,
        text: "Yes: Settings, then Export.",
      },
    ]);
    const row = replyOf(w.ctx.db, c.id)!;
    expect(row.phase).toBe("confirmed");
    expect(row.remoteReplyId).toStartWith("urn:li:comment:(urn:li:activity:");
    await syncComments(w.ctx, { adapters: w.adapters }, { itemId: w.itemId });
    const ours = w.ctx.db.select().from(comments).where(eq(comments.remoteId, row.remoteReplyId!)).get()!;
    expect(ours).toMatchObject({ ours: true, parentRemoteId: remote, state: "done" });
  });

  test("died after the intent (prepared): the restarted job sends it once", async () => {
    const { w, c } = await question();
    queueReply(w.ctx, w.owner.userId, c.id, "Yes.");
    claimNextJob(w.ctx.db, w.ctx.clock.now(), 5 * 60_000, [commentReplyJob.kind]);
    w.ctx.clock.advance(6 * 60_000);
    await runReplies(w.ctx, { adapters: w.adapters });
    expect(w.fake.comments.created.length).toBe(1);
    expect(replyOf(w.ctx.db, c.id)!.phase).toBe("confirmed");
  });

  test("died after send_sent, before the call reached LinkedIn: the replies list shows nothing, so it is sent once", async () => {
    const { w, c } = await question();
    queueReply(w.ctx, w.owner.userId, c.id, "Yes.");
    await crashReplyAt(w.ctx, "linkedin", w.adapters.linkedin!, "before_call");
    expect(replyOf(w.ctx.db, c.id)!.phase).toBe("send_sent");
    w.ctx.clock.advance(6 * 60_000);
    await runReplies(w.ctx, { adapters: w.adapters });
    expect(w.fake.comments.created.length).toBe(1);
    expect(replyOf(w.ctx.db, c.id)!.phase).toBe("confirmed");
  });

  test("died after LinkedIn made the reply: reconciliation finds it among the comment's replies, no second send", async () => {
    const { w, c, remote } = await question();
    queueReply(w.ctx, w.owner.userId, c.id, "Yes.");
    await crashReplyAt(w.ctx, "linkedin", w.adapters.linkedin!, "after_answer");
    expect(w.fake.comments.created.length).toBe(1);
    w.ctx.clock.advance(6 * 60_000);
    await runReplies(w.ctx, { adapters: w.adapters });
    expect(w.fake.comments.created.length).toBe(1);
    const row = replyOf(w.ctx.db, c.id)!;
    expect(row.phase).toBe("confirmed");
    expect(w.fake.comments.find(row.remoteReplyId!)!.comment.parent).toBe(remote);
  });

  test("died after confirmed (before the job was marked done), then a double submit: nothing is sent again", async () => {
    const { w, c } = await question();
    queueReply(w.ctx, w.owner.userId, c.id, "Yes.");
    await runReplies(w.ctx, { adapters: w.adapters });
    commentReplyJob.enqueue(w.ctx.db, { commentId: c.id }, { now: w.ctx.clock.now(), variant: "rerun" });
    expect("reply" in queueReply(w.ctx, w.owner.userId, c.id, "Yes.")).toBe(true);
    await runReplies(w.ctx, { adapters: w.adapters });
    expect(w.fake.comments.created.length).toBe(1);
  });

  test("a reply to a reply goes under its first-level comment; a throttled reply waits and is sent once later", async () => {
    const w = await linkedinWorld();
    close = w.close;
    const top = w.fake.addComment(w.urn, "Nice launch");
    const sub = w.fake.addComment(w.urn, "How do I invite my team?", Date.now(), "urn:li:person:bob", top);
    await syncComments(w.ctx, { adapters: w.adapters });
    const c = w.ctx.db.select().from(comments).where(eq(comments.remoteId, sub)).get()!;
    expect(c.parentRemoteId).toBe(top);
    queueReply(w.ctx, w.owner.userId, c.id, "Settings, then Team.");
    w.fake.fail("comment_write", "rate_limit_retry_after");
    await runReplies(w.ctx, { adapters: w.adapters });
    expect(replyOf(w.ctx.db, c.id)!.phase).toBe("send_sent");
    w.ctx.clock.advance(10 * 60_000);
    await runReplies(w.ctx, { adapters: w.adapters });
    expect(w.fake.comments.created.map((r) => r.parentComment)).toEqual([top]);
  });

  test("a comment deleted before the send is not answered and says why", async () => {
    const { w, c, remote } = await question();
    w.fake.removeComment(remote);
    queueReply(w.ctx, w.owner.userId, c.id, "Yes.");
    await runReplies(w.ctx, { adapters: w.adapters });
    expect(w.fake.comments.created.length).toBe(0);
    expect(replyOf(w.ctx.db, c.id)).toMatchObject({ phase: "refused" });
    expect(replyOf(w.ctx.db, c.id)!.problem).toContain("gone on LinkedIn");
  });
});

describe("LinkedIn like and hide", () => {
  test("the page's table of like and hide (src/platforms/comment-actions.ts) is what each adapter implements", () => {
    const ctx = makeTestContext();
    close = ctx.cleanup;
    const adapters = createAdapters(ctx);
    for (const id of PLATFORM_IDS)
      expect([id, COMMENT_ACTIONS[id]]).toEqual([id, { like: !!adapters[id]!.likeComment, hide: !!adapters[id]!.hideComment }]);
  });

  test("like is a LIKE reaction on the comment URN by the member (POST /rest/reactions?actor=); hide is refused in words", async () => {
    const { w, c, remote } = await question();
    expect(await moderateComment(w.ctx, { adapters: w.adapters }, w.owner.userId, c.id, "like")).toEqual({ ok: true });
    expect(w.fake.comments.reactions).toEqual([{ actor: `urn:li:person:${w.fake.member.sub}`, root: remote, reactionType: "LIKE" }]);
    expect(await moderateComment(w.ctx, { adapters: w.adapters }, w.owner.userId, c.id, "hide")).toEqual({
      problem: "LinkedIn does not let apps hide comments.",
    });
  });
});

describe("LinkedIn comment paging (start/count) within a per-sync budget", () => {
  test("a 130-comment thread is read 50 at a time; with a 2-page budget the cursor is kept and the next sync goes on from it", async () => {
    const w = await linkedinWorld();
    close = w.close;
    const t0 = Date.now() - 3 * 3600_000;
    for (let i = 0; i < 130; i++) w.fake.addComment(w.urn, `comment number ${i}`, t0 + i * 1000, `urn:li:person:p${i}`);
    const first = await syncComments(w.ctx, { adapters: w.adapters, pagesPerPost: 2 });
    expect(first).toMatchObject({ added: 100, continuing: 1 });
    expect(syncStateOf(w.ctx.db, w.itemId)!.cursor).toBe("100");
    expect(w.fake.comments.pageAsks.map((a) => [a.start, a.count])).toEqual([
      [0, 50],
      [50, 50],
    ]);
    const second = await syncComments(w.ctx, { adapters: w.adapters, pagesPerPost: 2 });
    expect(second).toMatchObject({ added: 30, continuing: 0 });
    expect(second.deleted).toBe(0);
    expect(syncStateOf(w.ctx.db, w.itemId)!.cursor).toBeNull();
    expect(w.ctx.db.select().from(comments).where(eq(comments.itemId, w.itemId)).all().length).toBe(130);
  });

  test("only a read from the first page to the last marks missing comments deleted", async () => {
    const w = await linkedinWorld();
    close = w.close;
    const gone = w.fake.addComment(w.urn, "soon deleted", Date.now() - 1000);
    for (let i = 0; i < 60; i++) w.fake.addComment(w.urn, `c${i}`, Date.now() + i, `urn:li:person:q${i}`);
    await syncComments(w.ctx, { adapters: w.adapters });
    w.fake.removeComment(gone);
    w.ctx.clock.advance(31 * 60_000);
    const partial = await syncComments(w.ctx, { adapters: w.adapters, pagesPerPost: 1 });
    expect(partial.deleted).toBe(0);
    const rest = await syncComments(w.ctx, { adapters: w.adapters, pagesPerPost: 1 }, { itemId: w.itemId });
    expect(rest.deleted).toBe(0);
    const whole = await syncComments(w.ctx, { adapters: w.adapters }, { itemId: w.itemId });
    expect(whole.deleted).toBe(1);
  });
});
