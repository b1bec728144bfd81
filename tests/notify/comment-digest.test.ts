import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { linkTelegramChat, saveSettings } from "../../src/approvals/store";
import { contentItems } from "../../src/db/schema/content";
import { comments } from "../../src/db/schema/inbox";
import { syncComments } from "../../src/inbox/sync";
import { sendDueDigests } from "../../src/notify/digest";
import { createApp } from "../../src/server/app";
import { findUserById } from "../../src/users/store";
import { FakeTelegram } from "../fakes/telegram";
import { youtubeWorld } from "../platforms/youtube-helpers";
import { makeReadyBatch } from "../support/content-factories";
import { decodeQuotedPrintable, startSmtp } from "./smtp";

let smtp: Awaited<ReturnType<typeof startSmtp>>;
const telegram = new FakeTelegram().start();
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.stop();
  await telegram.stop();
});
let close: (() => void) | undefined;
afterEach(() => close?.());

const replyTokens = (text: string) => [...new Set([...text.matchAll(/\/links\/reply\/([a-z0-9]{40,})/g)].map((m) => m[1]!))];

/** A published video with one question in the inbox, digests at 08:00 on `channels`, and no batch waiting. */
async function world(channels: ("email" | "telegram")[]) {
  const w = youtubeWorld({
    env: {
      AMARKTAI_SMTP_HOST: "127.0.0.1",
      AMARKTAI_SMTP_PORT: String(smtp.port),
      AMARKTAI_SERVER_PUBLIC_BASE_URL: "https://amk.example.test",
      AMARKTAI_TELEGRAM_BOT_TOKEN: telegram.token,
      AMARKTAI_TELEGRAM_API_BASE_URL: telegram.url,
    },
  });
  close = () => w.close();
  const item = w.item();
  await w.run();
  w.fake.addComment(w.get(item.id).remoteId!, "asker", "Does it work offline?");
  await syncComments(w.ctx, { adapters: w.deps.adapters });
  saveSettings(
    w.ctx.db,
    w.ctx.config,
    w.owner.userId,
    { digestTime: "08:00", channels, linkLifetimeHours: 36, unapproved: "expire", autoApproveHours: 6 },
    w.ctx.clock.now(),
  );
  const email = findUserById(w.ctx.db, w.owner.userId)!.email;
  const mailsTo = () => smtp.mails.filter((m) => m.to.some((t) => t.includes(email)));
  return { w, mailsTo };
}

describe("a comment-only digest on days without a batch", () => {
  test("goes out once a day by email with a one-tap link that confirms on GET; more runs and a restart send nothing more", async () => {
    const { w, mailsTo } = await world(["email"]);
    w.ctx.clock.set(new Date("2026-03-02T07:59:00Z"));
    await sendDueDigests(w.ctx, w.ctx.clock.now());
    expect(mailsTo().length).toBe(0);
    w.ctx.clock.set(new Date("2026-03-02T08:00:00Z"));
    await sendDueDigests(w.ctx, w.ctx.clock.now());
    await sendDueDigests(w.ctx, w.ctx.clock.now());
    expect(mailsTo().length).toBe(1);
    const mail = decodeQuotedPrintable(mailsTo()[0]!.raw);
    expect(mail).toContain("Subject: 1 comment needs an answer");
    expect(mail).toContain("Does it work offline?");
    expect(mail).not.toContain("ready for approval");
    const [token] = replyTokens(mail);
    expect(token).toBeTruthy();
    const page = await createApp(w.ctx).handle(new Request(`http://localhost:3000/links/reply/${token}`));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Send this reply");

    // a restart is a new process on the same database: the day's claim is there, nothing is sent again
    w.ctx.clock.set(new Date("2026-03-02T15:00:00Z"));
    await sendDueDigests(w.ctx, w.ctx.clock.now());
    expect(mailsTo().length).toBe(1);
    // the next day the question still waits: one more digest
    w.ctx.clock.set(new Date("2026-03-03T08:01:00Z"));
    await sendDueDigests(w.ctx, w.ctx.clock.now());
    expect(mailsTo().length).toBe(2);
  });

  test("nothing goes out when no comment needs an answer", async () => {
    const { w, mailsTo } = await world(["email"]);
    w.ctx.db.update(comments).set({ state: "done" }).run();
    await sendDueDigests(w.ctx, w.ctx.clock.now());
    expect(mailsTo().length).toBe(0);
  });

  test("a day whose batch digest carried the comments sends no comment-only digest after the batch is approved", async () => {
    const { w, mailsTo } = await world(["email"]);
    const batch = makeReadyBatch(w.ctx, w.owner.userId, { platforms: ["x"], appName: "Acme Notes" });
    await sendDueDigests(w.ctx, w.ctx.clock.now());
    expect(mailsTo().length).toBe(1);
    expect(decodeQuotedPrintable(mailsTo()[0]!.raw)).toContain("1 comment needs an answer");
    w.ctx.db.update(contentItems).set({ status: "approved" }).where(eq(contentItems.batchId, batch.batch.id)).run();
    w.ctx.clock.advance(60_000);
    await sendDueDigests(w.ctx, w.ctx.clock.now());
    expect(mailsTo().length).toBe(1);
  });

  test("Telegram gets the same short message with its own link, once", async () => {
    const { w } = await world(["telegram"]);
    linkTelegramChat(w.ctx.db, w.owner.userId, "5151", null, w.ctx.clock.now());
    await sendDueDigests(w.ctx, w.ctx.clock.now());
    await sendDueDigests(w.ctx, w.ctx.clock.now());
    const msgs = telegram.calls
      .filter((x) => x.method === "sendMessage" && Number(x.params.chat_id) === 5151)
      .map((x) => String(x.params.text));
    expect(msgs.length).toBe(1);
    expect(msgs[0]).toContain("1 comment needs an answer");
    expect(replyTokens(msgs[0]!).length).toBe(1);
  });

  test("a failed send gives the claim back: the next run sends it", async () => {
    const { w, mailsTo } = await world(["email"]);
    const send = w.ctx.mailer.send;
    w.ctx.mailer.send = async () => {
      throw new Error("mail: 421 try again later");
    };
    await sendDueDigests(w.ctx, w.ctx.clock.now());
    expect(mailsTo().length).toBe(0);
    w.ctx.mailer.send = send;
    await sendDueDigests(w.ctx, w.ctx.clock.now());
    expect(mailsTo().length).toBe(1);
  });
});
