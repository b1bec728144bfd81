import { afterEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { comments, commentSync } from "../../src/db/schema/inbox";
import { syncComments } from "../../src/inbox/sync";
import { inboxCount, setAutoHideSpam } from "../../src/inbox/store";
import { nextCommentRead } from "../../src/inbox/cadence";
import { youtubeWorld } from "../platforms/youtube-helpers";
import { metaWorld } from "./meta-world";

let close: (() => void) | undefined;
afterEach(() => close?.());

async function publishedYouTube() {
  const w = youtubeWorld();
  close = () => w.close();
  const item = w.item();
  await w.run();
  return { w, itemId: item.id, videoId: w.get(item.id).remoteId! };
}

const HOUR = 3600_000;

describe("comment sync against the YouTube fake", () => {
  test("builds threads across pages: 150 threads (two pages) and a thread of 8 replies (more than the 5 carried)", async () => {
    const { w, itemId, videoId } = await publishedYouTube();
    const t0 = Date.now() - 10 * HOUR;
    for (let i = 0; i < 150; i++) w.fake.addComment(videoId, `viewer${i}`, `nice video number ${i}`, new Date(t0 + i * 60_000));
    const parent = w.fake.addComment(videoId, "asker", "How much does the pro plan cost?", new Date(t0 + 200 * 60_000));
    for (let i = 0; i < 8; i++) w.fake.addComment(videoId, `r${i}`, `same question here ${i}`, new Date(t0 + (201 + i) * 60_000), parent);
    const r = await syncComments(w.ctx, { adapters: w.deps.adapters });
    expect(r.problems).toEqual([]);
    expect(r.added).toBe(159);
    const rows = w.ctx.db.select().from(comments).where(eq(comments.itemId, itemId)).all();
    expect(rows.length).toBe(159);
    expect(rows.filter((c) => c.parentRemoteId === parent).length).toBe(8);
    const q = rows.find((c) => c.remoteId === parent)!;
    expect(q.labels).toContain("question");
    expect(q.state).toBe("needs_reply");
    expect(q.authorAvatarUrl).toStartWith("https://");
    expect(inboxCount(w.ctx.db, w.owner.userId)).toBeGreaterThan(0);
  });

  test("an edit changes the text and sets the flag; a deletion is marked, not dropped; a second read adds nothing twice", async () => {
    const { w, itemId, videoId } = await publishedYouTube();
    const a = w.fake.addComment(videoId, "amy", "great video");
    const b = w.fake.addComment(videoId, "bob", "first!");
    await syncComments(w.ctx, { adapters: w.deps.adapters });
    w.fake.comments.edit(a, "great video, where can I download the app?");
    w.fake.comments.remove(b);
    const r = await syncComments(w.ctx, { adapters: w.deps.adapters }, { itemId });
    expect(r).toMatchObject({ added: 0, edited: 1, deleted: 1 });
    const rows = new Map(
      w.ctx.db
        .select()
        .from(comments)
        .all()
        .map((c) => [c.remoteId, c]),
    );
    expect(rows.get(a)).toMatchObject({ text: "great video, where can I download the app?", edited: true });
    expect(rows.get(a)!.labels).toContain("question");
    expect(rows.get(b)!.deleted).toBe(true);
  });

  test("a rate-limited read waits until the time YouTube gave and says so", async () => {
    const { w, itemId, videoId } = await publishedYouTube();
    w.fake.addComment(videoId, "amy", "hello");
    // googleapis retries a 429 by itself (three times): the read waits only when the limit outlasts those.
    for (let i = 0; i < 5; i++) w.fake.fail("read", "rate_limit_retry_after");
    const r = await syncComments(w.ctx, { adapters: w.deps.adapters }, { itemId });
    expect(r.waiting).toBe(1);
    const state = w.ctx.db.select().from(commentSync).where(eq(commentSync.itemId, itemId)).get()!;
    expect(state.problem).toContain("asked us to wait");
    expect(state.nextDueAt!.getTime()).toBeGreaterThan(w.ctx.clock.now().getTime());
    expect(w.ctx.db.select().from(comments).all().length).toBe(0);
  });
});

describe("comment sync against the Graph API fake", () => {
  test("Facebook: 120 comments and replies through three pages, replies tied to their parent", async () => {
    const w = await metaWorld("facebook");
    close = w.close;
    const top = w.fake.engagement.comment(w.id, "Ann", "Does it work offline?", new Date(Date.now() - 5 * HOUR));
    for (let i = 0; i < 119; i++) w.fake.engagement.comment(w.id, `p${i}`, `reply ${i}`, new Date(Date.now() - 4 * HOUR + i * 1000), top);
    const r = await syncComments(w.ctx, { adapters: w.adapters });
    expect(r.problems).toEqual([]);
    const rows = w.ctx.db.select().from(comments).all();
    expect(rows.length).toBe(120);
    expect(rows.filter((c) => c.parentRemoteId === `${w.id}_${top}`).length).toBe(119);
  });

  test("Instagram: nested replies beyond the first page are read through /replies; spam is hidden when the web app opted in", async () => {
    const w = await metaWorld("instagram");
    close = w.close;
    const top = w.fake.engagement.comment(w.id, "ann", "love this, how do I sign up?");
    for (let i = 0; i < 5; i++) w.fake.engagement.comment(w.id, `r${i}`, `me too ${i}`, new Date(Date.now() + i), top);
    const spam = w.fake.engagement.comment(w.id, "bot", "Earn $500 a day with crypto!!! DM me on whatsapp bit.ly/xx");
    setAutoHideSpam(w.ctx.db, w.webappId, true);
    const r = await syncComments(w.ctx, { adapters: w.adapters });
    expect(r.problems).toEqual([]);
    expect(r.hidden).toBe(1);
    const rows = new Map(
      w.ctx.db
        .select()
        .from(comments)
        .all()
        .map((c) => [c.remoteId, c]),
    );
    expect([...rows.values()].filter((c) => c.parentRemoteId === top).length).toBe(5);
    expect(rows.get(spam)!.state).toBe("hidden");
    expect(w.fake.engagement.find(spam)!.comment.hidden).toBe(true);
  });
});

describe("comment cadence", () => {
  test("follows the post's age and stops after 90 days", () => {
    const p = new Date("2026-01-01T00:00:00Z");
    const at = (h: number) => new Date(p.getTime() + h * HOUR);
    expect(nextCommentRead(p, at(1))!.getTime() - at(1).getTime()).toBe(HOUR / 2);
    expect(nextCommentRead(p, at(72))!.getTime() - at(72).getTime()).toBe(3 * HOUR);
    expect(nextCommentRead(p, at(24 * 10))!.getTime() - at(24 * 10).getTime()).toBe(24 * HOUR);
    expect(nextCommentRead(p, at(24 * 91))).toBeNull();
  });
});
