import { afterAll, beforeAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { join } from "node:path";
import { digestSendCommand } from "../../src/cli/commands/digest-send";
import { contentItems } from "../../src/db/schema/content";
import { createApp } from "../../src/server/app";
import { registerDigestListeners, sendDueDigests } from "../../src/notify/digest";
import { listNotifications, unreadCount } from "../../src/notify/store";
import { makeTestContext } from "../support/context";
import { makeReadyBatch, makeUser } from "../support/content-factories";
import { decodeQuotedPrintable, linkTokens, startSmtp } from "./smtp";
import { mkdirSync, writeFileSync } from "node:fs";

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let ctx: ReturnType<typeof makeTestContext>;
beforeAll(async () => {
  smtp = await startSmtp();
  ctx = makeTestContext({
    AMARKTAI_SMTP_HOST: "127.0.0.1",
    AMARKTAI_SMTP_PORT: String(smtp.port),
    AMARKTAI_SERVER_PUBLIC_BASE_URL: "https://amk.example.test",
  });
  registerDigestListeners(ctx);
});
afterAll(async () => {
  ctx.cleanup();
  await smtp.stop();
});

const status = (id: number) => ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!.status;

test("the digest goes out at the digest time (not before, not twice) with working one-tap links", async () => {
  ctx.clock.set(new Date("2026-03-02T07:30:00Z"));
  const u = makeUser(ctx, { email: "owner@example.test" });
  const { items } = makeReadyBatch(ctx, u.id, {
    platforms: ["x", "youtube"],
    appName: "Acme Notes",
    readyAt: new Date("2026-03-02T03:00:00Z"),
  });
  ctx.db
    .update(contentItems)
    .set({ media: { video: "u1/a/v.mp4", cover: "u1/a/cover.jpg" } })
    .where(eq(contentItems.id, items[0]!.id))
    .run();
  await sendDueDigests(ctx, ctx.clock.now());
  expect(smtp.mails.length).toBe(0);
  ctx.clock.set(new Date("2026-03-02T08:00:00Z"));
  await sendDueDigests(ctx, ctx.clock.now());
  await sendDueDigests(ctx, ctx.clock.now());
  expect(smtp.mails.length).toBe(1);
  const mail = decodeQuotedPrintable(smtp.mails[0]!.raw);
  expect(smtp.mails[0]!.to).toEqual(["owner@example.test"]);
  expect(mail).toContain("2 posts ready for approval: Acme Notes");
  expect(mail).toContain("text/plain");
  expect(mail).toContain("text/html");
  expect(mail).not.toContain("https://amk.example.test/media/u1/a/cover.jpg");
  expect(mail).toMatch(/https:\/\/amk\.example\.test\/signed-media\/u1\/a\/cover\.jpg\?exp=\d+&amp;sig=/);
  expect(mail).toContain("Review");
  expect(mail).toContain("https://amk.example.test/approval#batch-");
  const tokens = linkTokens(smtp.mails[0]!.raw);
  expect(tokens.length).toBe(1);
  expect(mail).toContain(`https://amk.example.test/links/${tokens[0]}`);
  expect(unreadCount(ctx.db, u.id)).toBe(1);

  const app = createApp(ctx);
  const confirm = await app.handle(new Request(`http://localhost:3000/links/${tokens[0]}`));
  expect(await confirm.text()).toContain("Approve all 2 posts");
  expect(items.map((i) => status(i.id))).toEqual(["pending_approval", "pending_approval"]);
  const done = await app.handle(new Request(`http://localhost:3000/links/${tokens[0]}`, { method: "POST" }));
  expect(await done.text()).toContain("2 posts were approved.");
  expect(items.map((i) => status(i.id))).toEqual(["approved", "approved"]);
});

test("a batch ready after the digest time is announced at once; one ready before waits for the digest", async () => {
  const u = makeUser(ctx, { email: "late@example.test" });
  const before = smtp.mails.length;
  ctx.clock.set(new Date("2026-03-03T06:00:00Z"));
  const early = makeReadyBatch(ctx, u.id, { platforms: ["linkedin"], appName: "Early", localDate: "2026-03-03" });
  await ctx.events.emit("batch.ready", { batchId: early.batch.id, userId: u.id, webappId: early.webapp.id });
  expect(smtp.mails.length).toBe(before);
  ctx.clock.set(new Date("2026-03-03T15:00:00Z"));
  const late = makeReadyBatch(ctx, u.id, { platforms: ["x"], appName: "Generated now", localDate: "2026-03-03" });
  await ctx.events.emit("batch.ready", { batchId: late.batch.id, userId: u.id, webappId: late.webapp.id });
  const mine = smtp.mails.filter((m) => m.to.includes("late@example.test"));
  expect(mine.length).toBe(1);
  expect(decodeQuotedPrintable(mine[0]!.raw)).toContain("Generated now");
  expect(decodeQuotedPrintable(mine[0]!.raw)).not.toContain("Early");
  await sendDueDigests(ctx, ctx.clock.now());
  const after = smtp.mails.filter((m) => m.to.includes("late@example.test"));
  expect(after.length).toBe(2);
  expect(decodeQuotedPrintable(after[1]!.raw)).toContain("Early");
  expect(listNotifications(ctx.db, u.id).map((n) => n.title)).toEqual([
    "1 post for Early wait for approval",
    "1 post for Generated now wait for approval",
  ]);
});

test("CLI digest:send --email sends the pending digest now, whatever the time; unknown email exits 2", async () => {
  const u = makeUser(ctx, { email: "cli@example.test" });
  ctx.clock.set(new Date("2026-03-04T01:00:00Z"));
  makeReadyBatch(ctx, u.id, { platforms: ["x"], appName: "Cli App", localDate: "2026-03-04" });
  const env = {
    AMARKTAI_DATA_DIR: ctx.config.storage.data_dir,
    AMARKTAI_MEDIA_DIR: join(ctx.dir, "media"),
    AMARKTAI_SMTP_HOST: "127.0.0.1",
    AMARKTAI_SMTP_PORT: String(smtp.port),
  };
  expect(await digestSendCommand(["--email", "nobody@example.test"], env)).toBe(2);
  expect(await digestSendCommand([], env)).toBe(2);
  expect(await digestSendCommand(["--email", "cli@example.test"], env)).toBe(0);
  const mine = smtp.mails.filter((m) => m.to.includes("cli@example.test"));
  expect(mine.length).toBe(1);
  expect(decodeQuotedPrintable(mine[0]!.raw)).toContain("Cli App");
});

test("a digest's thumbnail loads without a session through its signed URL, and not after expiry or tampering", async () => {
  ctx.clock.set(new Date("2026-03-05T09:00:00Z"));
  const u = makeUser(ctx, { email: "thumbs@example.test" });
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["x"], appName: "Thumbs", readyAt: new Date("2026-03-05T03:00:00Z") });
  ctx.db
    .update(contentItems)
    .set({ media: { cover: "9/4/2026-03-05/cover.jpg" } })
    .where(eq(contentItems.id, items[0]!.id))
    .run();
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xd9]);
  mkdirSync(join(ctx.config.storage.media_dir, "9/4/2026-03-05"), { recursive: true });
  writeFileSync(join(ctx.config.storage.media_dir, "9/4/2026-03-05/cover.jpg"), jpeg);
  const before = smtp.mails.length;
  await sendDueDigests(ctx, ctx.clock.now());
  expect(smtp.mails.length).toBe(before + 1);
  const html = decodeQuotedPrintable(smtp.mails.at(-1)!.raw).replace(/&amp;/g, "&");
  const src = html.match(/https:\/\/amk\.example\.test(\/signed-media\/9\/4\/2026-03-05\/cover\.jpg\?exp=\d+&sig=[\w-]+)/)![1]!;
  const app = createApp(ctx);
  // No cookie at all, as a mail client fetches it.
  const ok = await app.handle(new Request(`http://localhost:3000${src}`));
  expect(ok.status).toBe(200);
  expect(Buffer.from(await ok.arrayBuffer()).equals(jpeg)).toBe(true);
  const tampered = src.replace(/sig=([\w-])/, (_m, c: string) => `sig=${c === "A" ? "B" : "A"}`);
  expect((await app.handle(new Request(`http://localhost:3000${tampered}`))).status).toBeGreaterThanOrEqual(400);
  const otherFile = src.replace("cover.jpg", "other.jpg");
  expect((await app.handle(new Request(`http://localhost:3000${otherFile}`))).status).toBeGreaterThanOrEqual(400);
  ctx.clock.set(new Date(ctx.clock.now().getTime() + 8 * 24 * 3600_000));
  expect((await app.handle(new Request(`http://localhost:3000${src}`))).status).toBeGreaterThanOrEqual(400);
});
