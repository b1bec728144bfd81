import { afterAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { approveItem, editItem, regenerate, rejectItem } from "../../src/approvals/actions";
import { autoApproveAfterHours, expireUnapproved } from "../../src/approvals/expiry";
import { saveSettings } from "../../src/approvals/store";
import { itemHistory } from "../../src/content/store";
import { contentItems } from "../../src/db/schema/content";
import { jobs } from "../../src/db/schema/jobs";
import { makeTestContext } from "../support/context";
import { makeBatch, makeItem, makeReadyBatch, makeUser, makeWebapp } from "../support/content-factories";

const ctx = makeTestContext();
afterAll(() => ctx.cleanup());
const web = (userId: number) => ({ userId, channel: "web" as const });
const row = (id: number) => ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!;

test("approve is idempotent and another user's item is not found", () => {
  const u = makeUser(ctx);
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["x"] });
  const first = approveItem(ctx, u.id, items[0]!.id, web(u.id));
  expect(first).toMatchObject({ ok: true, changed: true });
  expect(approveItem(ctx, u.id, items[0]!.id, web(u.id))).toMatchObject({ ok: true, changed: false });
  expect(itemHistory(ctx.db, items[0]!.id).length).toBe(1);
  const other = makeUser(ctx);
  expect(approveItem(ctx, other.id, items[0]!.id, web(other.id))).toMatchObject({ ok: false, code: "not_found" });
});

test("reject keeps the reason for the optimizer; a rejected item cannot then be approved", () => {
  const u = makeUser(ctx);
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["linkedin"] });
  expect(rejectItem(ctx, u.id, items[0]!.id, "  too salesy ", web(u.id))).toMatchObject({ ok: true, changed: true });
  expect(row(items[0]!.id)).toMatchObject({ status: "rejected", rejectReason: "too salesy" });
  const again = approveItem(ctx, u.id, items[0]!.id, web(u.id));
  expect(again).toMatchObject({ ok: false, code: "invalid_state" });
  expect(itemHistory(ctx.db, items[0]!.id)[0]).toMatchObject({ action: "rejected", detail: "too salesy", channel: "web" });
});

test("an edit over X's weighted limit is refused with the reason and nothing changes", () => {
  const u = makeUser(ctx);
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["x"] });
  const before = row(items[0]!.id);
  // 150 CJK characters weigh 300 on X although they are only 150 characters long.
  const r = editItem(ctx, u.id, items[0]!.id, { caption: "漢".repeat(150) }, "UTC", web(u.id));
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.message).toContain("X allows 280 characters (weighted)");
  expect(row(items[0]!.id).caption).toBe(before.caption);
  expect(itemHistory(ctx.db, items[0]!.id).length).toBe(0);
});

test("a valid edit saves caption, hashtags, title and time in the user's timezone, with a history line", () => {
  const u = makeUser(ctx, { timezone: "Europe/Berlin" });
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["youtube"] });
  // now is 2026-03-02T12:00Z; 15:30 in Berlin (UTC+1 in March) is 14:30Z
  const r = editItem(
    ctx,
    u.id,
    items[0]!.id,
    { caption: "New words", hashtags: "#one two, three", title: "A better title", plannedAt: "2026-03-02T15:30" },
    u.timezone,
    web(u.id),
  );
  expect(r.ok).toBe(true);
  const saved = row(items[0]!.id);
  expect(saved).toMatchObject({ caption: "New words", hashtags: ["one", "two", "three"], title: "A better title" });
  expect(saved.plannedAt!.toISOString()).toBe("2026-03-02T14:30:00.000Z");
  expect(itemHistory(ctx.db, items[0]!.id).at(-1)).toMatchObject({ action: "edited", detail: "caption, hashtags, title, planned time" });
  const past = editItem(ctx, u.id, items[0]!.id, { plannedAt: "2026-03-01T10:00" }, u.timezone, web(u.id));
  expect(past).toMatchObject({ ok: false, code: "invalid" });
  const noTitle = editItem(ctx, u.id, items[0]!.id, { title: "" }, u.timezone, web(u.id));
  expect(noTitle.ok).toBe(false);
});

