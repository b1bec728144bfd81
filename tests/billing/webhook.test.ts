import { afterAll, afterEach, beforeAll, expect, test } from "bun:test";
import { stripeEvents } from "../../src/db/schema/operator";
import { quotaCheck, publishingPause } from "../../src/operator/quota";
import { joinAccount } from "../../src/operator/seats-store";
import { ensureAccount, findAccount, listInvoices } from "../../src/operator/store";
import { queueDueNightlyRuns } from "../../src/pipeline/nightly";
import { createApp } from "../../src/server/app";
import { clientFor } from "../support/accounts";
import { makeItem, makeUser, makeWebapp } from "../support/content-factories";
import { makeTestContext } from "../support/context";
import { FakeStripe, signedDelivery } from "../fakes/stripe";

const WHSEC = "whsec_test_secret";
let stripe: FakeStripe;
let ctx: ReturnType<typeof makeTestContext>;
beforeAll(() => {
  stripe = new FakeStripe().start();
  stripe.prices.add("price_pro_m");
  stripe.prices.add("price_pro_y");
});
afterAll(() => stripe.stop());
afterEach(() => ctx.cleanup());

const PLANS = `operator:
  past_due_grace_days: 3
  plans:
    - id: starter
      name: Starter
      price_month: 9
      stripe_price_month: price_starter_m
      quotas: { webapps: 1 }
    - id: pro
      name: Pro
      price_month: 49
      price_year: 490
      stripe_price_month: price_pro_m
      stripe_price_year: price_pro_y
      quotas: { webapps: 5 }
`;

function billingCtx() {
  return makeTestContext(
    { AMARKTAI_OPERATOR_ENABLED: "true", AMARKTAI_SERVER_PUBLIC_BASE_URL: "https://market.example.com", ...stripe.env(WHSEC) },
    PLANS,
  );
}

let seq = 0;
const nowS = () => Math.floor(ctx.clock.now().getTime() / 1000);

/** Builds an event as Stripe would send it; `at` is seconds after now. */
function event(type: string, object: Record<string, unknown>, at = 0, id = `evt_${++seq}`) {
  return { id, type, created: nowS() + at, data: { object } };
}

async function deliver(
  e: ReturnType<typeof event>,
  o: { secret?: string; timestamp?: number; signature?: string | null } = {},
): Promise<{ status: number; body: string }> {
  const signed = signedDelivery(o.secret ?? WHSEC, e, o.timestamp ?? nowS());
  const headers: Record<string, string> = { "content-type": "application/json" };
  const sig = o.signature === undefined ? signed.signature : o.signature;
  if (sig !== null) headers["stripe-signature"] = sig;
  const r = await createApp(ctx).handle(
    new Request("https://market.example.com/billing/webhook", { method: "POST", headers, body: signed.body }),
  );
  return { status: r.status, body: await r.text() };
}

const subscription = (status: string, o: { id?: string; customer?: string; price?: string; userId?: number } = {}) => ({
  id: o.id ?? "sub_1",
  object: "subscription",
  customer: o.customer ?? "cus_1",
  status,
  created: nowS() - 100,
  metadata: o.userId ? { user_id: String(o.userId) } : {},
  items: { object: "list", data: [{ id: "si_1", object: "subscription_item", price: { id: o.price ?? "price_pro_m", object: "price" } }] },
});

const invoice = (id: string, status: string, customer = "cus_1") => ({
  id,
  object: "invoice",
  customer,
  number: `INV-${id}`,
  status,
  amount_due: 4900,
  amount_paid: status === "paid" ? 4900 : 0,
  currency: "eur",
  hosted_invoice_url: `https://invoice.stripe.com/i/${id}`,
  created: nowS(),
});

/** A customer who went through Checkout for Pro: linked to cus_1 and sub_1. */
async function subscribed() {
  const user = makeUser(ctx);
  ensureAccount(ctx.db, user.id, "starter", ctx.clock.now());
  const session = {
    id: "cs_test_1",
    object: "checkout.session",
    customer: "cus_1",
    subscription: "sub_1",
    client_reference_id: String(user.id),
    metadata: { user_id: String(user.id), plan_id: "pro" },
  };
  expect((await deliver(event("checkout.session.completed", session))).status).toBe(200);
  return user;
}

