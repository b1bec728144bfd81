import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createApiToken, resolveApiToken } from "../../src/api/tokens";
import { verifyPassword } from "../../src/auth/passwords";
import { sendResetLink } from "../../src/auth/reset-routes";
import { findUserByEmail } from "../../src/users/store";
import { addUser, clientFor, TEST_PASSWORD } from "../support/accounts";
import { makeTestContext } from "../support/context";
import { TestClient } from "../support/http";
import { decodeQuotedPrintable, startSmtp, type TestSmtp } from "../support/smtp";
import { until } from "../support/wait";

const NEW_PASSWORD = "a brand new passphrase";
let smtp: TestSmtp;
let ctx: ReturnType<typeof makeTestContext>;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());
afterEach(() => ctx.cleanup());

/** Asks for a reset link and returns the token from the email the SMTP server received. */
async function requestLink(c: TestClient, email: string): Promise<string> {
  const r = await c.post("/reset", { email });
  expect(r.status).toBe(200);
  const mail = await smtp.next();
  expect(mail.to).toEqual([email]);
  const body = decodeQuotedPrintable(mail.raw);
  expect(body).toContain("Subject: Reset your Amarktai Marketing password");
  expect(body).toContain("Content-Type: text/plain");
  expect(body).toContain("Content-Type: text/html");
  const m = /https:\/\/marketing\.example\.com\/reset\/([a-z0-9]+)/.exec(body);
  expect(m).not.toBeNull();
  return m![1]!;
}

