import { afterEach, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { startConnect } from "../../src/connections/oauth";
import { contentItems } from "../../src/db/schema/content";
import { ActionRefused } from "../../src/http/errors";
import { JobError } from "../../src/jobs/worker";
import { mediaRenderHandler, requestMediaRender } from "../../src/media/job";
import { quotaCheck } from "../../src/operator/quota";
import { ensureAccount, updateAccount } from "../../src/operator/store";
import { queueDueNightlyRuns } from "../../src/pipeline/nightly";
import { requestRun } from "../../src/pipeline/start";
import type { OAuthProvider } from "../../src/platforms/oauth";
import { addWebapp } from "../../src/webapps/add";
import { clientFor } from "../support/accounts";
import { makeItem, makeUser, makeWebapp } from "../support/content-factories";
import { makeTestContext } from "../support/context";

let ctx: ReturnType<typeof makeTestContext>;
afterEach(() => ctx.cleanup());

const PLANS = `operator:
  plans:
    - id: tiny
      name: Tiny
      price_month: 5
      quotas: { webapps: 1, posts_month: 2, renders_month: 1, connections: 0 }
    - id: big
      name: Big
      price_month: 50
      quotas: { webapps: 10, posts_month: unlimited, renders_month: unlimited, connections: unlimited }
  default_plan: tiny
`;

function operatorCtx(enabled = true) {
  return makeTestContext({ AMARKTAI_OPERATOR_ENABLED: String(enabled) }, PLANS);
}

function customer(c: typeof ctx, planId = "tiny") {
  const user = makeUser(c);
  ensureAccount(c.db, user.id, planId, c.clock.now());
  return user;
}

const provider = {
  platform: "x",
  usesPkce: true,
  authorizeUrl: () => "https://x.example/authorize",
} as unknown as OAuthProvider;

test("the plan's N+1th web app is refused with a sentence that names the plan and where to upgrade", async () => {
  ctx = operatorCtx();
  const user = customer(ctx);
  makeWebapp(ctx, user.id);
  const r = await addWebapp(ctx, user.id, { url: "https://second.example" });
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.code).toBe("quota");
  expect(r.message).toBe("Your Tiny plan includes 1 web app and you have used 1. Upgrade your plan to do more. (/billing)");
  // On a bigger plan the same request passes the quota (and goes on to fetch the page).
  updateAccount(ctx.db, user.id, { planId: "big" });
  expect(quotaCheck(ctx, user.id, "webapps")).toEqual({ allowed: true });
});

test("a run that would go past the month's posts is refused; the nightly check skips the account; the page says why with a link", async () => {
  ctx = operatorCtx();
  const user = customer(ctx);
  const app = makeWebapp(ctx, user.id);
  makeItem(ctx, { userId: user.id, webappId: app.id });
  expect(requestRun(ctx, { webappId: app.id, trigger: "manual" })).toBeDefined();
  makeItem(ctx, { userId: user.id, webappId: app.id });
  const err = (() => {
    try {
      requestRun(ctx, { webappId: app.id, force: true, trigger: "manual" });
    } catch (e) {
      return e;
    }
  })();
  expect(err).toBeInstanceOf(ActionRefused);
  expect((err as ActionRefused).message).toContain("Your Tiny plan includes 2 posts a month and you have used 2.");
  ctx.clock.advance(86_400_000);
  expect(queueDueNightlyRuns(ctx).queued).toBe(0);

  const page = await clientFor(ctx, user).post(`/webapps/${app.id}/runs`, {});
  expect(page.status).toBe(403);
  expect(page.text).toContain("Your Tiny plan includes 2 posts a month");
  expect(page.text).toContain('href="/billing"');

  // A new month starts the count again.
  ctx.clock.set(new Date("2026-04-01T12:00:00Z"));
  expect(quotaCheck(ctx, user.id, "posts_month")).toEqual({ allowed: true });
});

test("the month's N+1th render fails the item with the sentence, without retrying", async () => {
  ctx = operatorCtx();
  const user = customer(ctx);
  const app = makeWebapp(ctx, user.id);
  const first = makeItem(ctx, { userId: user.id, webappId: app.id });
  const second = makeItem(ctx, { userId: user.id, webappId: app.id });
  const signal = new AbortController().signal;
  // The first render is counted (it then fails for want of a script, which is not the quota's business).
  await mediaRenderHandler(ctx)
    .run(requestMediaRender(ctx, first.id), { heartbeat: () => {}, signal })
    .catch(() => {});
  const err = await mediaRenderHandler(ctx)
    .run(requestMediaRender(ctx, second.id), { heartbeat: () => {}, signal })
    .catch((e) => e);
  expect(err).toBeInstanceOf(JobError);
  expect(err.retryable).toBe(false);
  expect(err.message).toContain("Your Tiny plan includes 1 render a month and you have used 1.");
  const row = ctx.db.select().from(contentItems).where(eq(contentItems.id, second.id)).get()!;
  expect(row.mediaStatus).toBe("failed");
  expect(row.mediaError).toContain("(/billing)");
});

test("connecting past the plan's accounts is refused before the platform is asked", () => {
  ctx = operatorCtx();
  const user = customer(ctx);
  expect(() => startConnect(ctx, provider, user.id)).toThrow("Your Tiny plan includes 0 connected accounts");
  updateAccount(ctx.db, user.id, { planId: "big" });
  expect(startConnect(ctx, provider, user.id)).toBe("https://x.example/authorize");
});

test("with operator mode off nothing is limited, and the operator's admins never are", async () => {
  ctx = operatorCtx(false);
  const user = customer(ctx);
  const app = makeWebapp(ctx, user.id);
  for (let i = 0; i < 3; i++) makeItem(ctx, { userId: user.id, webappId: app.id });
  for (const kind of ["webapps", "posts_month", "renders_month", "connections"] as const)
    expect(quotaCheck(ctx, user.id, kind)).toEqual({ allowed: true });
  expect(requestRun(ctx, { webappId: app.id, trigger: "manual" })).toBeDefined();
  expect(startConnect(ctx, provider, user.id)).toBe("https://x.example/authorize");
  ctx.cleanup();

  ctx = operatorCtx();
  const admin = makeUser(ctx);
  ctx.db.$client.query("UPDATE users SET role = 'admin' WHERE id = ?").run(admin.id);
  ensureAccount(ctx.db, admin.id, "tiny", ctx.clock.now());
  makeWebapp(ctx, admin.id);
  expect(quotaCheck(ctx, admin.id, "webapps")).toEqual({ allowed: true });
});

test("the past_due banner shows on every page in operator mode only, and never for an active account", async () => {
  for (const enabled of [true, false]) {
    ctx = operatorCtx(enabled);
    const user = makeUser(ctx);
    ensureAccount(ctx.db, user.id, "tiny", ctx.clock.now());
    const c = clientFor(ctx, user);
    expect((await c.get("/dashboard")).text).not.toContain("billing-banner");
    updateAccount(ctx.db, user.id, { status: "past_due", pastDueSince: ctx.clock.now() });
    const page = (await c.get("/dashboard")).text;
    expect(page.includes("Your last payment failed. Update your card by")).toBe(enabled);
    ctx.cleanup();
  }
  ctx = operatorCtx();
});