test("subscribing: Checkout is created on the fake with the plan's price and the user's id; completion and the subscription's events set plan and state; the portal opens", async () => {
  ctx = billingCtx();
  const user = makeUser(ctx, { email: "cora@example.com" });
  ensureAccount(ctx.db, user.id, "starter", ctx.clock.now());
  const c = clientFor(ctx, user);
  const go = await c.post("/billing/checkout", { plan: "pro", interval: "year" });
  expect(go.status).toBe(303);
  expect(go.location).toStartWith("https://checkout.stripe.com/c/pay/cs_test_");
  const call = stripe.calls.at(-1)!;
  expect(call.path).toBe("/v1/checkout/sessions");
  expect(call.auth).toBe("Bearer sk_test_fake");
  expect(call.form["line_items[0][price]"]).toBe("price_pro_y");
  expect(call.form.client_reference_id).toBe(String(user.id));
  expect(call.form.customer_email).toBe("cora@example.com");
  expect(call.form["subscription_data[metadata][user_id]"]).toBe(String(user.id));
  expect(call.form.success_url).toBe("https://market.example.com/billing?checkout=done");

  const done = {
    id: "cs_test_1",
    object: "checkout.session",
    customer: "cus_9",
    subscription: "sub_9",
    client_reference_id: String(user.id),
    metadata: { user_id: String(user.id), plan_id: "pro" },
  };
  expect((await deliver(event("checkout.session.completed", done))).status).toBe(200);
  let account = findAccount(ctx.db, user.id)!;
  expect([account.planId, account.status, account.stripeCustomerId, account.stripeSubscriptionId]).toEqual([
    "pro",
    "active",
    "cus_9",
    "sub_9",
  ]);
  expect(
    (await deliver(event("customer.subscription.updated", subscription("trialing", { id: "sub_9", customer: "cus_9" }), 5))).status,
  ).toBe(200);
  account = findAccount(ctx.db, user.id)!;
  expect(account.status).toBe("trialing");

  stripe.customers.add("cus_9");
  const portal = await c.post("/billing/portal", {});
  expect(portal.location).toStartWith("https://billing.stripe.com/p/session/");
  expect(stripe.calls.at(-1)!.form.customer).toBe("cus_9");
});

test("a price Stripe does not know: its documented error becomes a sentence on the page, nothing changes", async () => {
  ctx = makeTestContext(
    { AMARKTAI_OPERATOR_ENABLED: "true", ...stripe.env(WHSEC) },
    PLANS.replace("stripe_price_month: price_starter_m", "stripe_price_month: price_gone"),
  );
  const user = makeUser(ctx);
  const r = await clientFor(ctx, user).post("/billing/checkout", { plan: "starter", interval: "month" });
  expect(r.status).toBe(422);
  expect(r.text).toContain("Stripe refused the request (");
  expect(r.text).toContain("No such price: &#x27;price_gone&#x27;). Nothing was charged");
});

test("bad, missing and replayed signatures answer 400 and change nothing; the same event sent twice is applied once", async () => {
  ctx = billingCtx();
  const user = await subscribed();
  const failed = event("invoice.payment_failed", invoice("in_1", "open"), 10);
  const subscribedEvent = "evt_" + (seq - 1);
  expect((await deliver(failed, { secret: "whsec_someone_else" })).status).toBe(400);
  expect((await deliver(failed, { signature: null })).status).toBe(400);
  expect((await deliver(failed, { signature: "t=1,v1=00" })).status).toBe(400);
  // A captured delivery replayed after the tolerance (300 s) is refused even with its valid signature.
  expect((await deliver(failed, { timestamp: nowS() - 301 })).status).toBe(400);
  // ...and one stamped in the future (it would stay replayable for as long).
  expect((await deliver(failed, { timestamp: nowS() + 3600 })).status).toBe(400);
  // A validly signed body that is no event (no type, no data) is refused, not a 500 Stripe would retry for days.
  const { type: _t, ...noType } = event("invoice.paid", invoice("in_1", "paid"));
  expect((await deliver(noType as ReturnType<typeof event>)).status).toBe(400);
  const { data: _d, ...noData } = event("invoice.paid", invoice("in_1", "paid"));
  expect((await deliver(noData as ReturnType<typeof event>)).status).toBe(400);
  expect(findAccount(ctx.db, user.id)!.status).toBe("active");
  expect(
    ctx.db
      .select()
      .from(stripeEvents)
      .all()
      .map((e) => e.id),
  ).toEqual([subscribedEvent]);

  const first = await deliver(failed);
  expect(first.status).toBe(200);
  expect(JSON.parse(first.body).outcome).toBe("applied");
  const since = findAccount(ctx.db, user.id)!.pastDueSince;
  ctx.clock.advance(60_000);
  const again = await deliver(failed);
  expect(again.status).toBe(200);
  expect(JSON.parse(again.body).outcome).toBe("duplicate");
  expect(findAccount(ctx.db, user.id)!.pastDueSince).toEqual(since);
  expect(listInvoices(ctx.db, user.id).length).toBe(1);
});

