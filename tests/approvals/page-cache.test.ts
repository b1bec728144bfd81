import { afterEach, beforeEach, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { join } from "node:path";
import { approvalPageCache } from "../../src/approvals/routes";
import { createApp } from "../../src/server/app";
import { makeTestContext } from "../support/context";
import { authedGet, formPost, makeReadyBatch, makeUser, signIn } from "../support/content-factories";

let ctx: ReturnType<typeof makeTestContext>;
let app: ReturnType<typeof createApp>;
beforeEach(() => {
  ctx = makeTestContext();
  app = createApp(ctx);
});
afterEach(() => ctx.cleanup());

const view = async (s: { cookie: string; csrf: string }) => {
  const r = await app.handle(authedGet("/approval", s));
  expect(r.status).toBe(200);
  return r.text();
};

test("a repeated view is the kept page; an approval, a write by another connection and a notification show on the next view", async () => {
  const u = makeUser(ctx);
  const s = signIn(ctx, u.id);
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["x", "linkedin"], appName: "Kept App" });
  const first = await view(s);
  const stats = approvalPageCache(ctx).stats;
  const made = stats.made;
  expect(await view(s)).toBe(first);
  expect(stats.made).toBe(made);
  expect(stats.reused).toBeGreaterThan(0);

  await app.handle(formPost(`/approval/items/${items[0]!.id}/approve`, s, {}, { htmx: true }));
  const afterApprove = await view(s);
  expect(afterApprove).not.toBe(first);
  expect(afterApprove).toContain("1 of 2 waiting");

  // The CLI or a second process writes through its own connection: the page still moves.
  const other = new Database(join(ctx.dir, "data", "amarktai.db"));
  other.run("UPDATE content_items SET caption = 'Written by another process' WHERE id = ?", [items[1]!.id]);
  other.close();
  expect(await view(s)).toContain("Written by another process");

  ctx.db.$client.run("INSERT INTO notifications (user_id, kind, title, body, created_at) VALUES (?, 'info', 'Hello', 'There', ?)", [
    u.id,
    Date.now(),
  ]);
  const withBell = await view(s);
  expect(withBell).not.toBe(afterApprove);
});

test("two users, and two sessions of one user, never share a page", async () => {
  const a = makeUser(ctx, { name: "Ann Example" });
  const b = makeUser(ctx, { name: "Bob Example" });
  makeReadyBatch(ctx, a.id, { platforms: ["x"], appName: "Ann's App" });
  makeReadyBatch(ctx, b.id, { platforms: ["x"], appName: "Bob's App" });
  const sa = signIn(ctx, a.id);
  const sa2 = signIn(ctx, a.id);
  const sb = signIn(ctx, b.id);
  for (let round = 0; round < 2; round++) {
    const pa = await view(sa);
    const pa2 = await view(sa2);
    const pb = await view(sb);
    expect(pa).toContain("Ann&#x27;s App");
    expect(pa).not.toContain("Bob&#x27;s App");
    expect(pb).toContain("Bob&#x27;s App");
    expect(pb).not.toContain("Ann&#x27;s App");
    expect(pa).toContain(sa.csrf);
    expect(pa2).toContain(sa2.csrf);
    expect(pa2).not.toContain(sa.csrf);
    expect(pb).not.toContain(sa.csrf);
  }
  expect(approvalPageCache(ctx).stats.reused).toBeGreaterThanOrEqual(3);
});

test("a kept page with an undo offer is made again once the offer ends, with no write in between; a new local day too", async () => {
  const u = makeUser(ctx);
  const s = signIn(ctx, u.id);
  const { batch } = makeReadyBatch(ctx, u.id, { platforms: ["x", "linkedin"], appName: "Undo App" });
  await app.handle(formPost(`/approval/batches/${batch.id}/bulk`, s, { action: "reject_all", confirm: "yes" }));
  expect(await view(s)).toContain("Undo reject all (until");
  ctx.clock.advance(5 * 60_000);
  expect(await view(s)).toContain("Undo reject all (until");
  ctx.clock.advance(5 * 60_000 + 1000);
  expect(await view(s)).not.toContain("Undo reject all");
  const made = approvalPageCache(ctx).stats.made;
  ctx.clock.advance(24 * 3_600_000);
  await view(s);
  expect(approvalPageCache(ctx).stats.made).toBe(made + 1);
});
