import { afterAll, expect, test } from "bun:test";
import { postingAccounts } from "../../src/approvals/account-store";
import { createApp } from "../../src/server/app";
import { markReconnectNeeded, saveConnection } from "../../src/publishing/connections";
import { makeTestContext } from "../support/context";
import { authedGet, formPost, makeReadyBatch, makeUser, signIn } from "../support/content-factories";

const ctx = makeTestContext();
const app = createApp(ctx);
afterAll(() => ctx.cleanup());

function connect(userId: number, platform: string, accountName: string, avatarUrl = "") {
  return saveConnection(
    ctx,
    { userId, platform: platform as never, accountId: `${platform}-${accountName}`, accountName, avatarUrl, tokens: { accessToken: "t" } },
    ctx.clock.now(),
  );
}

/** The HTML of one card, from its <article> to the next. */
function card(html: string, itemId: number): string {
  const start = html.indexOf(`id="item-${itemId}"`);
  const end = html.indexOf("<article", start);
  return html.slice(start, end < 0 ? undefined : end);
}

test("each card shows the account its post goes out as, or that it will be exported by hand", async () => {
  const u = makeUser(ctx);
  const s = signIn(ctx, u.id);
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["x", "youtube", "linkedin"] });
  const [x, yt, li] = items;
  connect(u.id, "x", "Acme <Notes> (@acme)", "https://pbs.twimg.com/a.jpg");
  markReconnectNeeded(ctx, connect(u.id, "youtube", "Acme Channel", "http://insecure.example/a.jpg").id, "revoked", ctx.clock.now());
  const html = await (await app.handle(authedGet("/approval", s))).text();
  const xCard = card(html, x!.id);
  expect(xCard).toContain("Acme &lt;Notes&gt; (@acme)");
  expect(xCard).toContain(`src="https://pbs.twimg.com/a.jpg"`);
  expect(xCard).not.toContain("not connected");
  const ytCard = card(html, yt!.id);
  expect(ytCard).toContain("Acme Channel");
  expect(ytCard).toContain("reconnect needed");
  expect(ytCard).not.toContain("insecure.example"); // only https avatars are shown
  expect(card(html, li!.id)).toContain("not connected — will be exported for manual posting");
});

test("another user's connection never shows on my cards", async () => {
  const me = makeUser(ctx);
  const other = makeUser(ctx);
  connect(other.id, "x", "Someone Else");
  const { items } = makeReadyBatch(ctx, me.id, { platforms: ["x"] });
  const html = await (await app.handle(authedGet("/approval", signIn(ctx, me.id)))).text();
  const c = card(html, items[0]!.id);
  expect(c).not.toContain("Someone Else");
  expect(c).toContain("not connected");
});

test("the card returned by an htmx action and the batch returned by a bulk action keep the account", async () => {
  const u = makeUser(ctx);
  const s = signIn(ctx, u.id);
  const { items, batch } = makeReadyBatch(ctx, u.id, { platforms: ["x", "tiktok"] });
  connect(u.id, "x", "Acme X");
  const one = await (await app.handle(formPost(`/approval/items/${items[0]!.id}/approve`, s, {}, { htmx: true }))).text();
  expect(one).toContain("Acme X");
  const bulk = await (
    await app.handle(formPost(`/approval/batches/${batch.id}/bulk`, s, { action: "approve_all" }, { htmx: true }))
  ).text();
  expect(card(bulk, items[0]!.id)).toContain("Acme X");
  expect(card(bulk, items[1]!.id)).toContain("not connected — will be exported for manual posting");
});

test("postingAccounts picks the oldest connection per platform, like the publishing engine", () => {
  const u = makeUser(ctx);
  connect(u.id, "linkedin", "Member profile");
  connect(u.id, "linkedin", "Company page");
  connect(u.id, "facebook", "");
  const m = postingAccounts(ctx.db, u.id);
  expect(m.get("linkedin")!.name).toBe("Member profile");
  expect(m.get("facebook")!.name).toBe("facebook-"); // no name: the account id stands in
  expect(m.has("x")).toBe(false);
});
