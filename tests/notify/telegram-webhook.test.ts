import { afterAll, expect, test } from "bun:test";
import { getSettings, setTelegramCode } from "../../src/approvals/store";
import { createApp } from "../../src/server/app";
import { hashLinkCode } from "../../src/approvals/telegram-code";
import { startTelegram } from "../../src/notify/telegram-poller";
import { FakeTelegram } from "../fakes/telegram";
import { makeTestContext } from "../support/context";
import { makeUser } from "../support/content-factories";

const fake = new FakeTelegram().start();
const ctx = makeTestContext({
  AMARKTAI_TELEGRAM_BOT_TOKEN: fake.token,
  AMARKTAI_TELEGRAM_API_BASE_URL: fake.url,
  AMARKTAI_TELEGRAM_WEBHOOK: "true",
  AMARKTAI_TELEGRAM_WEBHOOK_SECRET: "s3cret-value",
  AMARKTAI_SERVER_PUBLIC_BASE_URL: "https://amk.example.test",
});
afterAll(async () => {
  await fake.stop();
  ctx.cleanup();
});

const hook = (secret: string, update: unknown) =>
  createApp(ctx).handle(
    new Request("http://localhost:3000/telegram/webhook", {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
      body: JSON.stringify(update),
    }),
  );

test("with a public HTTPS address the bot registers a webhook and accepts updates only with the secret", async () => {
  const receiver = startTelegram(ctx);
  await fake.waitFor(() => fake.callsOf("setWebhook").length === 1);
  expect(fake.callsOf("setWebhook")[0]!.params).toMatchObject({
    url: "https://amk.example.test/telegram/webhook",
    secret_token: "s3cret-value",
  });
  expect(fake.callsOf("getUpdates")).toEqual([]);
  await receiver.stop();

  const u = makeUser(ctx, { email: "hook@example.test" });
  setTelegramCode(ctx.db, ctx.config, u.id, hashLinkCode("WBHKCODE"), new Date(ctx.clock.now().getTime() + 60_000), ctx.clock.now());
  const update = { update_id: 1, message: { message_id: 1, date: 0, chat: { id: 5150, type: "private" }, text: "WBHKCODE" } };
  expect((await hook("wrong", update)).status).toBe(404);
  expect(getSettings(ctx.db, ctx.config, u.id, ctx.clock.now()).telegramChatId).toBeNull();
  expect((await hook("s3cret-value", update)).status).toBe(200);
  expect(getSettings(ctx.db, ctx.config, u.id, ctx.clock.now()).telegramChatId).toBe("5150");
  expect(String(fake.callsOf("sendMessage").at(-1)!.params.text)).toContain("Linked to hook@example.test");
});
