import { afterAll, beforeAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getSettings, saveSettings, setTelegramCode } from "../../src/approvals/store";
import { approvalSettings } from "../../src/db/schema/approvals";
import { contentItems } from "../../src/db/schema/content";
import { announceBatches, sendDueDigests } from "../../src/notify/digest";
import { TelegramClient, TelegramError } from "../../src/notify/telegram";
import { hashLinkCode } from "../../src/approvals/telegram-code";
import { startTelegram, type TelegramReceiver } from "../../src/notify/telegram-poller";
import { FakeTelegram } from "../fakes/telegram";
import { makeTestContext } from "../support/context";
import { makeReadyBatch, makeUser } from "../support/content-factories";

const fake = new FakeTelegram().start();
let ctx: ReturnType<typeof makeTestContext>;
let bot: TelegramReceiver;
beforeAll(() => {
  ctx = makeTestContext({
    AMARKTAI_TELEGRAM_BOT_TOKEN: fake.token,
    AMARKTAI_TELEGRAM_API_BASE_URL: fake.url,
    AMARKTAI_TELEGRAM_POLL_TIMEOUT_SECONDS: "1",
    AMARKTAI_SERVER_PUBLIC_BASE_URL: "https://amk.example.test",
  });
  bot = startTelegram(ctx);
});
afterAll(async () => {
  await bot.stop();
  await fake.stop();
  ctx.cleanup();
});

const status = (id: number) => ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!.status;
const toChat = (chat: number) => fake.calls.filter((c) => c.method.startsWith("send") && Number(c.params.chat_id) === chat);
const keyboardOf = (c: { params: Record<string, unknown> }) =>
  (c.params.reply_markup as { inline_keyboard: { text: string; callback_data?: string; url?: string }[][] }).inline_keyboard.flat();

async function link(userId: number, chat: number, code: string): Promise<void> {
  setTelegramCode(ctx.db, ctx.config, userId, hashLinkCode(code), new Date(ctx.clock.now().getTime() + 900_000), ctx.clock.now());
  fake.sendText(chat, `/start ${code.toLowerCase()}`);
  await fake.waitFor(() => toChat(chat).some((c) => String(c.params.text).startsWith("Linked to")));
}

test("unlinked chats get no answer; a valid one-time code links the chat once", async () => {
  const u = makeUser(ctx, { email: "tg@example.test" });
  fake.sendText(555, "hello bot");
  fake.sendText(555, "ABCDEFGH");
  await fake.waitFor(() => fake.drained && fake.callsOf("getUpdates").length >= 3);
  expect(toChat(555)).toEqual([]);
  await link(u.id, 777, "K7M2P9QX");
  expect(getSettings(ctx.db, ctx.config, u.id, ctx.clock.now())).toMatchObject({ telegramChatId: "777", telegramCodeHash: null });
  // the code is burnt: another chat sending it gets nothing
  fake.sendText(556, "K7M2P9QX");
  fake.sendText(777, "what now?");
  await fake.waitFor(() => toChat(777).length === 2);
  expect(toChat(556)).toEqual([]);
});

test("digest message with Approve all / Reject all / Review / Previews; callbacks checked against the linked chat and scope", async () => {
  const u = makeUser(ctx, { email: "owner@example.test" });
  await link(u.id, 901, "OWNRCODE");
  saveSettings(
    ctx.db,
    ctx.config,
    u.id,
    { digestTime: "08:00", channels: ["telegram"], linkLifetimeHours: 36, unapproved: "expire", autoApproveHours: 6 },
    ctx.clock.now(),
  );
  const { items, batch } = makeReadyBatch(ctx, u.id, { platforms: ["x", "linkedin"], appName: "Acme & Co" });
  mkdirSync(join(ctx.config.storage.media_dir, "u", "b"), { recursive: true });
  writeFileSync(join(ctx.config.storage.media_dir, "u", "b", "v.mp4"), Buffer.alloc(2048, 1));
  ctx.db
    .update(contentItems)
    .set({ media: { video: "u/b/v.mp4" } })
    .where(eq(contentItems.id, items[0]!.id))
    .run();

  await sendDueDigests(ctx, ctx.clock.now()); // 12:00 UTC, after 08:00
  const digest = toChat(901).find((c) => String(c.params.text).includes("Acme &amp; Co"))!;
  expect(digest.params.parse_mode).toBe("HTML");
  expect(String(digest.params.text)).toContain("2 posts wait for approval");
  const buttons = keyboardOf(digest);
  expect(buttons.map((b) => b.text)).toEqual(["Approve all", "Reject all", "Review", "Previews"]);
  expect(buttons[2]!.url).toBe(`https://amk.example.test/approval#batch-${batch.id}`);
  const approve = buttons[0]!.callback_data!;
  const reject = buttons[1]!.callback_data!;
  const messageId = 4242;

  // an unlinked chat replaying the button: ignored entirely
  fake.tap(31337, messageId, approve);
  // another linked user pressing this user's button: refused, nothing changes
  const other = makeUser(ctx);
  await link(other.id, 902, "OTHRCODE");
  const foreign = fake.tap(902, messageId, approve);
  await fake.waitFor(() => fake.callsOf("answerCallbackQuery").some((c) => c.params.callback_query_id === foreign));
  expect(fake.callsOf("answerCallbackQuery").find((c) => c.params.callback_query_id === foreign)!.params.text).toContain(
    "belongs to another account",
  );
  expect(fake.callsOf("answerCallbackQuery").length).toBe(1);
  expect(items.map((i) => status(i.id))).toEqual(["pending_approval", "pending_approval"]);

  // previews on request: the video uploaded from the media folder, the other as text
  const prev = fake.tap(901, messageId, `P:${batch.id}`);
  await fake.waitFor(() => fake.callsOf("answerCallbackQuery").some((c) => c.params.callback_query_id === prev));
  const video = fake.callsOf("sendVideo").at(-1)!;
  expect(video.file).toEqual({ field: "video", name: "v.mp4", size: 2048 });
  expect(String(video.params.caption)).toContain("X");
  expect(fake.callsOf("answerCallbackQuery").at(-1)!.params.text).toBe("Sent 2 previews.");

  // the owner approves all; the keyboard is replaced; a replay is refused
  const tap = fake.tap(901, messageId, approve);
  await fake.waitFor(() => fake.callsOf("answerCallbackQuery").some((c) => c.params.callback_query_id === tap));
  expect(fake.callsOf("answerCallbackQuery").at(-1)!.params.text).toBe("Approved 2 posts.");
  expect(items.map((i) => status(i.id))).toEqual(["approved", "approved"]);
  const edit = fake.callsOf("editMessageReplyMarkup").at(-1)!;
  expect(edit.params).toMatchObject({ chat_id: "901", message_id: messageId });
  expect(keyboardOf(edit).map((b) => b.text)).toEqual(["Review"]);
  const replay = fake.tap(901, messageId, approve);
  await fake.waitFor(() => fake.callsOf("answerCallbackQuery").some((c) => c.params.callback_query_id === replay));
  expect(fake.callsOf("answerCallbackQuery").at(-1)!.params.text).toContain("already been used");
  const late = fake.tap(901, messageId, reject);
  await fake.waitFor(() => fake.callsOf("answerCallbackQuery").some((c) => c.params.callback_query_id === late));
  expect(fake.callsOf("answerCallbackQuery").at(-1)!.params.text).toBe("Nothing was waiting for approval; nothing changed.");
  expect(items.map((i) => status(i.id))).toEqual(["approved", "approved"]);
  // every tap from a linked chat was answered exactly once; the unlinked chat's never
  expect(fake.callsOf("answerCallbackQuery").length).toBe(5);
});

