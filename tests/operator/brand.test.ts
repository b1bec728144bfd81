import { afterAll, afterEach, beforeAll, expect, test } from "bun:test";
import { buildReport } from "../../src/reports/build";
import { FakeStripe } from "../fakes/stripe";
import { pdfInfo } from "../reports/helpers";
import { addUser, clientFor } from "../support/accounts";
import { makeTestContext } from "../support/context";
import { TestClient } from "../support/http";
import { decodeQuotedPrintable, startSmtp, type TestSmtp } from "../support/smtp";

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

const HOSTLY = `operator:
  enabled: true
  name: Hostly Social
  logo: /public/favicon.svg
  plans:
    - id: team
      name: Team
      quotas: { seats: 3 }
  default_plan: team
`;

test("operator mode: signed-in pages, sign-in pages and the box's emails name the operator's product, never Amarktai", async () => {
  ctx = makeTestContext({ ...smtp.env }, HOSTLY);
  const ann = await addUser(ctx, { email: "ann@example.com", name: "Ann" });
  const c = clientFor(ctx, ann);
  for (const path of ["/dashboard", "/approval", "/settings", "/usage/plan", "/billing"]) {
    const page = (await c.get(path)).text;
    expect(page).toContain(
      '<a class="brand" href="/dashboard"><img src="/public/favicon.svg" alt="" width="28" height="28"/><span>Hostly Social</span></a>',
    );
    expect(page).toMatch(/<title>[^<]+ · Hostly Social<\/title>/);
    expect(page).not.toContain("Amarktai");
  }
  // The API reference too, and the plan's state in words a person reads (not the internal "none").
  expect((await c.get("/api/docs")).text).toContain("Hostly Social API");
  expect((await c.get("/api/docs")).text).not.toContain("Amarktai");
  expect((await c.get("/billing")).text).toContain("(no subscription yet)");
  const login = (await new TestClient(ctx).get("/login")).text;
  expect(login).toContain("<span>Hostly Social</span>");
  expect(login).not.toContain("Amarktai");

  expect((await new TestClient(ctx).post("/reset", { email: "ann@example.com" })).status).toBe(200);
  const reset = decodeQuotedPrintable((await smtp.next()).raw);
  expect(reset).toContain("Subject: Reset your Hostly Social password");
  expect(reset).toContain("From: Hostly Social <amarktai@localhost>");
  expect(reset).not.toContain("Amarktai");

  expect((await c.post("/settings/team/invite", { email: "bob@example.com" })).status).toBe(200);
  const invite = decodeQuotedPrintable((await smtp.next()).raw);
  expect(invite).toContain("Subject: Ann invited you to Hostly Social");
  const token = /\/invite\/([a-z0-9]+)/.exec(invite)![1];
  expect((await new TestClient(ctx).get(`/invite/${token}`)).text).toContain("<h1>Join Hostly Social</h1>");
});

test("a private box (operator mode off) keeps its own name: Amarktai in the sidebar and Amarktai Marketing in titles and emails", async () => {
  ctx = makeTestContext({ ...smtp.env }, "operator:\n  name: Hostly Social\n");
  const ann = await addUser(ctx, { email: "ann@example.com", name: "Ann", role: "admin" });
  const page = (await clientFor(ctx, ann).get("/dashboard")).text;
  expect(page).toContain("<span>Amarktai</span>");
  expect(page).toContain("<title>Dashboard · Amarktai Marketing</title>");
  expect(page).not.toContain("Hostly");
  expect((await new TestClient(ctx).post("/reset", { email: "ann@example.com" })).status).toBe(200);
  const reset = decodeQuotedPrintable((await smtp.next()).raw);
  expect(reset).toContain("Subject: Reset your Amarktai Marketing password");
  expect(reset).toContain("From: Amarktai Marketing <amarktai@localhost>");
});

test("operator mode: the PDF report's author and the app name Stripe receives are the operator's product; a private box's PDF keeps its own", async () => {
  const stripe = new FakeStripe().start();
  try {
    stripe.prices.add("price_team_m");
    ctx = makeTestContext(
      { ...stripe.env("whsec_brand") },
      HOSTLY.replace(
        "      quotas: { seats: 3 }",
        "      price_month: 9\n      stripe_price_month: price_team_m\n      quotas: { seats: 3 }",
      ),
    );
    const ann = await addUser(ctx, { email: "ann@example.com", name: "Ann" });
    expect(pdfInfo((await buildReport(ctx, ann, "week")).pdf).Author).toBe("Hostly Social");

    expect((await clientFor(ctx, ann).post("/billing/checkout", { plan: "team" })).status).toBe(303);
    const call = stripe.calls.at(-1)!;
    expect(call.path).toBe("/v1/checkout/sessions");
    expect(call.userAgent).toEndWith(" Hostly Social");
    expect(call.userAgent).not.toContain("Amarktai");
  } finally {
    stripe.stop();
  }

  ctx.cleanup();
  ctx = makeTestContext({}, "operator:\n  name: Hostly Social\n");
  const bob = await addUser(ctx, { email: "bob@example.com", name: "Bob" });
  expect(pdfInfo((await buildReport(ctx, bob, "week")).pdf).Author).toBe("Amarktai Marketing");
});
