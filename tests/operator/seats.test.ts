import { afterAll, afterEach, beforeAll, expect, test } from "bun:test";
import { quotaCheck, usageOf } from "../../src/operator/quota";
import { ensureAccount, updateAccount } from "../../src/operator/store";
import { findUserByEmail } from "../../src/users/store";
import { addUser, clientFor } from "../support/accounts";
import { makeWebapp } from "../support/content-factories";
import { makeTestContext } from "../support/context";
import { TestClient } from "../support/http";
import { decodeQuotedPrintable, startSmtp, type TestSmtp } from "../support/smtp";

const PASSWORD = "member passphrase here";
let smtp: TestSmtp;
let ctx: ReturnType<typeof makeTestContext> | undefined;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());
afterEach(() => {
  ctx?.cleanup();
  ctx = undefined;
});

const PLANS = `operator:
  plans:
    - id: duo
      name: Duo
      quotas: { seats: 2, webapps: 1 }
    - id: team
      name: Team
      quotas: { seats: 3, webapps: 1 }
  default_plan: duo
`;

async function invite(owner: TestClient, email: string): Promise<string> {
  const r = await owner.post("/settings/team/invite", { email });
  expect(r.status).toBe(200);
  expect(r.text).toContain(`An email was sent to ${email}.`);
  const mail = decodeQuotedPrintable((await smtp.next()).raw);
  return /http:\/\/localhost:3000\/invite\/([a-z0-9]+)/.exec(mail)![1]!;
}

test("seats: owner + members + open invitations; the N+1th is refused at invite time with the sentence; withdrawing frees it", async () => {
  ctx = makeTestContext({ ...smtp.env, AMARKTAI_OPERATOR_ENABLED: "true" }, PLANS);
  const ann = await addUser(ctx, { email: "ann@example.com", name: "Ann", role: "member" });
  ensureAccount(ctx.db, ann.id, "duo", ctx.clock.now());
  const owner = clientFor(ctx, ann);
  expect(usageOf(ctx, ann.id, "seats")).toBe(1);
  await invite(owner, "bob@example.com");
  expect(usageOf(ctx, ann.id, "seats")).toBe(2);

  const refused = await owner.post("/settings/team/invite", { email: "cy@example.com" });
  expect(refused.status).toBe(403);
  expect(refused.text).toContain("Your Duo plan includes 2 seats and you have used 2. Upgrade your plan to do more.");
  expect(refused.text).toContain('href="/billing"');
  expect((await owner.get("/usage/plan")).text).toContain('aria-label="Seats: 2 of 2"');

  const page = (await owner.get("/settings/team")).text;
  // One heading says "Team" (the page's), not the card's too.
  expect(page.match(/>Team<\/h[1-6]>/g)).toEqual([">Team</h1>"]);
  const linkId = /\/settings\/team\/invites\/(\d+)\/withdraw/.exec(page)![1];
  expect((await owner.post(`/settings/team/invites/${linkId}/withdraw`, {})).text).toContain("its seat is free");
  expect(usageOf(ctx, ann.id, "seats")).toBe(1);
  await invite(owner, "cy@example.com");
});

test("acceptance joins the owner's account (work counts there), is refused when the account has no seat left, and removing a member frees it", async () => {
  ctx = makeTestContext({ ...smtp.env, AMARKTAI_OPERATOR_ENABLED: "true" }, PLANS);
  const ann = await addUser(ctx, { email: "ann@example.com", name: "Ann", role: "member" });
  ensureAccount(ctx.db, ann.id, "team", ctx.clock.now());
  const owner = clientFor(ctx, ann);
  const bobToken = await invite(owner, "bob@example.com");
  const cyToken = await invite(owner, "cy@example.com");
  expect(usageOf(ctx, ann.id, "seats")).toBe(3);

  const bobJoins = await new TestClient(ctx).post(`/invite/${bobToken}`, { name: "Bob", password: PASSWORD, timezone: "UTC" });
  expect(bobJoins.status).toBe(303);
  const bob = findUserByEmail(ctx.db, "bob@example.com")!;
  expect(bob.accountOwnerId).toBe(ann.id);
  // Bob's work counts against Ann's plan: her web app fills the account's one.
  makeWebapp(ctx, ann.id);
  expect(quotaCheck(ctx, bob.id, "webapps")).toMatchObject({ allowed: false });

  // Ann moves to a plan with 2 seats: Cy's open invitation no longer fits and is refused when used, and nobody is made.
  updateAccount(ctx.db, ann.id, { planId: "duo" });
  const cyRefused = await new TestClient(ctx).post(`/invite/${cyToken}`, { name: "Cy", password: PASSWORD, timezone: "UTC" });
  expect(cyRefused.status).toBe(403);
  expect(cyRefused.text).toContain("The account you were invited to is full. Your Duo plan includes 2 seats and you have used 2.");
  expect(findUserByEmail(ctx.db, "cy@example.com")).toBeUndefined();

  // Removing Bob frees his seat: the same link now works.
  const removed = await owner.post(`/settings/team/members/${bob.id}/remove`, {});
  expect(removed.text).toContain("bob@example.com was removed from your account; their seat is free.");
  expect(findUserByEmail(ctx.db, "bob@example.com")).toBeUndefined();
  const cyJoins = await new TestClient(ctx).post(`/invite/${cyToken}`, { name: "Cy", password: PASSWORD, timezone: "UTC" });
  expect(cyJoins.status).toBe(303);
  expect(usageOf(ctx, ann.id, "seats")).toBe(2);

  // The admin list shows the account once, with its seats: the member is named inside it, not as an account of their own.
  const admin = clientFor(ctx, await addUser(ctx, { email: "op@example.com", name: "Op", role: "admin" }));
  const list = (await admin.get("/admin/accounts")).text;
  expect(list).toContain("ann@example.com");
  expect(list).not.toContain(`id="account-${findUserByEmail(ctx.db, "cy@example.com")!.id}"`);
  expect(list).toContain("<span>Member: Cy (cy@example.com)</span>");
});

test("with operator mode off there is no team page and admin invitations stay as they were", async () => {
  ctx = makeTestContext(smtp.env, PLANS);
  const ann = await addUser(ctx, { email: "ann@example.com", name: "Ann", role: "member" });
  expect((await clientFor(ctx, ann).get("/settings/team")).status).toBe(404);
  expect(quotaCheck(ctx, ann.id, "seats")).toEqual({ allowed: true });
});
