/**
 * Operator mode's figures: the public landing page's throughput and p99 at 200 connections (wrk over loopback,
 * signed out, next to a bare Bun.serve baseline), and the CPU one Stripe webhook costs us (signature check,
 * claim and state change in one transaction), measured with process.cpuUsage over 2,000 deliveries.
 */
import { join } from "node:path";
import { receiveWebhook } from "../src/billing/webhook";
import { openDatabase } from "../src/db/client";
import { ensureAccount, updateAccount } from "../src/operator/store";
import { createUser } from "../src/users/store";
import { signedDelivery } from "../tests/fakes/stripe";
import { makeTestContext } from "../tests/support/context";
import { startServer } from "../tests/support/server";
import { startBaseline, wrk, type Bench, type Figure } from "./support";

async function landing(): Promise<Figure[]> {
  const baseline = await startBaseline();
  const server = await startServer({ env: { AMARKTAI_OPERATOR_ENABLED: "true", AMARKTAI_AUTH_SIGNUP: "open" } });
  try {
    const db = openDatabase(join(server.dataDir, "amarktai.db"));
    createUser(db, { email: "op@example.com", name: "Operator", passwordHash: "not-used", role: "admin", timezone: "UTC" }, new Date());
    db.$client.close();
    const check = await fetch(`${server.url}/`, { redirect: "manual" });
    if (check.status !== 200) throw new Error(`bench: / did not answer the landing page (status ${check.status})`);
    const etag = check.headers.get("etag");
    if (!etag) throw new Error("bench: the landing page has no ETag");
    const load = wrk(`${server.url}/`, { connections: 200, seconds: 10 });
    const revalidated = wrk(`${server.url}/`, { connections: 200, seconds: 10, headers: { "if-none-match": etag } });
    const base = wrk(baseline.url, { connections: 200, seconds: 10 });
    // The same loads with wrk (one thread) on core 1 and the server on core 0: no scheduler migrations between them.
    const loadPinned = wrk(`${server.url}/`, { connections: 200, seconds: 10, pin: { serverPid: server.proc.pid } });
    const basePinned = wrk(baseline.url, { connections: 200, seconds: 10, pin: { serverPid: baseline.pid } });
    if (load.errors || loadPinned.errors)
      throw new Error(`bench: ${load.errors + loadPinned.errors} errors or non-2xx answers under load on /`);
    if (revalidated.errors || revalidated.requests === 0) throw new Error("bench: errors (or no answers) revalidating /");
    return [
      {
        name: "landing page / (signed out) requests/s at 200 connections (wrk, 10 s)",
        value: load.rps,
        unit: "req/s",
        note: `${(load.rps / base.rps).toFixed(3)} x baseline`,
      },
      {
        name: "landing page / p99 latency at 200 connections",
        value: load.p99,
        unit: "ms",
        target: "<= 5 ms",
        note: `p50 ${load.p50} ms; same-run bare Bun.serve hello p99 ${base.p99} ms, p50 ${base.p50} ms: p99 ratio ${(load.p99 / base.p99).toFixed(2)}x`,
      },
      {
        name: "landing page / p99 at 200 connections, pinned: server on core 0, wrk -t1 on core 1 (10 s)",
        value: loadPinned.p99,
        unit: "ms",
        target: "<= 5 ms",
        note:
          `p50 ${loadPinned.p50} ms, ${loadPinned.rps.toFixed(0)} req/s; same-run pinned bare Bun.serve hello p99 ${basePinned.p99} ms, ` +
          `p50 ${basePinned.p50} ms: p99 ratio ${(loadPinned.p99 / basePinned.p99).toFixed(2)}x`,
      },
      {
        name: "landing page / revalidated (If-None-Match: its ETag, 304 without a body) p99 at 200 connections",
        value: revalidated.p99,
        unit: "ms",
        note: `p50 ${revalidated.p50} ms, ${revalidated.rps.toFixed(0)} req/s; p99 ratio to the hello baseline ${(revalidated.p99 / base.p99).toFixed(2)}x`,
      },
    ];
  } finally {
    await server.stop();
    await baseline.stop();
  }
}

async function webhook(): Promise<Figure> {
  const secret = "whsec_bench";
  const ctx = makeTestContext({
    AMARKTAI_OPERATOR_ENABLED: "true",
    AMARKTAI_STRIPE_SECRET_KEY: "sk_test_bench",
    AMARKTAI_STRIPE_WEBHOOK_SECRET: secret,
  });
  try {
    const user = createUser(
      ctx.db,
      { email: "c@example.com", name: "C", passwordHash: "x", role: "member", timezone: "UTC" },
      ctx.clock.now(),
    );
    ensureAccount(ctx.db, user.id, "starter", ctx.clock.now());
    updateAccount(ctx.db, user.id, { stripeCustomerId: "cus_b", status: "active" });
    const t0 = Math.floor(ctx.clock.now().getTime() / 1000);
    const n = 2000;
    const deliveries = Array.from({ length: n }, (_, i) => {
      const paid = i % 2 === 1;
      const object = {
        id: `in_${i >> 1}`,
        object: "invoice",
        customer: "cus_b",
        status: paid ? "paid" : "open",
        amount_due: 4900,
        amount_paid: paid ? 4900 : 0,
        currency: "eur",
        hosted_invoice_url: `https://invoice.stripe.com/i/${i}`,
        created: t0,
      };
      return signedDelivery(
        secret,
        { id: `evt_${i}`, type: paid ? "invoice.paid" : "invoice.payment_failed", created: t0 + i, data: { object } },
        t0,
      );
    });
    for (let i = 0; i < 50; i++) await receiveWebhook(ctx, deliveries[i]!.body, deliveries[i]!.signature);
    const before = process.cpuUsage();
    for (let i = 50; i < n; i++) {
      const a = await receiveWebhook(ctx, deliveries[i]!.body, deliveries[i]!.signature);
      if (a.status !== 200 || a.outcome !== "applied") throw new Error(`bench: delivery ${i} was not applied (${JSON.stringify(a)})`);
    }
    const used = process.cpuUsage(before);
    return {
      name: "applying one Stripe webhook (verify signature, claim id, change state; invoice paid/failed)",
      value: (used.user + used.system) / 1000 / (n - 50),
      unit: "ms CPU",
      target: "<= 2 ms",
      note: `mean over ${n - 50} deliveries, process.cpuUsage`,
    };
  } finally {
    ctx.cleanup();
  }
}

/** The operator benchmark (bun run bench operator). */
export const bench: Bench = {
  name: "operator",
  summary: "landing page at 200 connections, CPU per Stripe webhook",
  run: async () => [...(await landing()), await webhook()],
};
