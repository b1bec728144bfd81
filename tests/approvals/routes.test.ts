import { afterAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { getSettings, linkTelegramChat } from "../../src/approvals/store";
import { contentEvents, contentItems } from "../../src/db/schema/content";
import { createApp } from "../../src/server/app";
import { claimJobByKey, completeJob, extendLease } from "../../src/jobs/store";
import { latestMediaJobs } from "../../src/media/job";
import { markMediaRendering, saveMediaReady } from "../../src/media/store";
import { makeTestContext } from "../support/context";
import { authedGet, formPost, makeBatch, makeItem, makeReadyBatch, makeUser, signIn } from "../support/content-factories";

const ctx = makeTestContext();
const app = createApp(ctx);
afterAll(() => ctx.cleanup());
const status = (id: number) => ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!.status;

test("the approval page groups today's batch by web app, one card per item with count, time, reason and writer", async () => {
  const u = makeUser(ctx, { timezone: "America/New_York" });
  const s = signIn(ctx, u.id);
  const { items, batch } = makeReadyBatch(ctx, u.id, { appName: "Acme <Notes>", platforms: ["x", "youtube"] });
  const res = await app.handle(authedGet("/approval", s));
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain(`id="batch-${batch.id}"`);
  expect(html).toContain("Acme &lt;Notes&gt;");
  for (const i of items) expect(html).toContain(`id="item-${i.id}"`);
  expect(html).toContain("/ 280 (weighted)");
  expect(html).toContain("/ 5000");
  expect(html).toContain("built-in writer");
  expect(html).toContain("Why: Tuesday noon");
  expect(html).toContain("Mon 2 Mar, 09:00"); // 14:00Z in New York
  expect(html).toContain("Approve all");
});

test("htmx approve returns the updated card; a plain form post redirects; repeats change nothing", async () => {
  const u = makeUser(ctx);
  const s = signIn(ctx, u.id);
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["x", "linkedin"] });
  const [a, b] = items;
  const res = await app.handle(formPost(`/approval/items/${a!.id}/approve`, s, {}, { htmx: true }));
  expect(res.status).toBe(200);
  const card = await res.text();
  expect(card).toStartWith(`<article class="item-card card" id="item-${a!.id}"`);
  expect(card).toContain("Approved.");
  const again = await app.handle(formPost(`/approval/items/${a!.id}/approve`, s, {}, { htmx: true }));
  expect(await again.text()).toContain("Already approved; nothing changed.");
  const plain = await app.handle(formPost(`/approval/items/${b!.id}/reject`, s, { reason: "wrong tone" }));
  expect(plain.status).toBe(303);
  expect(plain.headers.get("location")).toBe(`/approval#item-${b!.id}`);
  expect([status(a!.id), status(b!.id)]).toEqual(["approved", "rejected"]);
});

test("another user's item answers 404 and stays as it was; a missing CSRF token is refused", async () => {
  const owner = makeUser(ctx);
  const intruder = makeUser(ctx);
  const { items } = makeReadyBatch(ctx, owner.id, { platforms: ["x"] });
  const s = signIn(ctx, intruder.id);
  const res = await app.handle(formPost(`/approval/items/${items[0]!.id}/approve`, s, {}, { htmx: true }));
  expect(res.status).toBe(404);
  const bulk = await app.handle(formPost(`/approval/batches/${items[0]!.batchId}/bulk`, s, { action: "approve_all" }, { htmx: true }));
  expect(bulk.status).toBe(404);
  const ownerSession = signIn(ctx, owner.id);
  const noCsrf = await app.handle(formPost(`/approval/items/${items[0]!.id}/approve`, { ...ownerSession, csrf: "wrong" }, {}));
  expect(noCsrf.status).toBe(403);
  expect(status(items[0]!.id)).toBe("pending_approval");
});

test("an edit over the limit is refused with the reason and the form keeps the text, with and without htmx", async () => {
  const u = makeUser(ctx);
  const s = signIn(ctx, u.id);
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["x"] });
  const long = "Too long for X " + "a".repeat(300);
  const fields = { caption: long, hashtags: "#tools", title: "", plannedAt: "" };
  const res = await app.handle(formPost(`/approval/items/${items[0]!.id}/edit`, s, fields, { htmx: true }));
  expect(res.status).toBe(422);
  const html = await res.text();
  expect(html).toContain("X allows 280 characters (weighted)");
  expect(html).toContain(long);
  expect(html).toContain('<details class="edit" open>');
  const plain = await app.handle(formPost(`/approval/items/${items[0]!.id}/edit`, s, fields));
  expect(plain.status).toBe(422);
  const page = await plain.text();
  expect(page).toContain("<!doctype html>");
  expect(page).toContain(long);
  expect(ctx.db.select().from(contentItems).where(eq(contentItems.id, items[0]!.id)).get()!.caption).not.toBe(long);
  const ok = await app.handle(
    formPost(`/approval/items/${items[0]!.id}/edit`, s, { ...fields, caption: "Short and sweet" }, { htmx: true }),
  );
  expect(ok.status).toBe(200);
  expect(await ok.text()).toContain("Saved.");
});

