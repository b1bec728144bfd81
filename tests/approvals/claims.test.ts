import { afterAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { actOnBatch, approveItems, confirmClaims, editItem } from "../../src/approvals/actions";
import { autoApproveAfterHours } from "../../src/approvals/expiry";
import { createBatchToken } from "../../src/approvals/links";
import { saveSettings } from "../../src/approvals/store";
import { createApiToken } from "../../src/api/tokens";
import { itemHistory } from "../../src/content/store";
import { contentItems } from "../../src/db/schema/content";
import { createApp } from "../../src/server/app";
import { makeTestContext } from "../support/context";
import { authedGet, formPost, makeReadyBatch, makeUser, signIn } from "../support/content-factories";

const ctx = makeTestContext();
const app = createApp(ctx);
afterAll(() => ctx.cleanup());
const web = (userId: number) => ({ userId, channel: "web" as const });
const row = (id: number) => ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!;

const FLAG = { text: "Saves 10 hours a week.", reason: 'a number, the number 10 with "hour" (the site gives it for something else)' };
const SOURCES = [
  { field: "text", text: "Mute 10 groups at once.", url: "https://acme.test/features", snippet: "Mute up to 10 groups at once." },
  { field: "text", text: FLAG.text, url: "", snippet: "" },
];

/** A ready batch of three: the second item carries a claim the site does not back. */
function flaggedBatch() {
  const u = makeUser(ctx);
  const b = makeReadyBatch(ctx, u.id, { platforms: ["x", "linkedin", "facebook"] });
  const flagged = b.items[1]!;
  ctx.db
    .update(contentItems)
    .set({ caption: `Mute 10 groups at once. ${FLAG.text}`, unsupportedClaims: [FLAG], claimSources: SOURCES })
    .where(eq(contentItems.id, flagged.id))
    .run();
  return { u, b, ids: b.items.map((i) => i.id), flagged: flagged.id };
}

test("approve all holds the item with unsupported claims and says so; the others are approved", () => {
  const { u, b, ids, flagged } = flaggedBatch();
  const r = actOnBatch(ctx, u.id, b.batch.id, "approve", web(u.id));
  expect(r).toEqual({ changed: 2, unchanged: 0, held: 1 });
  expect(ids.map((id) => row(id).status)).toEqual(["approved", "pending_approval", "approved"]);
  expect(row(flagged).status).toBe("pending_approval");
  // Selected approval is a bulk action too.
  expect(approveItems(ctx, u.id, [flagged], web(u.id))).toEqual({ changed: 0, unchanged: 0, held: 1 });
});

test("a one-tap link approves the rest and leaves the flagged post for a person", async () => {
  const { u, b, ids } = flaggedBatch();
  const token = createBatchToken(ctx, u.id, b.batch.id, "approve", "email", 36);
  const confirmPage = await (await app.handle(new Request(`http://localhost:3000/links/${token}`))).text();
  expect(confirmPage).toContain("Approve all 2 posts");
  expect(confirmPage).toContain("1 more post has claims the site does not back");
  const res = await app.handle(
    new Request(`http://localhost:3000/links/${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:3000" },
    }),
  );
  const html = await res.text();
  expect(html).toContain("2 posts were approved.");
  expect(html).toContain("1 post has claims the site does not back");
  expect(ids.map((id) => row(id).status)).toEqual(["approved", "pending_approval", "approved"]);
});

test("auto-approval skips the flagged post until a person confirms it with one click", async () => {
  const { u, flagged, ids } = flaggedBatch();
  saveSettings(
    ctx.db,
    ctx.config,
    u.id,
    { digestTime: "08:00", channels: ["inapp"], linkLifetimeHours: 36, unapproved: "auto_approve", autoApproveHours: 1 },
    ctx.clock.now(),
  );
  const later = new Date(ctx.clock.now().getTime() + 2 * 3_600_000);
  await autoApproveAfterHours(ctx, later);
  expect(ids.map((id) => row(id).status)).toEqual(["approved", "pending_approval", "approved"]);
  expect(confirmClaims(ctx, u.id, flagged, web(u.id))).toMatchObject({ ok: true, changed: true });
  expect(row(flagged).unsupportedClaims).toEqual([]);
  expect(itemHistory(ctx.db, flagged).at(-1)).toMatchObject({ action: "claims_confirmed", detail: `"${FLAG.text}"` });
  await autoApproveAfterHours(ctx, later);
  expect(row(flagged).status).toBe("approved");
});

test("editing the copy settles the flagged claims; sources of sentences that left the copy go with them", () => {
  const { u, b, flagged } = flaggedBatch();
  const r = editItem(ctx, u.id, flagged, { caption: "Mute 10 groups at once." }, "UTC", web(u.id));
  expect(r.ok).toBe(true);
  expect(row(flagged).unsupportedClaims).toEqual([]);
  expect(row(flagged).claimSources).toEqual([SOURCES[0]!]);
  expect(actOnBatch(ctx, u.id, b.batch.id, "approve", web(u.id))).toEqual({ changed: 3, unchanged: 0 });
});

test("the card highlights the claim with its reason, offers the confirmation and a Sources view", async () => {
  const { u, flagged } = flaggedBatch();
  const s = signIn(ctx, u.id);
  const html = await (await app.handle(authedGet("/approval", s))).text();
  const card = html.slice(html.indexOf(`id="item-${flagged}"`));
  expect(card).toContain(`<mark class="claim" title="${FLAG.reason.replace(/"/g, "&#34;")}">${FLAG.text}</mark>`);
  expect(card).toContain("These claims are true: confirm");
  expect(card).toContain("<summary>Sources</summary>");
  expect(card).toContain("<q>Mute up to 10 groups at once.</q>");
  expect(card).toContain('href="https://acme.test/features"');
  const bulk = await app.handle(formPost(`/approval/batches/${row(flagged).batchId}/bulk`, s, { action: "approve_all" }, { htmx: true }));
  expect(await bulk.text()).toContain("1 post has claims the site does not back");
  const confirm = await app.handle(formPost(`/approval/items/${flagged}/confirm-claims`, s, {}, { htmx: true }));
  expect(confirm.status).toBe(200);
  expect(await confirm.text()).toContain("Confirmed");
  expect(row(flagged).unsupportedClaims).toEqual([]);
});

test("the API shows unsupported claims and sources on the content item, holds them in batch approval, and confirms them", async () => {
  const { u, b, flagged } = flaggedBatch();
  const { token } = createApiToken(ctx.db, u.id, "test", ctx.clock.now());
  const api = (path: string, method = "GET") =>
    app.handle(new Request(`http://localhost:3000/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}` } }));
  const item = (await (await api(`/content/${flagged}`)).json()).item;
  expect(item.unsupportedClaims).toEqual([FLAG]);
  expect(item.sources).toEqual(SOURCES);
  expect(await (await api(`/batches/${b.batch.id}/approve`, "POST")).json()).toEqual({
    batchId: b.batch.id,
    approved: 2,
    unchanged: 0,
    held: 1,
  });
  const confirmed = await (await api(`/content/${flagged}/confirm-claims`, "POST")).json();
  expect(confirmed).toMatchObject({ changed: true, item: { unsupportedClaims: [] } });
  expect(await (await api(`/batches/${b.batch.id}/approve`, "POST")).json()).toMatchObject({ approved: 1 });
});