describe("password reset through a real SMTP server", () => {
  test("the emailed link shows a form, sets the password once and signs out every session", async () => {
    ctx = makeTestContext({ ...smtp.env, AMARKTAI_SERVER_PUBLIC_BASE_URL: "https://marketing.example.com" });
    const ann = await addUser(ctx, { email: "ann@example.com", role: "admin" });
    const otherDevice = clientFor(ctx, ann);
    expect((await otherDevice.get("/settings")).status).toBe(200);
    const apiToken = createApiToken(ctx.db, ann.id, "deploy script", ctx.clock.now()).token;
    const bob = await addUser(ctx, { email: "bob@example.com" });
    const bobsToken = createApiToken(ctx.db, bob.id, "bob's", ctx.clock.now()).token;

    const c = new TestClient(ctx);
    // The Host header must not leak into the link: it is built from server.public_base_url.
    const token = await requestLink(c, "ann@example.com");

    const page = await c.get(`/reset/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Choose a new password");
    expect(page.text).toContain("ann@example.com");
    // GET twice (mail scanners fetch links) changes nothing.
    expect((await c.get(`/reset/${token}`)).status).toBe(200);

    const weak = await c.post(`/reset/${token}`, { password: "short" });
    expect(weak.status).toBe(422);
    expect(weak.text).toContain("at least 10 characters");

    const done = await c.post(`/reset/${token}`, { password: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.location).toBe("/login?reset=done");
    expect(await verifyPassword(NEW_PASSWORD, findUserByEmail(ctx.db, "ann@example.com")!.passwordHash)).toBe(true);
    expect((await otherDevice.get("/settings")).location).toBe("/login?next=%2Fsettings");
    // A reset by mail also revokes every API token of the account (and no one else's).
    expect(resolveApiToken(ctx.db, apiToken, ctx.clock.now())).toBeUndefined();
    expect(resolveApiToken(ctx.db, bobsToken, ctx.clock.now())).toBe(bob.id);

    const reused = await c.post(`/reset/${token}`, { password: "yet another passphrase" });
    expect(reused.status).toBe(410);
    expect(reused.text).toContain("This link has already been used. Nothing was changed.");
    expect((await c.get(`/reset/${token}`)).text).toContain("already been used");
    expect(await verifyPassword(NEW_PASSWORD, findUserByEmail(ctx.db, "ann@example.com")!.passwordHash)).toBe(true);

    const login = await c.post("/login", { email: "ann@example.com", password: NEW_PASSWORD });
    expect(login.location).toBe("/dashboard");
  });

  test("expired and tampered links show a clear page and change nothing", async () => {
    ctx = makeTestContext({ ...smtp.env, AMARKTAI_SERVER_PUBLIC_BASE_URL: "https://marketing.example.com" });
    const ann = await addUser(ctx, { email: "ann@example.com", role: "admin" });
    const c = new TestClient(ctx);
    const token = await requestLink(c, "ann@example.com");

    const tampered = token.slice(0, -1) + (token.endsWith("a") ? "b" : "a");
    const bad = await c.post(`/reset/${tampered}`, { password: NEW_PASSWORD });
    expect(bad.status).toBe(404);
    expect(bad.text).toContain("This link is not valid");
    expect(bad.text).toContain('href="/reset"');

    ctx.clock.advance(61 * 60_000);
    const expiredGet = await c.get(`/reset/${token}`);
    expect(expiredGet.status).toBe(410);
    expect(expiredGet.text).toContain("This link has expired");
    const expiredPost = await c.post(`/reset/${token}`, { password: NEW_PASSWORD });
    expect(expiredPost.status).toBe(410);
    expect(findUserByEmail(ctx.db, "ann@example.com")!.passwordHash).toBe(ann.passwordHash);
  });

  test("the emailed link ignores the request's Host header", async () => {
    ctx = makeTestContext({ ...smtp.env, AMARKTAI_SERVER_PUBLIC_BASE_URL: "https://marketing.example.com" });
    await addUser(ctx, { email: "ann@example.com", role: "admin" });
    const app = new TestClient(ctx).app;
    const r = await app.handle(
      new Request("http://attacker.example/reset", {
        method: "POST",
        headers: { host: "attacker.example", origin: "http://attacker.example", "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: "ann@example.com" }),
      }),
    );
    expect(r.status).toBe(200);
    const body = decodeQuotedPrintable((await smtp.next()).raw);
    expect(body).toContain("https://marketing.example.com/reset/");
    expect(body).not.toContain("attacker.example");
  });

  test("the answer is the same for an unknown email, and no mail is sent", async () => {
    ctx = makeTestContext(smtp.env);
    await addUser(ctx, { email: "ann@example.com", role: "admin" });
    const c = new TestClient(ctx);
    const known = await c.post("/reset", { email: "ann@example.com" });
    await smtp.next();
    const unknown = await c.post("/reset", { email: "nobody@example.com" });
    const strip = (s: string) => s.replaceAll("ann@example.com", "X").replaceAll("nobody@example.com", "X");
    expect(strip(unknown.text)).toBe(strip(known.text));
    expect(unknown.status).toBe(known.status);
    const hx = await c.htmx("/reset", { email: "nobody@example.com" });
    expect(hx.text.startsWith('<div class="stack" role="status">')).toBe(true);
    expect(hx.text).toContain("It works once, for 60 minutes.");
    // The route starts sendResetLink without waiting for it (how long it takes must not tell whether the account
    // exists): run that same work to its end, then look. The SMTP server records a message before it acknowledges it.
    await sendResetLink(ctx, "nobody@example.com");
    expect(smtp.received.filter((m) => m.to.includes("nobody@example.com"))).toEqual([]);
  });
});

test("at most three reset mails per account per hour; the page does not tell", async () => {
  ctx = makeTestContext();
  await addUser(ctx, { email: "ann@example.com", role: "admin" });
  const c = new TestClient(ctx);
  const outbox = join(ctx.config.storage.data_dir, "outbox");
  const count = () => {
    try {
      return readdirSync(outbox).length;
    } catch {
      return 0;
    }
  };
  const waitFor = async (n: number) => {
    for (let i = 0; i < 100 && count() < n; i++) await Bun.sleep(10);
  };
  const answers: string[] = [];
  for (let i = 1; i <= 4; i++) {
    answers.push((await c.post("/reset", { email: "ann@example.com" })).text);
    await waitFor(Math.min(i, 3));
    ctx.clock.advance(1000);
  }
  // The fourth request's sending run ends with this line and no mail: once it is written, the outbox is final.
  await until(() => ctx.logLines.some((l) => l.includes("not sent: 3 links already sent")), "the fourth reset to be refused");
  expect(count()).toBe(3);
  expect(new Set(answers).size).toBe(1);
  ctx.clock.advance(60 * 60_000);
  await c.post("/reset", { email: "ann@example.com" });
  await waitFor(4);
  expect(count()).toBe(4);
});

test("with no SMTP server the reset mail lands in the outbox and the page says where", async () => {
  ctx = makeTestContext();
  await addUser(ctx, { email: "ann@example.com", role: "admin" });
  const c = new TestClient(ctx);
  const r = await c.post("/reset", { email: "ann@example.com" });
  const outbox = join(ctx.config.storage.data_dir, "outbox");
  expect(r.text).toContain("No mail server is configured");
  expect(r.text).toContain(outbox);
  let files: string[] = [];
  for (let i = 0; i < 50 && files.length === 0; i++) {
    await Bun.sleep(20);
    try {
      files = readdirSync(outbox);
    } catch {}
  }
  expect(files).toHaveLength(1);
  const eml = decodeQuotedPrintable(readFileSync(join(outbox, files[0]!), "utf8"));
  expect(eml).toMatch(/http:\/\/localhost:3000\/reset\/[a-z0-9]{40,}/);
});