test("regenerate copy and media show honestly as queued, once", async () => {
  const u = makeUser(ctx);
  const s = signIn(ctx, u.id);
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["instagram"] });
  const first = await (await app.handle(formPost(`/approval/items/${items[0]!.id}/regenerate-copy`, s, {}, { htmx: true }))).text();
  expect(first).toContain("New copy queued; it appears here when the writer is done.");
  expect(first).toContain("new copy queued");
  const again = await (await app.handle(formPost(`/approval/items/${items[0]!.id}/regenerate-copy`, s, {}, { htmx: true }))).text();
  expect(again).toContain("New copy is already queued.");
  const media = await (await app.handle(formPost(`/approval/items/${items[0]!.id}/regenerate-media`, s, {}, { htmx: true }))).text();
  expect(media).toContain("new copy queued · new media queued");
});

test("the live count endpoint counts as the platform does (weighted for X)", async () => {
  const u = makeUser(ctx);
  const s = signIn(ctx, u.id);
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["x"] });
  const res = await app.handle(
    formPost(
      `/approval/items/${items[0]!.id}/count`,
      s,
      { caption: "漢字 https://example.com/a/very/long/path", hashtags: "" },
      { htmx: true },
    ),
  );
  expect(await res.text()).toContain("28 / 280 (weighted)"); // 2 CJK x2 + space + URL 23
});

test("bulk: approve selected approves only the chosen items of that batch; reject all takes the rest", async () => {
  const u = makeUser(ctx);
  const s = signIn(ctx, u.id);
  const { items, batch } = makeReadyBatch(ctx, u.id, { platforms: ["x", "youtube", "linkedin"] });
  const other = makeReadyBatch(ctx, u.id, { platforms: ["x"], appName: "Other" });
  const sel = await app.handle(
    formPost(
      `/approval/batches/${batch.id}/bulk`,
      s,
      { action: "approve_selected", ids: [String(items[0]!.id), String(other.items[0]!.id)] },
      { htmx: true },
    ),
  );
  expect(sel.status).toBe(200);
  expect(await sel.text()).toContain("Approved 1 post.");
  expect(status(other.items[0]!.id)).toBe("pending_approval");
  const rej = await app.handle(formPost(`/approval/batches/${batch.id}/bulk`, s, { action: "reject_all", confirm: "yes" }));
  expect(rej.status).toBe(303);
  expect(items.map((i) => status(i.id))).toEqual(["approved", "rejected", "rejected"]);
});

test("settings: defaults, validation, save, Telegram code and unlink", async () => {
  const c = makeTestContext({ AMARKTAI_TELEGRAM_BOT_TOKEN: "123:abc" });
  try {
    const a = createApp(c);
    const u = makeUser(c);
    const s = signIn(c, u.id);
    const page = await (await a.handle(authedGet("/approval/settings", s))).text();
    expect(page).toContain('value="08:00"');
    expect(page).toContain('value="36"');
    const bad = await a.handle(formPost("/approval/settings", s, { digestTime: "25:00", linkLifetimeHours: "36", unapproved: "expire" }));
    expect(bad.status).toBe(422);
    const good = await a.handle(
      formPost("/approval/settings", s, {
        digestTime: "07:15",
        channels: ["email", "telegram"],
        linkLifetimeHours: "12",
        unapproved: "auto_approve",
        autoApproveHours: "3",
      }),
    );
    expect(good.status).toBe(303);
    expect(getSettings(c.db, c.config, u.id, c.clock.now())).toMatchObject({
      digestTime: "07:15",
      channels: ["email", "telegram"],
      linkLifetimeHours: 12,
      unapproved: "auto_approve",
      autoApproveHours: 3,
    });
    const code = await (await a.handle(formPost("/approval/settings/telegram/code", s, {}, { htmx: true }))).text();
    expect(code).toMatch(/id="telegram-code">[A-Z2-9]{8}</);
    expect(getSettings(c.db, c.config, u.id, c.clock.now()).telegramCodeHash).toMatch(/^[0-9a-f]{64}$/);
    linkTelegramChat(c.db, u.id, "4242", "dana", c.clock.now());
    expect(await (await a.handle(authedGet("/approval/settings", s))).text()).toContain("Linked to the chat @dana.");
    const unlink = await a.handle(formPost("/approval/settings/telegram/unlink", s, {}, { htmx: true }));
    expect(await unlink.text()).toContain("Get a linking code");
    expect(getSettings(c.db, c.config, u.id, c.clock.now()).telegramChatId).toBeNull();
  } finally {
    c.cleanup();
  }
});