test("a Bot API error keeps the batch unannounced so the next run retries; /unlink stops the bot answering", async () => {
  const u = makeUser(ctx);
  await link(u.id, 903, "RTRYCODE");
  saveSettings(
    ctx.db,
    ctx.config,
    u.id,
    { digestTime: "08:00", channels: ["telegram"], linkLifetimeHours: 36, unapproved: "expire", autoApproveHours: 6 },
    ctx.clock.now(),
  );
  const { batch } = makeReadyBatch(ctx, u.id, { platforms: ["x"], appName: "Retry App" });
  fake.failOnce("sendMessage", 429, "Too Many Requests: retry after 3", 3);
  expect(await announceBatches(ctx, u, [batch.id])).toMatchObject({ telegram: 0 });
  expect(ctx.logLines.some((l) => l.includes("Too Many Requests"))).toBe(true);
  expect(await announceBatches(ctx, u, [batch.id])).toMatchObject({ telegram: 1 });
  expect(await announceBatches(ctx, u, [batch.id])).toMatchObject({ telegram: 0 });
  fake.sendText(903, "/unlink");
  await fake.waitFor(() => toChat(903).some((c) => String(c.params.text).startsWith("Unlinked")));
  expect(getSettings(ctx.db, ctx.config, u.id, ctx.clock.now()).telegramChatId).toBeNull();
  const before = toChat(903).length;
  fake.sendText(903, "hello?");
  // drained: a later getUpdates confirmed the update, and the poller asks again only after handling it (and sending any reply).
  await fake.waitFor(() => fake.drained);
  expect(toChat(903).length).toBe(before);
});

test("without a public HTTPS address the Review link goes in the text (Telegram refuses localhost buttons)", async () => {
  const local = makeTestContext({ AMARKTAI_TELEGRAM_BOT_TOKEN: fake.token, AMARKTAI_TELEGRAM_API_BASE_URL: fake.url });
  try {
    const u = makeUser(local);
    saveSettings(
      local.db,
      local.config,
      u.id,
      { digestTime: "08:00", channels: ["telegram"], linkLifetimeHours: 36, unapproved: "expire", autoApproveHours: 6 },
      local.clock.now(),
    );
    local.db.update(approvalSettings).set({ telegramChatId: "904" }).run();
    const { batch } = makeReadyBatch(local, u.id, { platforms: ["x"], appName: "Local App" });
    expect(await announceBatches(local, u, [batch.id])).toMatchObject({ telegram: 1 });
    const msg = toChat(904).at(-1)!;
    expect(String(msg.params.text)).toContain(`Review: http://localhost:3000/approval#batch-${batch.id}`);
    expect(keyboardOf(msg).map((b) => b.text)).toEqual(["Approve all", "Reject all", "Previews"]);
  } finally {
    local.cleanup();
  }
});

test("the client surfaces Bot API errors with code, description and retry_after", async () => {
  const client = new TelegramClient(fake.url, fake.token);
  const e = await client.sendMessage("1", "").catch((x) => x);
  expect(e).toBeInstanceOf(TelegramError);
  expect(e).toMatchObject({ code: 400, description: "Bad Request: message text is empty" });
  const bad = await new TelegramClient(fake.url, "wrong").getUpdates(undefined, 0).catch((x) => x);
  expect(bad).toMatchObject({ code: 401, description: "Unauthorized" });
});