test("events in any order: an older state never overwrites a newer one, and an old subscription's end changes nothing", async () => {
  ctx = billingCtx();
  const user = await subscribed();
  expect(JSON.parse((await deliver(event("customer.subscription.updated", subscription("past_due"), 300))).body).outcome).toBe("applied");
  expect(JSON.parse((await deliver(event("customer.subscription.updated", subscription("active"), 200))).body).outcome).toBe("stale");
  expect(findAccount(ctx.db, user.id)!.status).toBe("past_due");
  // The paid invoice (newer) brings it back; then a late failure of the same invoice neither reopens it nor changes the state.
  expect(JSON.parse((await deliver(event("invoice.paid", invoice("in_2", "paid"), 400))).body).outcome).toBe("applied");
  expect(JSON.parse((await deliver(event("invoice.payment_failed", invoice("in_2", "open"), 350))).body).outcome).toBe("stale");
  expect(findAccount(ctx.db, user.id)!.status).toBe("active");
  expect(listInvoices(ctx.db, user.id)[0]!.status).toBe("paid");
  expect(
    JSON.parse((await deliver(event("customer.subscription.deleted", subscription("canceled", { id: "sub_old" }), 500))).body).outcome,
  ).toBe("stale");
  expect(findAccount(ctx.db, user.id)!.status).toBe("active");
  // A plan change made in the portal arrives as an update with the new price.
  await deliver(event("customer.subscription.updated", subscription("active", { price: "price_starter_m" }), 600));
  expect(findAccount(ctx.db, user.id)!.planId).toBe("starter");
});

test("an invoice for a customer not linked yet answers 409 without being recorded, and applies when Stripe sends it again", async () => {
  ctx = billingCtx();
  makeUser(ctx);
  const early = event("invoice.paid", invoice("in_3", "paid", "cus_1"));
  expect((await deliver(early)).status).toBe(409);
  expect(ctx.db.select().from(stripeEvents).all()).toEqual([]);
  const user = await subscribed();
  expect(JSON.parse((await deliver(early)).body).outcome).toBe("applied");
  expect(listInvoices(ctx.db, user.id).map((i) => i.hostedInvoiceUrl)).toEqual(["https://invoice.stripe.com/i/in_3"]);
  const page = await clientFor(ctx, user).get("/billing");
  expect(page.text).toContain('href="https://invoice.stripe.com/i/in_3"');
  expect(page.text).toContain("EUR 49.00");
});