test("content library filters by app, platform, status and date; detail shows who did what, when and how", async () => {
  const u = makeUser(ctx, { name: "Dana" });
  const s = signIn(ctx, u.id);
  const one = makeReadyBatch(ctx, u.id, { platforms: ["x", "linkedin"], appName: "Alpha", localDate: "2026-03-01" });
  const two = makeReadyBatch(ctx, u.id, { platforms: ["x"], appName: "Beta", localDate: "2026-03-02" });
  await app.handle(formPost(`/approval/items/${one.items[0]!.id}/reject`, s, { reason: "dull" }, { htmx: true }));
  const byApp = await (await app.handle(authedGet(`/content?app=${two.webapp.id}`, s))).text();
  expect(byApp).toContain(`/content/${two.items[0]!.id}`);
  expect(byApp).not.toContain(`/content/${one.items[0]!.id}"`);
  const byStatus = await (await app.handle(authedGet("/content?status=rejected&platform=x&from=2026-03-01&to=2026-03-01", s))).text();
  expect(byStatus).toContain(`/content/${one.items[0]!.id}"`);
  expect(byStatus).not.toContain(`/content/${one.items[1]!.id}"`);
  const detail = await (await app.handle(authedGet(`/content/${one.items[0]!.id}`, s))).text();
  expect(detail).toContain("Dana");
  expect(detail).toContain("rejected (pending approval → rejected)");
  expect(detail).toContain(">web<");
  expect(detail).toContain("dull");
  const stranger = signIn(ctx, makeUser(ctx).id);
  expect((await app.handle(authedGet(`/content/${one.items[0]!.id}`, stranger))).status).toBe(404);
});

test("pending batches come first, newest first, even under a finished batch of the same app and day; headings tell them apart", async () => {
  const u = makeUser(ctx);
  const s = signIn(ctx, u.id);
  const day = ctx.clock.now().toISOString().slice(0, 10);
  const old = makeReadyBatch(ctx, u.id, { platforms: ["x"], appName: "Zeta", localDate: day });
  ctx.db.update(contentItems).set({ status: "approved" }).where(eq(contentItems.id, old.items[0]!.id)).run();
  const rerun = makeBatch(ctx, { userId: u.id, webappId: old.webapp.id, localDate: day, attempt: 2 });
  makeItem(ctx, { userId: u.id, webappId: old.webapp.id, batchId: rerun.id, platform: "linkedin" });
  const yesterday = new Date(ctx.clock.now().getTime() - 86_400_000).toISOString().slice(0, 10);
  const older = makeReadyBatch(ctx, u.id, { platforms: ["x"], appName: "Alpha", localDate: yesterday });
  const html = await (await app.handle(authedGet("/approval", s))).text();
  const at = (id: number) => html.indexOf(`id="batch-${id}"`);
  expect(at(rerun.id)).toBeGreaterThan(-1);
  expect(at(rerun.id)).toBeLessThan(at(older.batch.id));
  expect(at(older.batch.id)).toBeLessThan(at(old.batch.id));
  expect(html).toContain(`${day} · run 2`);
  expect(html).toMatch(new RegExp(`${day}( · run \\d+)? · done`));
});

