import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "bun:test";
import { join } from "node:path";
import { memoryLogger } from "../../src/lib/log";
import { sendDueReports } from "../../src/reports/send";
import { sentReports } from "../../src/reports/store";
import { buildContext } from "../../src/server/boot";
import { REPO_ROOT } from "../cli/helpers";
import { startSmtp } from "../notify/smtp";
import { makeTestContext } from "../support/context";
import { makeUser, makeWebapp } from "../support/content-factories";
import { seedPost } from "../analytics/fixtures";
import { lastCompletePeriod } from "../../src/reports/period";
import { attachedPdf, mailText, pdfText, seedTwoWeeks, setFrequency } from "./helpers";

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let ctx: ReturnType<typeof makeTestContext>;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.stop());
beforeEach(() => {
  smtp.mails.length = 0;
  ctx = makeTestContext({
    AMARKTAI_SMTP_HOST: "127.0.0.1",
    AMARKTAI_SMTP_PORT: String(smtp.port),
    AMARKTAI_SERVER_PUBLIC_BASE_URL: "https://amk.example.test",
  });
});
afterEach(() => ctx.cleanup());

const mine = (email: string) => smtp.mails.filter((m) => m.to.includes(email));

test("the weekly report lands on Monday 08:00 in the user's zone with the figures inline and the PDF attached", async () => {
  const { user } = await seedTwoWeeks(ctx, { email: "dana@example.test" });
  // 07:55 in Berlin: not yet.
  ctx.clock.set(new Date("2026-03-09T06:55:00Z"));
  expect(await sendDueReports(ctx, ctx.clock.now())).toEqual({ sent: 0, failed: 0 });
  ctx.clock.set(new Date("2026-03-09T07:00:00Z"));
  expect(await sendDueReports(ctx, ctx.clock.now())).toEqual({ sent: 1, failed: 0 });
  const [mail] = mine("dana@example.test");
  const text = mailText(mail!.raw);
  expect(text).toContain("Subject: =?UTF-8?Q?Weekly_report:_Café_Lumière?");
  expect(text).toContain("Your weekly report for Café Lumière, 2 Mar – 8 Mar 2026 (times in Europe/Berlin).");
  expect(text).toContain('<h1 style="font-size:20px">Café Lumière: 2 Mar – 8 Mar 2026</h1>');
  expect(text).toContain("text/plain");
  expect(text).toContain("text/html");
  expect(text).toContain("Views: 8,345 (+85% against the previous week)");
  expect(text).toContain("Likes: 592 (+295% against the previous week)");
  expect(text).toContain("Link visits: 3 (new against the previous week)");
  expect(text).toContain("Views rose 85% against the previous week, mostly on TikTok (+2,000).");
  expect(text).toContain("Engagement rate: 8.2% (3.3% in the previous week)");
  expect(text).toContain("Content-Disposition: attachment; filename=report-week-2026-03-02.pdf");
  const pdf = attachedPdf(mail!.raw)!;
  expect(pdfText(pdf)).toContain("Café Lumière");
  expect(pdfText(pdf)).toContain("8,345");
  expect(sentReports(ctx.db, user.id).map((r) => [r.period, r.start])).toEqual([["week", "2026-03-02"]]);
});

test("once per period: later runs, a restart on the same database, then the next Monday sends the next week", async () => {
  const { user } = await seedTwoWeeks(ctx, { email: "once@example.test" });
  ctx.clock.set(new Date("2026-03-09T07:00:00Z"));
  await sendDueReports(ctx, ctx.clock.now());
  ctx.clock.set(new Date("2026-03-11T18:00:00Z"));
  await sendDueReports(ctx, ctx.clock.now());
  const restarted = buildContext(ctx.config, { clock: ctx.clock, log: memoryLogger() });
  expect(await sendDueReports(restarted, ctx.clock.now())).toEqual({ sent: 0, failed: 0 });
  expect(mine("once@example.test").length).toBe(1);
  ctx.clock.set(new Date("2026-03-16T07:05:00Z"));
  expect(await sendDueReports(restarted, ctx.clock.now())).toEqual({ sent: 1, failed: 0 });
  restarted.db.$client.close();
  const mails = mine("once@example.test");
  expect(mails.length).toBe(2);
  expect(mailText(mails[1]!.raw)).toContain("9 Mar – 15 Mar 2026");
  expect(mailText(mails[1]!.raw)).toContain("There was nothing to measure");
  expect(sentReports(ctx.db, user.id).map((r) => r.start)).toEqual(["2026-03-09", "2026-03-02"]);
});

