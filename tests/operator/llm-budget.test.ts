import { afterAll, afterEach, beforeAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { parseConfig } from "../../src/config/load";
import { itemHistory } from "../../src/content/store";
import { contentItems } from "../../src/db/schema/content";
import { createLlmGateway } from "../../src/llm/gateway";
import { listCalls, listNotices, recordCall } from "../../src/llm/store";
import { usageOf } from "../../src/operator/quota";
import { ensureAccount, updateAccount } from "../../src/operator/store";
import { executeRun } from "../../src/pipeline/run";
import { requestRun } from "../../src/pipeline/start";
import { createUser } from "../../src/users/store";
import { PANTRY_FACTS } from "../agents/fixtures";
import { openAiAnswer, startFakeOpenAi, type FakeOpenAi } from "../fakes/openai";
import type { RecordedRequest } from "../fakes/scripted-server";
import { postRequest, providerYaml } from "../llm/support";
import { seedApp } from "../pipeline/support";
import { startResearchSites, type ResearchSites } from "../sites/research-sites";
import { clientFor } from "../support/accounts";
import { makeTestContext } from "../support/context";

let sites: ResearchSites;
let fake: FakeOpenAi;
beforeAll(() => {
  sites = startResearchSites();
  // The research call reports 2,000 prompt and 300 completion tokens in its usage fields, each post 900 and 250.
  fake = startFakeOpenAi({
    fallback: (req: RecordedRequest) => {
      const props = req.body.response_format?.json_schema?.schema?.properties ?? {};
      if ("features" in props) return openAiAnswer(PANTRY_FACTS, { prompt_tokens: 2000, completion_tokens: 300 });
      const scenes = [1, 2, 3].map((n) => ({ onScreenText: `Step ${n}`, voiceover: `Step ${n} of dinner.`, visual: "app", seconds: 5 }));
      const post = {
        title: "",
        hook: "Dinner from your fridge.",
        body: "Plan in minutes.",
        callToAction: "Try it",
        hashtags: ["food"],
        scenes,
      };
      return openAiAnswer(post, { prompt_tokens: 900, completion_tokens: 250 });
    },
  });
});
afterAll(async () => {
  sites.stop();
  await fake.stop();
});

let ctx: ReturnType<typeof makeTestContext> | undefined;
afterEach(() => {
  ctx?.cleanup();
  ctx = undefined;
});

// gpt-4o names no prices: the documented default ($2.50 in, $10 out per million tokens) applies.
function budgetCtx(enabled = true, budget = "0.02") {
  const yaml = `llm:
  monthly_budget_usd: 100
  providers:
${providerYaml({ name: "openai", kind: "openai", model: "gpt-4o", api_key: "sk-test", base_url: fake.baseUrl, max_retries: 0 })}
operator:
  plans:
    - id: tiny
      name: Tiny
      quotas: { llm_budget_month: ${budget} }
    - id: big
      name: Big
      quotas: { llm_budget_month: unlimited }
  default_plan: tiny
`;
  return makeTestContext({ AMARKTAI_OPERATOR_ENABLED: String(enabled) }, yaml);
}

function customer(c: NonNullable<typeof ctx>, timezone = "UTC") {
  const user = createUser(c.db, { email: "owner@example.com", name: "Owner", passwordHash: "x", role: "member", timezone }, c.clock.now());
  ensureAccount(c.db, user.id, "tiny", c.clock.now());
  return user;
}

test("known models cost their published price by default; Ollama and unknown models cost 0 unless priced", () => {
  const c = parseConfig(
    `llm:
  providers:
${providerYaml({ kind: "openai", model: "gpt-4o-mini-2024-07-18", api_key: "k" })}
${providerYaml({ kind: "anthropic", model: "claude-sonnet-4-5", api_key: "k" })}
${providerYaml({ kind: "openai", model: "grok-4", api_key: "k", base_url: "https://api.x.ai/v1" })}
${providerYaml({ kind: "ollama", model: "gpt-4o" })}
${providerYaml({ kind: "openai", model: "my-own-model", api_key: "k" })}
${providerYaml({ kind: "openai", model: "gpt-4o", api_key: "k", price_in_per_million: 1, price_out_per_million: 2 })}
`,
    undefined,
    {},
  );
  const prices = c.llm.providers.map((p) => [p.priceInPerMillion, p.priceOutPerMillion]);
  expect(prices).toEqual([
    [0.15, 0.6],
    [3, 15],
    [3, 15],
    [0, 0],
    [0, 0],
    [1, 2],
  ]);
});

test("a spent plan budget: the run's posts come from the built-in writer, each says why, /usage and /usage/plan say so; the batch does not fail", async () => {
  // Research (up to $0.017 asked, $0.008 spent) fits $0.02; a post (up to $0.015 more) does not.
  ctx = budgetCtx();
  const user = customer(ctx);
  const { webappId } = seedApp(ctx, { url: sites.url("/"), platforms: ["linkedin", "x"], userId: user.id });
  const run = requestRun(ctx, { webappId, trigger: "cli" })!.run;
  await executeRun(ctx, createLlmGateway(ctx), run.id);
  // Research costs 2,000 x $2.50 + 300 x $10 per million = $0.008, from the usage fields the fake reported.
  const calls = listCalls(ctx.db, user.id, new Date(0));
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({ agent: "research", tokensIn: 2000, tokensOut: 300 });
  expect(calls[0]!.costUsd).toBeCloseTo(0.008, 6);
  const items = ctx.db.select().from(contentItems).where(eq(contentItems.userId, user.id)).all();
  expect(items.length).toBeGreaterThanOrEqual(2);
  for (const item of items) {
    expect(item.writer).toBe("builtin");
    expect(item.failure).toBeNull();
    expect(itemHistory(ctx.db, item.id).map((h) => h.detail)).toContain(
      "Written by the built-in writer: Your Tiny plan includes EUR 0.02 of AI use a month and you have used EUR 0.01. Upgrade your plan to do more. (/billing) The built-in writer writes until the month ends.",
    );
  }
  expect(listNotices(ctx.db, user.id, new Date(0))[0]!.message).toContain("Your Tiny plan includes EUR 0.02 of AI use a month");
  const c = clientFor(ctx, user);
  expect((await c.get("/usage")).text).toContain("Your Tiny plan includes EUR 0.02 of AI use a month");
  const bars = (await c.get("/usage/plan")).text;
  expect(bars).toContain('aria-label="AI budget this month (EUR): 0.01 of 0.02"');

  // On a plan without a budget limit the model writes again.
  updateAccount(ctx.db, user.id, { planId: "big" });
  const r = await createLlmGateway(ctx).generateStructured(postRequest(user.id));
  expect(r.kind).toBe("ok");
});

test("the budget month is the owner's calendar month in their zone; operator mode off applies no plan budget", async () => {
  ctx = budgetCtx(true, "1");
  const user = customer(ctx, "Pacific/Auckland");
  // 2026-03-31 10:00 UTC is already 1 April 00:00... in Auckland (UTC+13 until 5 April): March's spend is last month there.
  recordCall(ctx.db, {
    userId: user.id,
    agent: "creative",
    provider: "openai",
    model: "gpt-4o",
    purpose: "first",
    outcome: "ok",
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0.75,
    createdAt: new Date("2026-03-31T10:30:00Z"),
  });
  ctx.clock.set(new Date("2026-03-31T10:59:00Z"));
  expect(usageOf(ctx, user.id, "llm_budget_month")).toBeCloseTo(0.75, 6);
  ctx.clock.set(new Date("2026-03-31T11:01:00Z"));
  expect(usageOf(ctx, user.id, "llm_budget_month")).toBe(0);
  ctx.cleanup();

  ctx = budgetCtx(false, "0");
  const other = customer(ctx);
  const r = await createLlmGateway(ctx).generateStructured(postRequest(other.id));
  expect(r.kind).toBe("ok");
});

test("in operator mode /usage shows the plan's AI budget with no form of the person's own, and a posted budget is refused", async () => {
  ctx = budgetCtx(true, "5");
  const user = customer(ctx);
  const c = clientFor(ctx, user);
  const page = (await c.get("/usage")).text;
  expect(page).toContain("Your Tiny plan includes $5.00 of AI use a month");
  expect(page).not.toContain('name="monthly_budget_usd"');
  const res = await c.post("/usage/budget", { monthly_budget_usd: "1000000" });
  expect(res.status).toBe(403);
  expect(res.text).toContain("Your plan sets your AI budget");
  expect((await c.get("/usage")).text).not.toContain("1000000");
  // Operator mode off: the person's own cap, with a form that also works without JavaScript.
  ctx.cleanup();
  ctx = budgetCtx(false);
  const own = (await clientFor(ctx, customer(ctx)).get("/usage")).text;
  expect(own).toContain('method="post" action="/usage/budget"');
  expect(own).toContain('name="monthly_budget_usd"');
});