test("past_due keeps working with a banner for the grace days, then the nightly run and publishing pause; payment resumes them", async () => {
  ctx = billingCtx();
  const user = await subscribed();
  const app = makeWebapp(ctx, user.id);
  const item = makeItem(ctx, { userId: user.id, webappId: app.id });
  await deliver(event("invoice.payment_failed", invoice("in_4", "open"), 1));
  expect(findAccount(ctx.db, user.id)!.status).toBe("past_due");
  ctx.clock.advance(2 * 86_400_000);
  expect(quotaCheck(ctx, user.id, "posts_month")).toEqual({ allowed: true });
  expect(publishingPause(ctx, item.id)).toBeUndefined();
  const c = clientFor(ctx, user);
  const usage = (await c.get("/usage/plan")).text;
  expect(usage.split("Your last payment failed. Update your card by 2026-03-05").length).toBe(2);
  // Every signed-in page carries the banner while past_due, not only the billing pages.
  for (const path of ["/dashboard", "/approval", "/settings"]) {
    const page = await c.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Your last payment failed. Update your card by 2026-03-05");
  }

  ctx.clock.advance(86_400_000 + 5_000);
  const refused = quotaCheck(ctx, user.id, "posts_month");
  expect(refused.allowed).toBe(false);
  expect(!refused.allowed && refused.message).toContain("the nightly run and publishing are paused (nothing was deleted)");
  expect(publishingPause(ctx, item.id)).toContain("publishing paused");
  expect(queueDueNightlyRuns(ctx).queued).toBe(0);
  // Reading and exporting stay open.
  expect((await c.get("/usage/plan")).status).toBe(200);
  expect((await c.get("/billing")).status).toBe(200);

  await deliver(event("invoice.paid", invoice("in_4", "paid"), 10));
  expect(findAccount(ctx.db, user.id)!.status).toBe("active");
  expect(quotaCheck(ctx, user.id, "posts_month")).toEqual({ allowed: true });
  expect(publishingPause(ctx, item.id)).toBeUndefined();
  expect(queueDueNightlyRuns(ctx).queued).toBe(1);
  expect((await c.get("/dashboard")).text).not.toContain("billing-banner");
});

test("canceled keeps reading but starts no new work", async () => {
  ctx = billingCtx();
  const user = await subscribed();
  await deliver(event("customer.subscription.deleted", subscription("canceled"), 10));
  expect(findAccount(ctx.db, user.id)!.status).toBe("canceled");
  const refused = quotaCheck(ctx, user.id, "webapps");
  expect(!refused.allowed && refused.message).toContain("Your subscription has ended: you can read and export everything.");
  expect((await clientFor(ctx, user).get("/usage/plan")).status).toBe(200);
});

test("a member reads the owner's billing: the banner and the pause follow the owner's row; only the owner can pay; webhooks touch only the owner's row", async () => {
  ctx = billingCtx();
  const owner = await subscribed();
  const member = makeUser(ctx, { email: "mel@example.com", name: "Mel" });
  joinAccount(ctx.db, member.id, owner.id);
  const m = clientFor(ctx, member);
  await deliver(event("invoice.payment_failed", invoice("in_9", "open"), 1));
  expect(findAccount(ctx.db, owner.id)!.status).toBe("past_due");
  // The member works in the owner's account: the owner's past_due is their banner on every page.
  expect((await m.get("/dashboard")).text).toContain("Your last payment failed.");
  ctx.clock.advance(4 * 86_400_000);
  expect(quotaCheck(ctx, member.id, "webapps").allowed).toBe(false);
  expect((await m.get("/dashboard")).text).toContain("the nightly run and publishing are paused");

  const page = (await m.get("/billing")).text;
  expect(page).toContain(`Ask the account owner (${owner.name}, ${owner.email}) to change the plan`);
  expect(page).not.toContain('action="/billing/checkout"');
  expect(page).not.toContain('action="/billing/portal"');
  expect(page).not.toContain("INV-in_9"); // the owner's invoices stay the owner's
  const calls = stripe.calls.length;
  const checkout = await m.post("/billing/checkout", { plan: "pro", interval: "month" });
  expect(checkout.status).toBe(403);
  expect(checkout.text).toContain(`Ask the account owner (${owner.name}, ${owner.email}) to change the plan`);
  expect((await m.post("/billing/portal", {})).status).toBe(403);
  expect(stripe.calls.length).toBe(calls);
  expect((await clientFor(ctx, owner).get("/billing")).text).toContain('action="/billing/checkout"');

  // An event naming the member (metadata from an old checkout, or forged) lands on the owner's row, never a row of the member's.
  const sub = subscription("active", { id: "sub_1", customer: "cus_other", userId: member.id });
  expect((await deliver(event("customer.subscription.updated", sub, 20))).status).toBe(200);
  expect(findAccount(ctx.db, member.id)).toBeUndefined();
  expect(findAccount(ctx.db, owner.id)!.status).toBe("active");
  expect((await m.get("/dashboard")).text).not.toContain("billing-banner");
});
