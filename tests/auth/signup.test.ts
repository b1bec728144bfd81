import { afterAll, afterEach, beforeAll, expect, test } from "bun:test";
import { verifyPassword } from "../../src/auth/passwords";
import { MAX_SIGNUP_MAILS } from "../../src/auth/signup";
import { findAccount } from "../../src/operator/store";
import { findUserByEmail } from "../../src/users/store";
import { addUser } from "../support/accounts";
import { makeTestContext } from "../support/context";
import { TestClient } from "../support/http";
import { decodeQuotedPrintable, startSmtp, type TestSmtp } from "../support/smtp";

let smtp: TestSmtp;
let ctx: ReturnType<typeof makeTestContext>;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());
afterEach(() => ctx.cleanup());

const PASSWORD = "a long enough passphrase";

function openSignup(extra: Record<string, string> = {}, yaml = "") {
  return makeTestContext(
    {
      ...smtp.env,
      AMARKTAI_SERVER_PUBLIC_BASE_URL: "https://market.example.com",
      AMARKTAI_OPERATOR_ENABLED: "true",
      AMARKTAI_AUTH_SIGNUP: "open",
      ...extra,
    },
    yaml,
  );
}

const form = (email: string, more: Record<string, string> = {}) => ({
  name: "Cora",
  email,
  password: PASSWORD,
  timezone: "Europe/Berlin",
  terms: "yes",
  ...more,
});

async function linkFromMail(): Promise<string> {
  const body = decodeQuotedPrintable((await smtp.next()).raw);
  const m = /https:\/\/market\.example\.com\/signup\/([a-z0-9]+)/.exec(body);
  expect(m).not.toBeNull();
  return m![1]!;
}

test("sign-up: the form mails a link; the link confirms, creates the account on the chosen plan with the terms recorded, and signs in", async () => {
  ctx = openSignup();
  await addUser(ctx, { email: "owner@example.com", role: "admin" });
  const c = new TestClient(ctx);
  const page = await c.get("/signup?plan=pro");
  expect(page.status).toBe(200);
  expect(page.text).toContain("You start on the Pro plan.");

  const noTerms = await c.post("/signup", form("cora@example.com", { terms: "" }));
  expect(noTerms.status).toBe(422);
  expect(noTerms.text).toContain("Accept the terms of service");
  expect(smtp.received.length).toBe(0);

  const sent = await c.post("/signup", form("Cora@Example.com", { plan: "pro" }));
  expect(sent.status).toBe(200);
  expect(sent.text).toContain("We sent a link to");
  expect(findUserByEmail(ctx.db, "cora@example.com")).toBeUndefined();
  const token = await linkFromMail();

  // A GET (as a mail scanner does) only shows the confirm button.
  expect((await c.get(`/signup/${token}`)).text).toContain("Confirm and sign in");
  expect(findUserByEmail(ctx.db, "cora@example.com")).toBeUndefined();
  ctx.clock.advance(60_000);
  const done = await c.post(`/signup/${token}`, {});
  expect(done.status).toBe(303);
  expect(done.location).toBe("/dashboard");
  const user = findUserByEmail(ctx.db, "cora@example.com")!;
  expect(user.role).toBe("member");
  expect(user.timezone).toBe("Europe/Berlin");
  expect(await verifyPassword(PASSWORD, user.passwordHash)).toBe(true);
  const account = findAccount(ctx.db, user.id)!;
  expect(account.planId).toBe("pro");
  expect(account.termsVersion).toBe("1");
  expect(account.termsAcceptedAt!.getTime()).toBe(ctx.clock.now().getTime() - 60_000);
  expect((await c.get("/dashboard")).status).toBe(200);

  // The link works once.
  const again = await new TestClient(ctx).post(`/signup/${token}`, {});
  expect(again.status).toBe(410);
});

test("sign-up never tells whether an address has an account, refuses throwaway domains, and caps mails per address", async () => {
  ctx = openSignup({}, "operator:\n  disposable_domains: [mailinator.com]\n");
  await addUser(ctx, { email: "owner@example.com", role: "admin" });
  const c = new TestClient(ctx);
  const existing = await c.post("/signup", form("owner@example.com"));
  expect(existing.status).toBe(200);
  expect(existing.text).toContain("We sent a link to");
  const notice = decodeQuotedPrintable((await smtp.next()).raw);
  expect(notice).toContain("already has an account");

  const throwaway = await c.post("/signup", form("x@mailinator.com"));
  expect(throwaway.status).toBe(422);
  expect(throwaway.text).toContain("throwaway addresses");

  for (let i = 0; i < MAX_SIGNUP_MAILS + 2; i++) expect((await c.post("/signup", form("dan@example.com"))).status).toBe(200);
  await Bun.sleep(300);
  expect(smtp.received.filter((m) => m.to.includes("dan@example.com")).length).toBe(MAX_SIGNUP_MAILS);
});

test("sign-up is closed unless operator mode is on and auth.signup is open", async () => {
  const closed: Record<string, string>[] = [
    { AMARKTAI_AUTH_SIGNUP: "open" },
    { AMARKTAI_OPERATOR_ENABLED: "true" },
    { AMARKTAI_OPERATOR_ENABLED: "true", AMARKTAI_AUTH_SIGNUP: "closed" },
  ];
  for (const env of closed) {
    ctx = makeTestContext(env);
    await addUser(ctx, { email: "owner@example.com", role: "admin" });
    const c = new TestClient(ctx);
    expect((await c.get("/signup")).status).not.toBe(200);
    expect((await c.post("/signup", form("eve@example.com"))).status).not.toBe(200);
    ctx.cleanup();
  }
  ctx = makeTestContext();
});
