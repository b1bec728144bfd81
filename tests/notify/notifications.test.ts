import { afterAll, expect, test } from "bun:test";
import { createApp } from "../../src/server/app";
import { addNotification, unreadCount } from "../../src/notify/store";
import { makeTestContext } from "../support/context";
import { authedGet, formPost, makeUser, signIn } from "../support/content-factories";

const ctx = makeTestContext();
afterAll(() => ctx.cleanup());

test("in-app notifications: unread count on the approval page, list, mark all read; only the owner's", async () => {
  const app = createApp(ctx);
  const u = makeUser(ctx);
  const other = makeUser(ctx);
  addNotification(
    ctx.db,
    { userId: u.id, kind: "batch.ready", title: "3 posts for <Acme> wait for approval", href: "/approval#batch-1" },
    ctx.clock.now(),
  );
  addNotification(ctx.db, { userId: other.id, kind: "batch.ready", title: "someone else's" }, ctx.clock.now());
  const s = signIn(ctx, u.id);
  expect(await (await app.handle(authedGet("/approval", s))).text()).toContain("Notifications (1 unread)");
  const list = await (await app.handle(authedGet("/notifications", s))).text();
  expect(list).toContain("3 posts for &lt;Acme&gt; wait for approval");
  expect(list).not.toContain("someone else");
  expect((await app.handle(formPost("/notifications/read", s))).status).toBe(303);
  expect(unreadCount(ctx.db, u.id)).toBe(0);
  expect(unreadCount(ctx.db, other.id)).toBe(1);
});

test("the sidebar's bell shows the unread count on every page, and none once read", async () => {
  const app = createApp(ctx);
  const u = makeUser(ctx);
  const s = signIn(ctx, u.id);
  const bell = async (path: string) => (await (await app.handle(authedGet(path, s))).text()).match(/<a class="bell"[^]*?<\/a>/)?.[0] ?? "";
  expect(await bell("/settings")).toContain('href="/notifications"');
  expect(await bell("/settings")).not.toContain("badge");
  for (let i = 0; i < 2; i++) addNotification(ctx.db, { userId: u.id, kind: "batch.ready", title: `batch ${i}` }, ctx.clock.now());
  for (const path of ["/settings", "/dashboard", "/webapps", "/usage"]) {
    const html = await bell(path);
    expect(html).toContain('aria-label="Notifications, 2 unread"');
    expect(html).toContain('<span class="badge count">2</span>');
  }
  await app.handle(formPost("/notifications/read", s));
  expect(await bell("/dashboard")).not.toContain("badge");
});
