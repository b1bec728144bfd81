import { afterEach, expect, test } from "bun:test";
import { recordCall } from "../../src/llm/store";
import { llmBudgetProblem } from "../../src/operator/quota";
import { addUser, clientFor } from "../support/accounts";
import { makeTestContext } from "../support/context";
import { TestClient } from "../support/http";

let ctx: ReturnType<typeof makeTestContext>;
afterEach(() => ctx.cleanup());

const ON = { AMARKTAI_OPERATOR_ENABLED: "true", AMARKTAI_SERVER_PUBLIC_BASE_URL: "https://market.example.com" };

test("off by default: / sends signed-out visitors to sign in and nothing of operator mode is reachable", async () => {
  ctx = makeTestContext();
  expect(ctx.config.operator.enabled).toBe(false);
  expect(ctx.config.auth.signup).toBe("invite");
  const owner = await addUser(ctx, { email: "owner@example.com", role: "admin" });
  const c = new TestClient(ctx);
  expect((await c.get("/")).location).toBe("/login");
  for (const path of ["/pricing", "/signup", "/usage/plan", "/billing", "/admin/accounts", "/operator/theme.css"]) {
    // Unknown paths answer 404 to everyone, as any path the box does not serve.
    expect((await c.get(path)).status).toBe(404);
  }
  expect((await c.post("/billing/webhook", {})).status).toBe(404);
  const signedIn = clientFor(ctx, owner);
  expect((await signedIn.get("/")).location).toBe("/dashboard");
  for (const path of ["/pricing", "/signup", "/usage/plan", "/billing", "/admin/accounts"])
    expect((await signedIn.get(path)).status).toBe(404);
});

test("operator mode: / is the landing page from the config, with sharing tags, local assets only and the plans", async () => {
  ctx = makeTestContext(
    { ...ON, AMARKTAI_AUTH_SIGNUP: "open" },
    `operator:
  name: Hostly Social
  tagline: "Posts for <your> apps, every night."
  primary_colour: "#aa2200"
  contact_email: hello@hostly.example
  imprint_url: https://hostly.example/imprint
  faq:
    - question: Is there a trial?
      answer: Yes, fourteen days.
`,
  );
  await addUser(ctx, { email: "owner@example.com", role: "admin" });
  const c = new TestClient(ctx);
  const r = await c.get("/");
  expect(r.status).toBe(200);
  expect(r.text).toContain("<title>Hostly Social</title>");
  expect(r.text).toContain('<meta property="og:title" content="Hostly Social"');
  expect(r.text).toContain('<meta property="og:url" content="https://market.example.com/"');
  expect(r.text).toContain("Posts for &lt;your&gt; apps, every night.");
  expect(r.text).toContain("Is there a trial?");
  expect(r.text).toContain("EUR 19");
  expect(r.text).toContain('href="/signup?plan=pro"');
  expect(r.text).toContain("mailto:hello@hostly.example");
  expect(r.text).not.toContain("<script");
  // Every asset the page loads comes from this box.
  for (const m of r.text.matchAll(/(?:src|href)="([^"]+)"/g)) {
    const u = m[1]!;
    expect(
      u.startsWith("/") ||
        u.startsWith("mailto:") ||
        u === "https://market.example.com/" ||
        u === "https://hostly.example/imprint" ||
        u.startsWith("#"),
    ).toBe(true);
  }
  expect(r.headers.get("content-security-policy")).toContain("default-src 'self'");
  const theme = await c.get("/operator/theme.css");
  expect(theme.text).toContain("--primary:#aa2200");
  const pricing = await c.get("/pricing");
  expect(pricing.status).toBe(200);
  expect(pricing.text).toContain("Starter");
  expect(pricing.text).toContain("5 web apps");
  // One of a thing is singular ("1 web apps" once stood on the default free plan).
  expect(pricing.text).toContain("1 web app<");
  expect(pricing.text).not.toContain("1 web apps");
  // Signed-in people still go to their dashboard.
  const owner = clientFor(ctx, (await addUser(ctx, { email: "m@example.com" }))!);
  expect((await owner.get("/")).location).toBe("/dashboard");
});

test("operator mode with invitation-only sign-up offers no sign-up link", async () => {
  ctx = makeTestContext(ON);
  await addUser(ctx, { email: "owner@example.com", role: "admin" });
  const r = await new TestClient(ctx).get("/");
  expect(r.status).toBe(200);
  expect(r.text).not.toContain("/signup");
});

test("operator mode: signed-out visitors reach only the public pages; every other page sends them to sign in", async () => {
  ctx = makeTestContext(ON);
  await addUser(ctx, { email: "owner@example.com", role: "admin" });
  const c = new TestClient(ctx);
  expect((await c.get("/")).status).toBe(200);
  expect((await c.get("/pricing")).status).toBe(200);
  // "/" is one public page, not a prefix of every path (it once was: /billing and /usage/plan then answered 500).
  for (const path of ["/usage/plan", "/billing", "/admin/accounts", "/dashboard", "/settings", "/analytics", "/inbox"]) {
    const r = await c.get(path);
    expect(r.status).toBe(303);
    expect(r.location).toStartWith("/login");
  }
});

test("every price on the landing, /pricing and /usage/plan is in the plans' currency: the AI budget too, converted from the providers' USD", async () => {
  ctx = makeTestContext(
    { ...ON, AMARKTAI_AUTH_SIGNUP: "open" },
    `operator:
  currency: GBP
  usd_rate: 0.8
  plans:
    - id: solo
      name: Solo
      price_month: 19
      price_year: 190
      quotas: { webapps: 1, llm_budget_month: 4 }
  default_plan: solo
`,
  );
  const ann = await addUser(ctx, { email: "ann@example.com" });
  const c = new TestClient(ctx);
  for (const path of ["/", "/pricing"]) {
    const page = (await c.get(path)).text;
    expect(page).toContain("GBP 19");
    expect(page).toContain("GBP 4 of AI use a month");
    expect(page).not.toMatch(/USD|EUR|\$/);
  }
  // One dollar of model use is GBP 0.80 of the plan's GBP 4.
  recordCall(ctx.db, {
    userId: ann.id,
    agent: "research",
    provider: "openai",
    model: "gpt-4o",
    purpose: "first",
    outcome: "ok",
    costUsd: 1,
    createdAt: ctx.clock.now(),
  });
  const usage = (await clientFor(ctx, ann).get("/usage/plan")).text;
  expect(usage).toContain('aria-label="AI budget this month (GBP): 0.80 of 4"');
  expect(usage).not.toMatch(/USD|EUR|\$/);
  const refused = llmBudgetProblem(ctx, ann.id, 5);
  expect(refused).toContain("Your Solo plan includes GBP 4 of AI use a month and you have used GBP 0.80.");
  expect(llmBudgetProblem(ctx, ann.id, 3.9)).toBeUndefined(); // GBP 0.80 + USD 3.90 x 0.8 = GBP 3.92 still fits GBP 4
});
