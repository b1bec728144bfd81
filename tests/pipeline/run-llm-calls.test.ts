import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createSession } from "../../src/auth/sessions";
import { createApp } from "../../src/server/app";
import { sessionCookieName } from "../../src/http/session";
import { createLlmGateway } from "../../src/llm/gateway";
import { listCalls, runCalls } from "../../src/llm/store";
import { executeRun } from "../../src/pipeline/run";
import { requestRun } from "../../src/pipeline/start";
import { NoProviderGateway, PANTRY_FACTS } from "../agents/fixtures";
import { openAiAnswer, startFakeOpenAi, type FakeOpenAi } from "../fakes/openai";
import type { RecordedRequest } from "../fakes/scripted-server";
import { providerYaml } from "../llm/support";
import { startResearchSites, type ResearchSites } from "../sites/research-sites";
import { makeTestContext } from "../support/context";
import { seedApp } from "./support";

let sites: ResearchSites;
let fake: FakeOpenAi;
beforeAll(() => {
  sites = startResearchSites();
  // Research asks for product facts, the creative agent for posts: answer each by the schema it sent.
  fake = startFakeOpenAi({
    fallback: (req: RecordedRequest) => {
      const props = req.body.response_format?.json_schema?.schema?.properties ?? {};
      if ("features" in props) return openAiAnswer(PANTRY_FACTS, { prompt_tokens: 2000, completion_tokens: 300 });
      const scenes = [1, 2, 3].map((n) => ({ onScreenText: `Step ${n}`, voiceover: `Step ${n} of dinner.`, visual: "app", seconds: 5 }));
      return openAiAnswer(
        {
          title: "",
          hook: "Dinner from what is already in your fridge.",
          body: "Scan your groceries and get a plan in minutes.",
          callToAction: "Try it",
          hashtags: ["mealplanning"],
          scenes,
        },
        { prompt_tokens: 900, completion_tokens: 250 },
      );
    },
  });
});
afterAll(async () => {
  sites.stop();
  await fake.stop();
});

function get(ctx: ReturnType<typeof makeTestContext>, userId: number, path: string) {
  const { token } = createSession(ctx.db, userId, ctx.clock.now(), 30);
  return createApp(ctx).handle(new Request(`http://localhost:3000${path}`, { headers: { cookie: `${sessionCookieName(ctx)}=${token}` } }));
}

describe("the run page's model calls", () => {
  test("each call of the run is logged with its run id and listed with provider, model, tokens, cost and outcome", async () => {
    const yaml = `llm:\n  monthly_budget_usd: 10\n  providers:\n${providerYaml({ name: "grok", kind: "openai", model: "grok-3", api_key: "xai-test", base_url: fake.baseUrl, max_retries: 0, price_in_per_million: 3, price_out_per_million: 15 })}\n`;
    const ctx = makeTestContext({}, yaml);
    try {
      const { userId, webappId } = seedApp(ctx, { url: sites.url("/"), platforms: ["linkedin", "x"] });
      const run = requestRun(ctx, { webappId, trigger: "cli" })!.run;
      await executeRun(ctx, createLlmGateway(ctx), run.id);
      const calls = runCalls(ctx.db, userId, run.id);
      // One research call and one per post (the optimizer may add a B variant).
      expect(calls.length).toBeGreaterThanOrEqual(3);
      expect(calls.map((c) => c.agent)[0]).toBe("research");
      expect(calls.every((c) => c.runId === run.id && c.provider === "grok" && c.outcome === "ok")).toBe(true);
      expect(listCalls(ctx.db, userId, new Date(0))).toHaveLength(calls.length);
      const total = calls.reduce((n, c) => n + c.costUsd, 0);
      const html = await (await get(ctx, userId, `/runs/${run.id}`)).text();
      expect(html).toContain('id="run-llm-calls"');
      expect(html).toContain(`${calls.length} call(s)`);
      expect(html).toContain("grok-3");
      expect(html).toContain("2,000");
      expect(html).toContain(`cost $${total < 0.01 ? total.toFixed(4) : total.toFixed(2)}`);
      expect(html).not.toContain("no model calls");
      // Another user's run shows none of them.
      const { webappId: other } = seedApp(ctx, { url: sites.url("/"), platforms: ["x"] });
      const otherRun = requestRun(ctx, { webappId: other, trigger: "cli" })!.run;
      expect(runCalls(ctx.db, userId, otherRun.id)).toEqual([]);
    } finally {
      ctx.cleanup();
    }
  });

  test("a run by the built-in writer says so and lists no calls", async () => {
    const ctx = makeTestContext();
    try {
      const { userId, webappId } = seedApp(ctx, { url: sites.url("/"), platforms: ["x"] });
      const run = requestRun(ctx, { webappId, trigger: "cli" })!.run;
      const queued = await (await get(ctx, userId, `/runs/${run.id}`)).text();
      expect(queued).toContain("No model calls yet.");
      await executeRun(ctx, new NoProviderGateway(), run.id);
      const html = await (await get(ctx, userId, `/runs/${run.id}`)).text();
      expect(html).toContain("Written by the built-in offline writer (no model calls)");
      expect(html).not.toContain("<th>Tokens in</th>");
    } finally {
      ctx.cleanup();
    }
  });
});