test("reject all asks first (with and without htmx), then can be undone for 10 minutes, and the undo is in each item's history", async () => {
  const u = makeUser(ctx);
  const s = signIn(ctx, u.id);
  const { items, batch } = makeReadyBatch(ctx, u.id, { platforms: ["x", "linkedin"], appName: "Undo App" });
  const other = makeReadyBatch(ctx, u.id, { platforms: ["x"], appName: "Undo Later" });
  const bulk = `/approval/batches/${batch.id}/bulk`;
  const ask = await app.handle(formPost(bulk, s, { action: "reject_all" }));
  expect(ask.status).toBe(200);
  const askPage = await ask.text();
  expect(askPage).toContain("Reject all 2 waiting posts of Undo App? You can undo this for 10 minutes.");
  expect(askPage).toContain('name="confirm" value="yes"');
  const askHtmx = await app.handle(formPost(bulk, s, { action: "reject_all" }, { htmx: true }));
  expect(await askHtmx.text()).toContain("Yes, reject all");
  expect(items.map((i) => status(i.id))).toEqual(["pending_approval", "pending_approval"]);

  const done = await app.handle(formPost(bulk, s, { action: "reject_all", confirm: "yes" }, { htmx: true }));
  const section = await done.text();
  expect(section).toContain("Rejected 2 posts.");
  expect(section).toContain('value="undo_reject_all"');
  expect(items.map((i) => status(i.id))).toEqual(["rejected", "rejected"]);
  expect(await (await app.handle(authedGet("/approval", s))).text()).toContain("Undo reject all (until");

  ctx.clock.advance(9 * 60_000);
  const undo = await app.handle(formPost(bulk, s, { action: "undo_reject_all" }, { htmx: true }));
  expect(await undo.text()).toContain("Put 2 posts back to waiting for approval.");
  expect(items.map((i) => status(i.id))).toEqual(["pending_approval", "pending_approval"]);
  const history = ctx.db.select().from(contentEvents).where(eq(contentEvents.itemId, items[0]!.id)).all();
  expect(history.map((e) => e.action)).toContain("reject_all_undone");
  const again = await app.handle(formPost(bulk, s, { action: "undo_reject_all" }, { htmx: true }));
  expect(await again.text()).toContain("Nothing to undo");

  const later = `/approval/batches/${other.batch.id}/bulk`;
  await app.handle(formPost(later, s, { action: "reject_all", confirm: "yes" }));
  ctx.clock.advance(10 * 60_000 + 1000);
  expect(await (await app.handle(authedGet("/approval", s))).text()).not.toContain(`Undo reject all`);
  const late = await app.handle(formPost(later, s, { action: "undo_reject_all" }, { htmx: true }));
  expect(await late.text()).toContain("Nothing to undo");
  expect(status(other.items[0]!.id)).toBe("rejected");
});

test("after Regenerate media the card follows the render (percent, time left) and is replaced by the finished card, which stops polling", async () => {
  const u = makeUser(ctx);
  const s = signIn(ctx, u.id);
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["instagram"] });
  const id = items[0]!.id;
  const card = await (await app.handle(formPost(`/approval/items/${id}/regenerate-media`, s, {}, { htmx: true }))).text();
  expect(card).toContain(`hx-get="/approval/items/${id}/progress"`);
  expect(card).toContain('hx-trigger="every 2s"');
  const queued = await (await app.handle(authedGet(`/approval/items/${id}/progress`, s))).text();
  expect(queued).toContain(`id="item-${id}-work"`);
  expect(queued).toContain("queued for the media studio");
  // The render worker claims it and reports 25% after 6 s: 18 s left at that speed.
  const job = claimJobByKey(ctx.db, latestMediaJobs(ctx.db, [id]).get(id)!.key, ctx.clock.now(), 60_000)!;
  expect(job.payload).toEqual({ itemId: id });
  markMediaRendering(ctx.db, id, ctx.clock.now());
  extendLease(ctx.db, job.id, new Date(ctx.clock.now().getTime() + 60_000), "25% encoding the short");
  ctx.clock.advance(6_000);
  const running = await (await app.handle(authedGet(`/approval/items/${id}/progress`, s))).text();
  expect(running).toContain('<progress max="100" value="25"');
  expect(running).toContain("25% · about 20 s left · encoding the short");
  saveMediaReady(ctx.db, id, { images: [{ path: "1/x.png", width: 1080, height: 1350, target: "portrait" }] }, ctx.clock.now());
  completeJob(ctx.db, job.id, ctx.clock.now());
  const done = await app.handle(authedGet(`/approval/items/${id}/progress`, s));
  expect(done.headers.get("hx-retarget")).toBe(`#item-${id}`);
  expect(done.headers.get("hx-reswap")).toBe("outerHTML");
  const final = await done.text();
  expect(final).toContain(`<article class="item-card card" id="item-${id}"`);
  expect(final).toContain("/media/1/x.png");
  expect(final).not.toContain('hx-trigger="every 2s"');
  expect(final).not.toContain("new media queued");
});
