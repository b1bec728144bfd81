import { afterEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { comments } from "../../src/db/schema/inbox";
import { syncStateOf } from "../../src/inbox/store";
import { syncComments } from "../../src/inbox/sync";
import { xWorld } from "../platforms/x-helpers";

let close: (() => void) | undefined;
afterEach(() => close?.());

async function published() {
  const w = xWorld();
  close = () => w.close();
  const item = w.item();
  await w.run();
  return { w, itemId: item.id, postId: w.get(item.id).remoteId! };
}

describe("X replies through recent search pages (next_token) within a per-sync budget", () => {
  test("250 replies: 100 a page; a 2-page budget keeps X's next_token and the next sync reads the rest", async () => {
    const { w, itemId, postId } = await published();
    const t0 = Date.now() - 3600_000;
    for (let i = 0; i < 250; i++) w.fake.addReply(postId, `reply number ${i}`, new Date(t0 + i * 1000));
    const first = await syncComments(w.ctx, { adapters: w.deps.adapters, pagesPerPost: 2 });
    expect(first.added).toBe(200);
    expect(w.fake.searchPages).toBe(2);
    const cursor = syncStateOf(w.ctx.db, itemId)!.cursor;
    expect(cursor).toBeTruthy();
    const second = await syncComments(w.ctx, { adapters: w.deps.adapters, pagesPerPost: 2 });
    expect(second).toMatchObject({ added: 50, deleted: 0, problems: [] });
    expect(w.fake.searchPages).toBe(3);
    expect(syncStateOf(w.ctx.db, itemId)!.cursor).toBeNull();
    expect(w.ctx.db.select().from(comments).where(eq(comments.itemId, itemId)).all().length).toBe(250);
  });

  test("a next_token X no longer takes is dropped: the post's row says why and the next read starts over", async () => {
    const { w, itemId, postId } = await published();
    for (let i = 0; i < 150; i++) w.fake.addReply(postId, `reply ${i}`);
    await syncComments(w.ctx, { adapters: w.deps.adapters, pagesPerPost: 1 });
    w.ctx.db.$client.run("update comment_sync set cursor = 'not-a-token'");
    const bad = await syncComments(w.ctx, { adapters: w.deps.adapters }, { itemId });
    expect(bad.problems[0]).toContain("next_token");
    expect(syncStateOf(w.ctx.db, itemId)!.cursor).toBeNull();
    const again = await syncComments(w.ctx, { adapters: w.deps.adapters }, { itemId });
    expect(again).toMatchObject({ added: 50, problems: [] });
  });

  test("X's Free plan has no recent search (403 client-not-enrolled): the post's row names the plan it needs", async () => {
    const { w, itemId } = await published();
    w.fake.fail("read", "not_enrolled");
    const r = await syncComments(w.ctx, { adapters: w.deps.adapters });
    expect(r.problems[0]).toContain("an X API plan that includes recent search");
    expect(syncStateOf(w.ctx.db, itemId)!.problem).toContain("recent search");
  });
});