test("a failed send is given back and retried by the next run", async () => {
  await seedTwoWeeks(ctx, { email: "retry@example.test" });
  ctx.clock.set(new Date("2026-03-09T07:00:00Z"));
  const closed = await startSmtp();
  await closed.stop();
  const log = memoryLogger();
  const broken = buildContext({ ...ctx.config, smtp: { ...ctx.config.smtp, port: closed.port } }, { clock: ctx.clock, log });
  expect(await sendDueReports(broken, ctx.clock.now())).toEqual({ sent: 0, failed: 1 });
  broken.db.$client.close();
  expect(log.lines.join("\n")).toContain("cannot send the week report of 2026-03-02 to retry@example.test");
  expect(await sendDueReports(ctx, ctx.clock.now())).toEqual({ sent: 1, failed: 0 });
  expect(mine("retry@example.test").length).toBe(1);
});

test("frequency per user: off sends nothing, monthly goes on the 1st, daily every morning; new users wait for a period they lived in", async () => {
  ctx.clock.set(new Date("2026-01-01T00:00:00Z"));
  const off = makeUser(ctx, { email: "off@example.test" });
  const monthly = makeUser(ctx, { email: "monthly@example.test" });
  const daily = makeUser(ctx, { email: "daily@example.test", timezone: "Asia/Tokyo" });
  setFrequency(ctx, off.id, "off");
  setFrequency(ctx, monthly.id, "monthly");
  setFrequency(ctx, daily.id, "daily");
  ctx.clock.set(new Date("2026-03-01T08:00:00Z"));
  const fresh = makeUser(ctx, { email: "fresh@example.test" });
  await sendDueReports(ctx, ctx.clock.now());
  expect(mine("off@example.test").length).toBe(0);
  expect(mine("fresh@example.test").length).toBe(0);
  expect(mailText(mine("monthly@example.test")[0]!.raw)).toContain("Your monthly report for your web apps, February 2026");
  // 17:00 in Tokyo: yesterday's report went out at 08:00 local.
  expect(mailText(mine("daily@example.test")[0]!.raw)).toContain("Your daily report for your web apps, 28 Feb 2026");
  ctx.clock.set(new Date("2026-03-02T00:30:00Z"));
  await sendDueReports(ctx, ctx.clock.now());
  expect(mine("monthly@example.test").length).toBe(1);
  expect(mine("daily@example.test").length).toBe(2);
  expect(fresh.reportFrequency).toBe("weekly");
});

test("HTML values are escaped; the text part is plain", async () => {
  await seedTwoWeeks(ctx, { email: "esc@example.test", appName: "Tom & Jerry <Shop>" });
  ctx.clock.set(new Date("2026-03-09T07:00:00Z"));
  await sendDueReports(ctx, ctx.clock.now());
  const text = mailText(mine("esc@example.test")[0]!.raw);
  expect(text).toContain("Tom &amp; Jerry &lt;Shop&gt;: 2 Mar");
  expect(text).not.toContain("<Shop>:");
  expect(text).toContain("Your weekly report for Tom & Jerry <Shop>, 2 Mar – 8 Mar 2026");
});

test("CLI report:send --email E --period month sends last month's report now; unknown email or period is bad input", async () => {
  const tz = "UTC";
  const month = lastCompletePeriod("month", new Date(), tz);
  ctx.clock.set(new Date(month.from.getTime() - 86_400_000));
  const user = makeUser(ctx, { email: "cli@example.test", timezone: tz });
  const app = makeWebapp(ctx, user.id, "Cli Café");
  seedPost(ctx, {
    userId: user.id,
    webappId: app.id,
    platform: "linkedin",
    publishedAt: new Date(month.from.getTime() + 3_600_000).toISOString(),
    readings: [{ at: new Date(month.from.getTime() + 7_200_000).toISOString(), views: 777, likes: 7 }],
  });
  const env = {
    ...process.env,
    AMARKTAI_CONFIG: "",
    AMARKTAI_DATA_DIR: ctx.config.storage.data_dir,
    AMARKTAI_MEDIA_DIR: ctx.config.storage.media_dir,
    AMARKTAI_SMTP_HOST: "127.0.0.1",
    AMARKTAI_SMTP_PORT: String(smtp.port),
  };
  const cli = async (args: string[]) => {
    const p = Bun.spawn([process.execPath, join(REPO_ROOT, "src/cli/main.ts"), "report:send", ...args], {
      env,
      stdout: "pipe",
      stderr: "pipe",
    });
    const [stdout, stderr, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
    return { stdout, stderr, code };
  };
  const ok = await cli(["--email", "cli@example.test", "--period", "month"]);
  expect(ok.stderr).toBe("");
  expect(ok.code).toBe(0);
  expect(ok.stdout).toContain("sent the month report");
  expect(ok.stdout).toContain("1 posts, 777 views");
  const pdf = attachedPdf(mine("cli@example.test")[0]!.raw)!;
  expect(pdfText(pdf)).toContain("Cli Café");
  expect(pdfText(pdf)).toContain("777");
  expect((await cli(["--email", "nobody@example.test"])).code).toBe(2);
  const bad = await cli(["--email", "cli@example.test", "--period", "year"]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("--period must be week, month or day");
});
