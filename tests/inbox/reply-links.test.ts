import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { linkTelegramChat, saveSettings } from "../../src/approvals/store";
import type { AppContext } from "../../src/app/context";
import { comments } from "../../src/db/schema/inbox";
import { createReplyToken, currentDraftOf } from "../../src/inbox/reply-links";
import { commentReplyHandler, commentReplyJob } from "../../src/inbox/reply-job";
import type { ReplyDeps } from "../../src/inbox/reply";
import { replyOf } from "../../src/inbox/reply-store";
import { syncComments } from "../../src/inbox/sync";
import { handlersOf } from "../../src/jobs/declare";
import { claimNextJob, completeJob, failJob } from "../../src/jobs/store";
import { JobError } from "../../src/jobs/worker";
import { sendPendingDigestNow } from "../../src/notify/digest";
import { createApp } from "../../src/server/app";
import { findUserById } from "../../src/users/store";
import { FakeTelegram } from "../fakes/telegram";
import { decodeQuotedPrintable, startSmtp } from "../notify/smtp";
import { youtubeWorld } from "../platforms/youtube-helpers";
import { makeReadyBatch, makeUser, signIn } from "../support/content-factories";
import { jobContext } from "../support/publishing-factories";

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

/** The "send this reply" tokens (/links/reply/<token>) in a text. */
const replyTokens = (text: string) => [...new Set([...text.matchAll(/\/links\/reply\/([a-z0-9]{40,})/g)].map((m) => m[1]!))];

/** Runs every due reply job once, as the worker would. */
async function runReplies(ctx: AppContext, deps: ReplyDeps) {
  const handlers = handlersOf([commentReplyHandler(ctx, deps)]);
  for (let job = claimNextJob(ctx.db, ctx.clock.now(), 60_000, [commentReplyJob.kind]); job; ) {
    try {
      await handlers[job.kind]!(job, jobContext());
      completeJob(ctx.db, job.id, ctx.clock.now());
    } catch (e) {
      failJob(ctx.db, job, String(e), ctx.clock.now(), { retryable: e instanceof JobError && e.retryable });
    }
    job = claimNextJob(ctx.db, ctx.clock.now(), 60_000, [commentReplyJob.kind]);
  }
}