test("regenerate queues one job per click burst and says so in the history", () => {
  const u = makeUser(ctx);
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["tiktok"] });
  const id = items[0]!.id;
  expect(regenerate(ctx, u.id, id, "copy", web(u.id))).toMatchObject({ ok: true, changed: true });
  ctx.clock.advance(1000);
  expect(regenerate(ctx, u.id, id, "copy", web(u.id))).toMatchObject({ ok: true, changed: false });
  expect(regenerate(ctx, u.id, id, "media", web(u.id))).toMatchObject({ ok: true, changed: true });
  const queued = ctx.db
    .select()
    .from(jobs)
    .all()
    .filter((j) => (j.payload as { itemId?: number }).itemId === id);
  expect(queued.map((j) => j.kind).sort()).toEqual(["content.regenerate", "media.render"]);
  expect(itemHistory(ctx.db, id).map((e) => e.action)).toEqual(["regenerate_copy_queued", "regenerate_media_queued"]);
});

test("regenerate media from the web takes the render path: the media is marked waiting, with the render's two attempts", () => {
  const u = makeUser(ctx);
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["tiktok"] });
  const id = items[0]!.id;
  ctx.db.update(contentItems).set({ mediaStatus: "failed", mediaError: "ffmpeg exited 1" }).where(eq(contentItems.id, id)).run();
  expect(regenerate(ctx, u.id, id, "media", web(u.id))).toMatchObject({ ok: true, changed: true });
  expect([row(id).mediaStatus, row(id).mediaError]).toEqual(["waiting", null]);
  const job = ctx.db
    .select()
    .from(jobs)
    .all()
    .find((j) => j.kind === "media.render" && (j.payload as { itemId?: number }).itemId === id)!;
  expect(job.maxAttempts).toBe(2);
});

test("unapproved items expire after their day ends in the user's timezone; opted-in users get auto-approval", async () => {
  const c = makeTestContext();
  try {
    const tokyo = makeUser(c, { timezone: "Asia/Tokyo" });
    const auto = makeUser(c);
    // now 2026-03-02T12:00Z is 21:00 on 2 March in Tokyo
    const tb = makeBatch(c, { userId: tokyo.id, webappId: makeWebapp(c, tokyo.id).id, localDate: "2026-03-02" });
    const tItem = makeItem(c, { userId: tokyo.id, webappId: tb.webappId, batchId: tb.id });
    const aw = makeWebapp(c, auto.id);
    const ab = makeBatch(c, { userId: auto.id, webappId: aw.id, localDate: "2026-03-02", readyAt: c.clock.now() });
    const aItem = makeItem(c, { userId: auto.id, webappId: aw.id, batchId: ab.id });
    saveSettings(
      c.db,
      c.config,
      auto.id,
      { digestTime: "08:00", channels: ["inapp"], linkLifetimeHours: 36, unapproved: "auto_approve", autoApproveHours: 4 },
      c.clock.now(),
    );
    const status = (id: number) => c.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!.status;
    await expireUnapproved(c, c.clock.now());
    await autoApproveAfterHours(c, c.clock.now());
    expect([status(tItem.id), status(aItem.id)]).toEqual(["pending_approval", "pending_approval"]);
    c.clock.advance(3 * 3_600_000 + 60_000); // 00:01 on 3 March in Tokyo, 3 h after ready
    await expireUnapproved(c, c.clock.now());
    await autoApproveAfterHours(c, c.clock.now());
    expect([status(tItem.id), status(aItem.id)]).toEqual(["expired", "pending_approval"]);
    c.clock.advance(3_600_000);
    await autoApproveAfterHours(c, c.clock.now());
    await expireUnapproved(c, c.clock.now());
    expect(status(aItem.id)).toBe("approved");
    expect(itemHistory(c.db, aItem.id)[0]).toMatchObject({ action: "auto_approved", channel: "system", userId: null });
  } finally {
    c.cleanup();
  }
});
