import { afterEach, describe, expect, test } from "bun:test";
import { createLlmGateway } from "../../src/llm/gateway";
import { listCalls, listNotices, saveBudget } from "../../src/llm/store";
import { anthropicToolAnswer, startFakeAnthropic } from "../fakes/anthropic";
import { ollamaAnswer, startFakeOllama } from "../fakes/ollama";
import { openAiAnswer, openAiServerError, startFakeOpenAi } from "../fakes/openai";
import { GOOD_POST, llmContext, postRequest } from "./support";

const stops: (() => Promise<void>)[] = [];
let env: ReturnType<typeof llmContext> | undefined;
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
  env?.ctx.cleanup();
  env = undefined;
});

function fakes() {
  const grok = startFakeOpenAi();
  const claude = startFakeAnthropic();
  const local = startFakeOllama();
  stops.push(grok.stop, claude.stop, local.stop);
  return { grok, claude, local };
}

describe("gateway", () => {
  test("no provider configured: fallback with a clear reason, no calls logged", async () => {
    env = llmContext([]);
    const r = await createLlmGateway(env.ctx).generateStructured(postRequest(env.userId));
    expect(r.kind).toBe("fallback");
    if (r.kind === "fallback") expect(r.reason).toContain("no language model is configured");
    expect(listCalls(env.ctx.db, env.userId, new Date(0))).toHaveLength(0);
  });

  test("fallback order: Grok exhausts its retries, Claude answers; every call is logged with its cost", async () => {
    const f = fakes();
    env = llmContext([
      {
        name: "grok",
        kind: "openai",
        model: "grok-3",
        api_key: "k",
        base_url: f.grok.baseUrl,
        max_retries: 1,
        price_in_per_million: 3,
        price_out_per_million: 15,
      },
      {
        name: "claude",
        kind: "anthropic",
        model: "claude-sonnet-5",
        api_key: "k",
        base_url: f.claude.baseUrl,
        price_in_per_million: 3,
        price_out_per_million: 15,
      },
    ]);
    f.grok.enqueue(openAiServerError(), openAiServerError());
    f.claude.enqueue(anthropicToolAnswer(GOOD_POST, { input_tokens: 500, output_tokens: 50 }));
    const r = await createLlmGateway(env.ctx, { sleep: env.sleep }).generateStructured(postRequest(env.userId));
    expect(r).toEqual({ kind: "ok", data: GOOD_POST, provider: "claude", model: "claude-sonnet-5" });
    const calls = listCalls(env.ctx.db, env.userId, new Date(0));
    expect(calls.map((c) => [c.provider, c.purpose, c.outcome])).toEqual([
      ["grok", "first", "error"],
      ["grok", "retry", "error"],
      ["claude", "first", "ok"],
    ]);
    expect(calls[2]!.costUsd).toBeCloseTo((500 * 3 + 50 * 15) / 1e6, 10);
    expect(env.ctx.logLines.some((l) => l.includes("grok (grok-3) gave no usable answer to the creative agent"))).toBe(true);
  });

  test("every provider failing: fallback naming each failure, and a notice for the Usage page", async () => {
    const f = fakes();
    env = llmContext([
      { name: "grok", kind: "openai", model: "grok-3", api_key: "k", base_url: f.grok.baseUrl, max_retries: 0 },
      { name: "local", kind: "ollama", model: "llama3.2", base_url: f.local.baseUrl, max_retries: 0 },
    ]);
    f.grok.enqueue(openAiServerError());
    f.local.enqueue({ status: 500, body: { error: "out of memory" } });
    const r = await createLlmGateway(env.ctx, { sleep: env.sleep }).generateStructured(postRequest(env.userId));
    expect(r.kind).toBe("fallback");
    if (r.kind === "fallback") {
      expect(r.reason).toContain("grok: HTTP 500");
      expect(r.reason).toContain("local: HTTP 500: the provider had a server error (out of memory)");
    }
    const notices = listNotices(env.ctx.db, env.userId, new Date(0));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.kind).toBe("all_failed");
  });

  test("budget reached: no request is sent, fallback says so, and the user is told once a day", async () => {
    const f = fakes();
    env = llmContext(
      [
        {
          name: "grok",
          kind: "openai",
          model: "grok-3",
          api_key: "k",
          base_url: f.grok.baseUrl,
          price_in_per_million: 3,
          price_out_per_million: 15,
        },
      ],
      1,
    );
    const gw = createLlmGateway(env.ctx, { sleep: env.sleep });
    // One (oversized) answer spends $1.002 of the $1 budget: 1000 input + 66,600 output tokens at these prices.
    f.grok.enqueue(openAiAnswer(GOOD_POST, { prompt_tokens: 1000, completion_tokens: 66_600 }));
    expect((await gw.generateStructured(postRequest(env.userId))).kind).toBe("ok");
    const r = await gw.generateStructured(postRequest(env.userId));
    expect(r).toEqual({ kind: "fallback", budget: true, reason: "monthly budget of $1.00 reached ($1.00 spent this calendar month, UTC)" });
    await gw.generateStructured(postRequest(env.userId));
    expect(f.grok.requests).toHaveLength(1);
    const notices = listNotices(env.ctx.db, env.userId, new Date(0));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: "budget", day: "2026-03-02" });
    expect(notices[0]!.message).toContain("monthly budget of $1.00 reached");
  });

  test("the budget is per user and per calendar month in UTC", async () => {
    const f = fakes();
    env = llmContext(
      [
        {
          name: "grok",
          kind: "openai",
          model: "grok-3",
          api_key: "k",
          base_url: f.grok.baseUrl,
          price_in_per_million: 3,
          price_out_per_million: 15,
        },
      ],
      1,
    );
    const gw = createLlmGateway(env.ctx, { sleep: env.sleep });
    env.ctx.clock.set(new Date("2026-03-31T23:00:00Z"));
    f.grok.enqueue(openAiAnswer(GOOD_POST, { prompt_tokens: 1000, completion_tokens: 66_600 }));
    await gw.generateStructured(postRequest(env.userId));
    expect((await gw.generateStructured(postRequest(env.userId))).kind).toBe("fallback");
    saveBudget(env.ctx.db, env.userId, 5, env.ctx.clock.now());
    f.grok.enqueue(openAiAnswer(GOOD_POST));
    expect((await gw.generateStructured(postRequest(env.userId))).kind).toBe("ok");
    saveBudget(env.ctx.db, env.userId, 1, env.ctx.clock.now());
    env.ctx.clock.set(new Date("2026-04-01T00:30:00Z"));
    f.grok.enqueue(openAiAnswer(GOOD_POST));
    expect((await gw.generateStructured(postRequest(env.userId))).kind).toBe("ok");
  });

  test("over budget, a paid provider is skipped but a free local one still answers", async () => {
    const f = fakes();
    env = llmContext(
      [
        {
          name: "grok",
          kind: "openai",
          model: "grok-3",
          api_key: "k",
          base_url: f.grok.baseUrl,
          price_in_per_million: 3,
          price_out_per_million: 15,
        },
        { name: "local", kind: "ollama", model: "llama3.2", base_url: f.local.baseUrl },
      ],
      0,
    );
    f.local.enqueue(ollamaAnswer(GOOD_POST));
    const r = await createLlmGateway(env.ctx, { sleep: env.sleep }).generateStructured(postRequest(env.userId));
    expect(r).toMatchObject({ kind: "ok", provider: "local" });
    expect(f.grok.requests).toHaveLength(0);
  });

  test("premium requests try premium-tier providers first; standard ones skip them", async () => {
    const f = fakes();
    env = llmContext([
      { name: "grok", kind: "openai", model: "grok-3", api_key: "k", base_url: f.grok.baseUrl },
      { name: "opus", kind: "anthropic", model: "claude-opus-5", api_key: "k", base_url: f.claude.baseUrl, tier: "premium" },
    ]);
    const gw = createLlmGateway(env.ctx, { sleep: env.sleep });
    f.claude.enqueue(anthropicToolAnswer(GOOD_POST));
    expect(await gw.generateStructured(postRequest(env.userId, { tier: "premium" }))).toMatchObject({ kind: "ok", provider: "opus" });
    f.grok.enqueue(openAiAnswer(GOOD_POST));
    expect(await gw.generateStructured(postRequest(env.userId))).toMatchObject({ kind: "ok", provider: "grok" });
    expect(f.claude.requests).toHaveLength(1);
  });

  test("an unreachable server is a network error: retried with backoff, then the next provider answers", async () => {
    const f = fakes();
    const gone = startFakeAnthropic();
    await gone.stop();
    env = llmContext([
      { name: "claude", kind: "anthropic", model: "claude-sonnet-5", api_key: "k", base_url: gone.baseUrl, max_retries: 1 },
      { name: "local", kind: "ollama", model: "llama3.2", base_url: f.local.baseUrl },
    ]);
    f.local.enqueue(ollamaAnswer(GOOD_POST));
    const r = await createLlmGateway(env.ctx, { sleep: env.sleep, random: () => 0 }).generateStructured(postRequest(env.userId));
    expect(r).toMatchObject({ kind: "ok", provider: "local" });
    expect(env.sleeps).toEqual([250]);
    const calls = listCalls(env.ctx.db, env.userId, new Date(0));
    expect(calls[0]!.error).toContain(`could not reach ${gone.baseUrl}`);
    expect(calls.map((c) => [c.provider, c.outcome])).toEqual([
      ["claude", "error"],
      ["claude", "error"],
      ["local", "ok"],
    ]);
  });
});