/** A published YouTube video with a hostile question synced into the inbox, and a batch waiting so the digest goes out. */
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
  const videoId = w.get(item.id).remoteId!;
  const remote = w.fake.addComment(videoId, "asker <b>", "Does it work offline? <script>x()</script> see https://evil.example.com/x?y=1");
  await syncComments(w.ctx, { adapters: w.deps.adapters });
  const c = w.ctx.db.select().from(comments).where(eq(comments.remoteId, remote)).get()!;
  saveSettings(
    w.ctx.db,
    w.ctx.config,
    w.owner.userId,
    { digestTime: "08:00", channels, linkLifetimeHours: 36, unapproved: "expire", autoApproveHours: 6 },
    w.ctx.clock.now(),
  );
  makeReadyBatch(w.ctx, w.owner.userId, { platforms: ["x"], appName: "Acme Notes" });
  const app = createApp(w.ctx);
  const get = (token: string, headers: Record<string, string> = {}) =>
    app.handle(new Request(`http://localhost:3000/links/reply/${token}`, { headers }));
  const post = (token: string, headers: Record<string, string> = {}) =>
    app.handle(
      new Request(`http://localhost:3000/links/reply/${token}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:3000", ...headers },
      }),
    );
  const draft = currentDraftOf(w.ctx, w.owner.userId, c.id)!.draft;
  return { w, c, app, get, post, draft, deps: { adapters: w.deps.adapters } as ReplyDeps };
}

describe("digests list comments that need an answer with a one-tap 'send this reply' link", () => {
  test("the email lists the comment (inert) and the draft; GET confirms without sending; POST sends once even when posted twice", async () => {
    const { w, c, get, post, draft, deps } = await world(["email"]);
    expect(draft.length).toBeGreaterThan(0);
    const before = smtp.mails.length;
    await sendPendingDigestNow(w.ctx, findUserById(w.ctx.db, w.owner.userId)!);
    expect(smtp.mails.length).toBe(before + 1);
    const mail = decodeQuotedPrintable(smtp.mails.at(-1)!.raw);
    expect(mail).toContain("1 comment needs an answer");
    expect(mail).toContain("Does it work offline?");
    expect(mail).toContain("[link: evil.example.com]");
    expect(mail).not.toContain("https://evil.example.com");
    const html = mail.slice(mail.indexOf("text/html"));
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(mail).toContain(Bun.escapeHTML(draft));
    const tokens = replyTokens(mail);
    expect(tokens.length).toBe(1);
    expect(mail).toContain(`https://amk.example.test/links/reply/${tokens[0]}`);

    const confirm = await get(tokens[0]!);
    expect(confirm.status).toBe(200);
    const page = await confirm.text();
    expect(page).toContain("Send this reply");
    expect(page).toContain(Bun.escapeHTML(draft));
    expect(page).toContain("[link: evil.example.com]");
    expect(page).not.toContain("<script>x()");
    await get(tokens[0]!);
    await runReplies(w.ctx, deps);
    expect(replyOf(w.ctx.db, c.id)).toBeUndefined();
    expect(w.fake.comments.inserted).toEqual([]);

    const [first, second] = await Promise.all([post(tokens[0]!), post(tokens[0]!)]);
    const texts = [await first.text(), await second.text()];
    expect([first.status, second.status].sort()).toEqual([200, 410]);
    expect(texts.some((t) => t.includes("Your reply is being sent"))).toBe(true);
    expect(texts.some((t) => t.includes("already been used"))).toBe(true);
    const third = await post(tokens[0]!);
    expect(third.status).toBe(410);
    await runReplies(w.ctx, deps);
    await runReplies(w.ctx, deps);
    expect(w.fake.comments.inserted).toEqual([{ parentId: c.remoteId, text: draft }]);
    expect(replyOf(w.ctx.db, c.id)!.phase).toBe("confirmed");

    // answered: the next digest has no comment section
    await sendPendingDigestNow(w.ctx, findUserById(w.ctx.db, w.owner.userId)!);
    const next = decodeQuotedPrintable(smtp.mails.at(-1)!.raw);
    expect(next).toContain("ready for approval");
    expect(next).not.toContain("needs an answer");
    expect(replyTokens(next)).toEqual([]);
  });

  test("expired, tampered, changed-draft and another user's links refuse with a sentence and send nothing", async () => {
    const { w, c, get, post, draft, deps } = await world(["email"]);
    const uid = w.owner.userId;
    const expired = createReplyToken(w.ctx, uid, c.id, draft, 1);
    const stale = createReplyToken(w.ctx, uid, c.id, `${draft} (old wording)`, 36);
    const good = createReplyToken(w.ctx, uid, c.id, draft, 36);
    const foreign = createReplyToken(w.ctx, makeUser(w.ctx).id, c.id, draft, 36);
    w.ctx.clock.advance(2 * 3600_000);

    for (const send of [get, post]) {
      const e = await send(expired);
      expect(e.status).toBe(410);
      expect(await e.text()).toContain("This link has expired");
      const t = await send(`${good.slice(0, -1)}${good.endsWith("a") ? "b" : "a"}`);
      expect(t.status).toBe(410);
      expect(await t.text()).toContain("This link is not valid");
      const s = await send(stale);
      expect(s.status).toBe(409);
      expect(await s.text()).toContain("The drafted reply changed since this link was sent");
      // a token made for another user's id does not reach this comment
      const f = await send(foreign);
      expect(await f.text()).toContain("The drafted reply changed");
    }
    const other = signIn(w.ctx, makeUser(w.ctx).id);
    // public_base_url is https here, so the session cookie carries its __Host- prefix
    const viaSession = await post(good, {
      cookie: `__Host-${other.cookie}`,
      "x-csrf-token": other.csrf,
      origin: "https://amk.example.test",
    });
    expect(viaSession.status).toBe(403);
    expect(await viaSession.text()).toContain("belongs to another account");
    await runReplies(w.ctx, deps);
    expect(w.fake.comments.inserted).toEqual([]);
    expect(replyOf(w.ctx.db, c.id)).toBeUndefined();

    // the good link still works once for its owner
    expect((await post(good)).status).toBe(200);
    await runReplies(w.ctx, deps);
    expect(w.fake.comments.inserted).toEqual([{ parentId: c.remoteId, text: draft }]);
  });

  test("the Telegram digest carries the same kind of link; it confirms and sends", async () => {
    const { w, c, get, post, draft, deps } = await world(["telegram"]);
    linkTelegramChat(w.ctx.db, w.owner.userId, "4242", null, w.ctx.clock.now());
    await sendPendingDigestNow(w.ctx, findUserById(w.ctx.db, w.owner.userId)!);
    const msgs = telegram.calls
      .filter((x) => x.method === "sendMessage" && Number(x.params.chat_id) === 4242)
      .map((x) => String(x.params.text));
    const section = msgs.find((t) => t.includes("needs an answer"))!;
    expect(section).toContain("Does it work offline?");
    expect(section).toContain("&lt;script&gt;");
    expect(section).not.toContain("https://evil.example.com");
    expect(section).toContain(Bun.escapeHTML(draft));
    const tokens = replyTokens(section);
    expect(tokens.length).toBe(1);
    expect(section).toContain(`https://amk.example.test/links/reply/${tokens[0]}`);
    expect(await (await get(tokens[0]!)).text()).toContain("Send this reply");
    expect((await post(tokens[0]!)).status).toBe(200);
    await runReplies(w.ctx, deps);
    expect(w.fake.comments.inserted).toEqual([{ parentId: c.remoteId, text: draft }]);
  });
});
