import { afterEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { comments } from "../../src/db/schema/inbox";
import { handlersOf } from "../../src/jobs/declare";
import { claimNextJob } from "../../src/jobs/store";
import type { AppContext } from "../../src/app/context";
import { moderateComment } from "../../src/inbox/moderate";
import { commentReplyHandler, commentReplyJob, queueReply } from "../../src/inbox/reply-job";
import type { ReplyDeps } from "../../src/inbox/reply";
import { replyOf } from "../../src/inbox/reply-store";
import { syncComments } from "../../src/inbox/sync";
import { youtubeWorld } from "../platforms/youtube-helpers";
import { jobContext } from "../support/publishing-factories";
import { metaWorld } from "./meta-world";
import { crashReplyAt, dyingReply, runReplies } from "./reply-helpers";

let close: (() => void) | undefined;
afterEach(() => close?.());

/** A YouTube video with one question synced into the inbox. */
async function youtubeQuestion() {
  const w = youtubeWorld();
  close = () => w.close();
  const item = w.item();
  await w.run();
  const videoId = w.get(item.id).remoteId!;
  const remote = w.fake.addComment(videoId, "asker", "Does it work offline?");
  await syncComments(w.ctx, { adapters: w.deps.adapters });
  const c = w.ctx.db.select().from(comments).where(eq(comments.remoteId, remote)).get()!;
  return { w, c, remote, deps: { adapters: w.deps.adapters } as ReplyDeps };
}

/** Starts the reply job in a "process" that dies at `when`, then lets the lease lapse. */
async function crashAt(ctx: AppContext, deps: ReplyDeps, when: "before_call" | "after_answer") {
  await crashReplyAt(ctx, "youtube", deps.adapters.youtube!, when);
}

describe("a reply is sent exactly once across a crash at each journal phase (YouTube)", () => {
  test("died after the intent (prepared): the restarted job sends it once", async () => {
    const { w, c, deps } = await youtubeQuestion();
    queueReply(w.ctx, w.owner.userId, c.id, "Yes, it works offline.");
    claimNextJob(w.ctx.db, w.ctx.clock.now(), 5 * 60_000, [commentReplyJob.kind]); // claimed, then the process died
    w.ctx.clock.advance(6 * 60_000);
    await runReplies(w.ctx, deps);
    expect(w.fake.comments.inserted).toEqual([{ parentId: c.remoteId, text: "Yes, it works offline." }]);
    expect(replyOf(w.ctx.db, c.id)!.phase).toBe("confirmed");
  });

  test("died after send_sent, before the call reached YouTube: reconciliation finds nothing and sends once", async () => {
    const { w, c, deps } = await youtubeQuestion();
    queueReply(w.ctx, w.owner.userId, c.id, "Yes, it works offline.");
    await crashAt(w.ctx, deps, "before_call");
    expect(replyOf(w.ctx.db, c.id)!.phase).toBe("send_sent");
    w.ctx.clock.advance(6 * 60_000);
    await runReplies(w.ctx, deps);
    expect(w.fake.comments.inserted.length).toBe(1);
    expect(replyOf(w.ctx.db, c.id)!.phase).toBe("confirmed");
  });

  test("died after YouTube answered, before we recorded it: reconciliation finds the reply, no second send", async () => {
    const { w, c, deps } = await youtubeQuestion();
    queueReply(w.ctx, w.owner.userId, c.id, "Yes, it works offline.");
    await crashAt(w.ctx, deps, "after_answer");
    expect(w.fake.comments.inserted.length).toBe(1);
    w.ctx.clock.advance(6 * 60_000);
    await runReplies(w.ctx, deps);
    expect(w.fake.comments.inserted.length).toBe(1);
    const row = replyOf(w.ctx.db, c.id)!;
    expect(row.phase).toBe("confirmed");
    expect(row.remoteReplyId).toStartWith(`${c.remoteId}.`);
    expect(w.ctx.db.select().from(comments).where(eq(comments.id, c.id)).get()!.state).toBe("done");
  });

  test("died after confirmed (before the job was marked done), and a double submit: nothing is sent again", async () => {
    const { w, c, deps } = await youtubeQuestion();
    queueReply(w.ctx, w.owner.userId, c.id, "Yes, it works offline.");
    await runReplies(w.ctx, deps);
    commentReplyJob.enqueue(w.ctx.db, { commentId: c.id }, { now: w.ctx.clock.now(), variant: "rerun" });
    expect("reply" in queueReply(w.ctx, w.owner.userId, c.id, "Yes, it works offline.")).toBe(true);
    await runReplies(w.ctx, deps);
    expect(w.fake.comments.inserted.length).toBe(1);
  });

  test("a reply over the limit is refused with the count; a deleted comment is not answered and says why", async () => {
    const { w, c, remote } = await youtubeQuestion();
    const long = queueReply(w.ctx, w.owner.userId, c.id, "x".repeat(10_001));
    expect(long).toEqual({ problem: "Not sent: the reply has 10001 characters; the limit here is 10000." });
    w.fake.comments.remove(remote);
    await syncComments(w.ctx, { adapters: w.deps.adapters }, { itemId: c.itemId });
    const gone = queueReply(w.ctx, w.owner.userId, c.id, "hello");
    expect("problem" in gone && gone.problem).toContain("deleted on YouTube");
    expect(w.fake.comments.inserted.length).toBe(0);
  });

  test("hide reaches YouTube as setModerationStatus=rejected and leaves the open inbox", async () => {
    const { w, c, deps } = await youtubeQuestion();
    expect(await moderateComment(w.ctx, deps, w.owner.userId, c.id, "hide")).toEqual({ ok: true });
    expect(w.fake.comments.list.find((x) => x.id === c.remoteId)!.moderationStatus).toBe("rejected");
    expect(w.ctx.db.select().from(comments).where(eq(comments.id, c.id)).get()!.state).toBe("hidden");
    expect(await moderateComment(w.ctx, deps, w.owner.userId, c.id, "like")).toEqual({
      problem: "YouTube Shorts does not let apps like comments.",
    });
  });
});

describe("replies, likes and hides on Facebook and Instagram reach the Graph API fake", () => {
  test("Facebook: reply under the comment as the Page, like it, hide it", async () => {
    const w = await metaWorld("facebook");
    close = w.close;
    const remote = w.fake.engagement.comment(w.id, "Ann", "Is there a free plan?");
    await syncComments(w.ctx, { adapters: w.adapters });
    const c = w.ctx.db
      .select()
      .from(comments)
      .where(eq(comments.remoteId, `${w.id}_${remote}`))
      .get()!;
    queueReply(w.ctx, w.owner.userId, c.id, "Yes, there is a free plan.");
    await runReplies(w.ctx, { adapters: w.adapters });
    expect(w.fake.engagement.replies).toEqual([{ parentId: remote, text: "Yes, there is a free plan." }]);
    expect(await moderateComment(w.ctx, { adapters: w.adapters }, w.owner.userId, c.id, "like")).toEqual({ ok: true });
    expect(w.fake.engagement.find(remote)!.comment.likeCount).toBe(1);
    expect(await moderateComment(w.ctx, { adapters: w.adapters }, w.owner.userId, c.id, "hide")).toEqual({ ok: true });
    expect(w.fake.engagement.find(remote)!.comment.hidden).toBe(true);
  });

  test("Instagram: a reply to a reply lands under its top-level comment; a throttled reply waits and is sent once later", async () => {
    const w = await metaWorld("instagram");
    close = w.close;
    const top = w.fake.engagement.comment(w.id, "ann", "love it");
    const sub = w.fake.engagement.comment(w.id, "bob", "how do I sign up?", new Date(), top);
    await syncComments(w.ctx, { adapters: w.adapters });
    const c = w.ctx.db.select().from(comments).where(eq(comments.remoteId, sub)).get()!;
    queueReply(w.ctx, w.owner.userId, c.id, "Sign up on our site.");
    w.fake.fail("comment_write", "rate_limit");
    await runReplies(w.ctx, { adapters: w.adapters });
    expect(replyOf(w.ctx.db, c.id)!.phase).toBe("send_sent");
    expect(w.fake.engagement.replies.length).toBe(0);
    w.ctx.clock.advance(60 * 60_000);
    await runReplies(w.ctx, { adapters: w.adapters });
    expect(w.fake.engagement.replies).toEqual([{ parentId: top, text: "Sign up on our site." }]);
    expect(replyOf(w.ctx.db, c.id)!.phase).toBe("confirmed");
  });
});

describe("reconciliation on the Graph API", () => {
  test("Facebook: died after the Page's reply was made: the thread shows it written by the Page, no second reply", async () => {
    const w = await metaWorld("facebook");
    close = w.close;
    const remote = w.fake.engagement.comment(w.id, "Ann", "Is there a free plan?");
    await syncComments(w.ctx, { adapters: w.adapters });
    const c = w.ctx.db
      .select()
      .from(comments)
      .where(eq(comments.remoteId, `${w.id}_${remote}`))
      .get()!;
    queueReply(w.ctx, w.owner.userId, c.id, "Yes, there is a free plan.");
    let dead!: () => void;
    const died = new Promise<void>((r) => (dead = r));
    const facebook = dyingReply(w.adapters.facebook!, "after_answer", dead);
    const handlers = handlersOf([commentReplyHandler(w.ctx, { adapters: { facebook } })]);
    void handlers[commentReplyJob.kind]!(claimNextJob(w.ctx.db, w.ctx.clock.now(), 5 * 60_000, [commentReplyJob.kind])!, jobContext());
    await died;
    w.ctx.clock.advance(6 * 60_000);
    await runReplies(w.ctx, { adapters: w.adapters });
    expect(w.fake.engagement.replies.length).toBe(1);
    expect(replyOf(w.ctx.db, c.id)!.phase).toBe("confirmed");
  });
});

describe("X: replies are posts answering a reply (POST /2/tweets reply.in_reply_to_tweet_id)", () => {
  test("sync reads the conversation; a reply answers the comment once, even when the process died after X answered", async () => {
    const { xWorld } = await import("../platforms/x-helpers");
    const w = xWorld();
    close = () => w.close();
    const item = w.item();
    await w.run();
    const postId = w.get(item.id).remoteId!;
    const remote = w.fake.addReply(postId, "does it have a free plan?");
    await syncComments(w.ctx, { adapters: w.deps.adapters });
    const c = w.ctx.db.select().from(comments).where(eq(comments.remoteId, remote)).get()!;
    expect(c.parentRemoteId).toBeNull();
    queueReply(w.ctx, w.owner.userId, c.id, "Yes, there is a free plan.");
    let dead!: () => void;
    const died = new Promise<void>((r) => (dead = r));
    const x = dyingReply(w.deps.adapters.x!, "after_answer", dead);
    const handlers = handlersOf([commentReplyHandler(w.ctx, { adapters: { x } })]);
    void handlers[commentReplyJob.kind]!(claimNextJob(w.ctx.db, w.ctx.clock.now(), 5 * 60_000, [commentReplyJob.kind])!, jobContext());
    await died;
    w.ctx.clock.advance(6 * 60_000);
    await runReplies(w.ctx, { adapters: w.deps.adapters });
    const ours = w.fake.tweets.filter((t) => t.inReplyTo === remote);
    expect(ours.map((t) => t.text)).toEqual(["Yes, there is a free plan."]);
    expect(replyOf(w.ctx.db, c.id)).toMatchObject({ phase: "confirmed", remoteReplyId: ours[0]!.id });
  });
});
