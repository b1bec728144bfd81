import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "bun:test";
import { linkTelegramChat, saveSettings } from "../../src/approvals/store";
import { registerAlertListeners } from "../../src/notify/alerts";
import { listNotifications, unreadCount } from "../../src/notify/store";
import { FakeTelegram } from "../fakes/telegram";
import { makeItem, makeUser, makeWebapp } from "../support/content-factories";
import { makeTestContext } from "../support/context";
import { startSmtp, type TestSmtp } from "../support/smtp";

const fake = new FakeTelegram().start();
let smtp: TestSmtp;
let ctx: ReturnType<typeof makeTestContext>;

beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
  await fake.stop();
});
beforeEach(() => {
  ctx = makeTestContext({
    ...smtp.env,
    AMARKTAI_TELEGRAM_BOT_TOKEN: fake.token,
    AMARKTAI_TELEGRAM_API_BASE_URL: fake.url,
    AMARKTAI_SERVER_PUBLIC_BASE_URL: "https://amk.example.test",
  });
  registerAlertListeners(ctx);
});
afterEach(() => ctx.cleanup());

test("a failed post is announced in-app and by email with the reason and a link to the item", async () => {
  const user = makeUser(ctx, { email: "owner@example.test" });
  const app = makeWebapp(ctx, user.id);
  const item = makeItem(ctx, { userId: user.id, webappId: app.id, platform: "linkedin", status: "failed" });
  await ctx.events.emit("content.attention", {
    itemId: item.id,
    userId: user.id,
    reason: "LinkedIn allows 3000 characters; this post has 3120.",
  });
  const notes = listNotifications(ctx.db, user.id);
  expect(notes).toHaveLength(1);
  expect(notes[0]!.title).toBe(`Post #${item.id} to LinkedIn failed`);
  expect(notes[0]!.href).toBe(`/content/${item.id}`);
  expect(unreadCount(ctx.db, user.id)).toBe(1);
  const mail = await smtp.next();
  expect(mail.to).toEqual(["owner@example.test"]);
  expect(mail.raw).toContain("3120");
  expect(mail.raw).toContain(`https://amk.example.test/content/${item.id}`);
});

test("a revoked connection reaches a linked Telegram chat when the user chose Telegram, and email is skipped when not chosen", async () => {
  const user = makeUser(ctx, { email: "tg@example.test" });
  const now = ctx.clock.now();
  saveSettings(
    ctx.db,
    ctx.config,
    user.id,
    { digestTime: "08:00", channels: ["telegram", "inapp"], linkLifetimeHours: 36, unapproved: "expire", autoApproveHours: 6 },
    now,
  );
  linkTelegramChat(ctx.db, user.id, "4242", "owner", now);
  const before = smtp.received.length;
  const sentBefore = fake.calls.filter((c) => c.method === "sendMessage").length;
  await ctx.events.emit("connection.revoked", {
    connectionId: 1,
    userId: user.id,
    platform: "x",
    reason: "X says the access was revoked.",
  });
  const sent = fake.calls.filter((c) => c.method === "sendMessage").slice(sentBefore);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.params.chat_id).toBe("4242");
  expect(String(sent[0]!.params.text)).toContain("Reconnect X");
  expect(String(sent[0]!.params.text)).toContain("https://amk.example.test/platforms");
  expect(listNotifications(ctx.db, user.id)[0]!.title).toBe("Reconnect X");
  // emit waited for every listener, so the alert is sent in full; a mail would already be recorded (the SMTP
  // server records a message before it acknowledges it).
  expect(smtp.received.length).toBe(before);
});
