import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { createLlmGateway } from "../../src/llm/gateway";
import { listCalls } from "../../src/llm/store";
import {
  openAiAnswer,
  openAiJsonSchemaUnsupported,
  openAiRateLimited,
  openAiServerError,
  openAiSlow,
  startFakeOpenAi,
  type FakeOpenAi,
} from "../fakes/openai";
import { GOOD_POST, llmContext, postRequest } from "./support";

let fake: FakeOpenAi;
let env: ReturnType<typeof llmContext>;

function setup(extra: Record<string, string | number> = {}) {
  env = llmContext([
    {
      name: "grok",
      kind: "openai",
      model: "grok-3",
      api_key: "xai-test",
      base_url: fake.baseUrl,
      max_retries: 2,
      price_in_per_million: 3,
      price_out_per_million: 15,
      ...extra,
    },
  ]);
  return createLlmGateway(env.ctx, { sleep: env.sleep, random: () => 0.5 });
}

beforeEach(() => {
  fake = startFakeOpenAi();
});
afterEach(async () => {
  await fake.stop();
  env?.ctx.cleanup();
});

describe("openai provider through the openai SDK", () => {
  test("success: sends a json_schema response_format and returns the validated answer with its cost logged", async () => {
    const gw = setup();
    fake.enqueue(openAiAnswer(GOOD_POST, { prompt_tokens: 1000, completion_tokens: 200 }));
    const r = await gw.generateStructured(postRequest(env.userId));
    expect(r).toEqual({ kind: "ok", data: GOOD_POST, provider: "grok", model: "grok-3" });
    const sent = fake.requests[0]!;
    expect(sent.headers["authorization"]).toBe("Bearer xai-test");
    expect(sent.body.model).toBe("grok-3");
    expect(sent.body.messages[0]).toEqual({ role: "system", content: "You write short social posts." });
    expect(sent.body.messages[1]).toEqual({ role: "user", content: "Write a hook for Acme." });
    expect(sent.body.response_format.type).toBe("json_schema");
    expect(sent.body.response_format.json_schema.schema.required).toEqual(["hook", "hashtags"]);
    expect(sent.body.max_completion_tokens).toBe(500);
    const calls = listCalls(env.ctx.db, env.userId, new Date(0));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      provider: "grok",
      model: "grok-3",
      agent: "creative",
      purpose: "first",
      outcome: "ok",
      tokensIn: 1000,
      tokensOut: 200,
    });
    expect(calls[0]!.costUsd).toBeCloseTo((1000 * 3 + 200 * 15) / 1e6, 10);
  });

  test("429 with Retry-After in seconds is honoured, then the retry succeeds", async () => {
    const gw = setup();
    fake.enqueue(openAiRateLimited(7), openAiAnswer(GOOD_POST));
    const r = await gw.generateStructured(postRequest(env.userId));
    expect(r.kind).toBe("ok");
    expect(env.sleeps).toEqual([7000]);
    expect(fake.requests).toHaveLength(2);
    const calls = listCalls(env.ctx.db, env.userId, new Date(0));
    expect(calls.map((c) => [c.purpose, c.outcome, c.status])).toEqual([
      ["first", "error", 429],
      ["retry", "ok", null],
    ]);
    expect(calls[0]!.error).toContain("rate limited");
  });

  test("Retry-After as an HTTP date is measured from the app clock", async () => {
    const gw = setup();
    const at = new Date(env.ctx.clock.now().getTime() + 12_000).toUTCString();
    fake.enqueue(openAiRateLimited(at), openAiAnswer(GOOD_POST));
    expect((await gw.generateStructured(postRequest(env.userId))).kind).toBe("ok");
    expect(env.sleeps).toEqual([12_000]);
  });

  test("500 then success: waits with exponential backoff", async () => {
    const gw = setup();
    fake.enqueue(openAiServerError(), openAiServerError(), openAiAnswer(GOOD_POST));
    const r = await gw.generateStructured(postRequest(env.userId));
    expect(r.kind).toBe("ok");
    // random() = 0.5: 3/4 of 500 ms, then 3/4 of 1000 ms
    expect(env.sleeps).toEqual([375, 750]);
  });

  test("a Retry-After longer than we wait moves on instead of blocking", async () => {
    const gw = setup();
    fake.enqueue(openAiRateLimited(3600));
    const r = await gw.generateStructured(postRequest(env.userId));
    expect(r.kind).toBe("fallback");
    if (r.kind === "fallback") expect(r.reason).toContain("asked to wait 3600 s");
    expect(env.sleeps).toEqual([]);
  });

  test("timeout: a slow reply is abandoned after timeout_ms and retried", async () => {
    const gw = setup({ timeout_ms: 150 });
    fake.enqueue(openAiSlow(1500), openAiAnswer(GOOD_POST));
    const r = await gw.generateStructured(postRequest(env.userId));
    expect(r.kind).toBe("ok");
    const calls = listCalls(env.ctx.db, env.userId, new Date(0));
    expect(calls[0]).toMatchObject({ outcome: "error", error: "timed out after 150 ms" });
    expect(calls[1]).toMatchObject({ purpose: "retry", outcome: "ok" });
  });

  test("malformed JSON is repaired once, and the repair prompt shows the model its error", async () => {
    const gw = setup();
    fake.enqueue(openAiAnswer('{"hook": "Ship faster", "hashtags": '), openAiAnswer(GOOD_POST));
    const r = await gw.generateStructured(postRequest(env.userId));
    expect(r.kind).toBe("ok");
    const repair = fake.requests[1]!.body.messages;
    expect(repair[2]).toEqual({ role: "assistant", content: '{"hook": "Ship faster", "hashtags": ' });
    expect(repair[3].role).toBe("user");
    expect(repair[3].content).toContain("not valid JSON");
    const calls = listCalls(env.ctx.db, env.userId, new Date(0));
    expect(calls.map((c) => [c.purpose, c.outcome])).toEqual([
      ["first", "invalid"],
      ["repair", "ok"],
    ]);
    expect(calls[0]!.costUsd).toBeGreaterThan(0);
  });

  test("a schema violation is shown to the model; a second bad answer gives up on the provider", async () => {
    const gw = setup();
    fake.enqueue(openAiAnswer({ hook: "", hashtags: ["a", "b", "c", "d"] }), openAiAnswer({ hook: 5 }));
    const r = await gw.generateStructured(postRequest(env.userId));
    expect(r.kind).toBe("fallback");
    if (r.kind === "fallback") expect(r.reason).toContain("even after one repair attempt");
    const repairText = fake.requests[1]!.body.messages[3].content as string;
    expect(repairText).toContain("/hook");
    expect(repairText).toContain("/hashtags");
    expect(fake.requests).toHaveLength(2);
  });

  test("a server that rejects json_schema is asked for json_object with the schema in the instructions", async () => {
    const gw = setup();
    fake.enqueue(openAiJsonSchemaUnsupported(), openAiAnswer(GOOD_POST), openAiAnswer(GOOD_POST));
    expect((await gw.generateStructured(postRequest(env.userId))).kind).toBe("ok");
    expect(fake.requests[1]!.body.response_format).toEqual({ type: "json_object" });
    expect(fake.requests[1]!.body.messages[0].content).toContain('"hashtags"');
    await gw.generateStructured(postRequest(env.userId));
    expect(fake.requests[2]!.body.response_format).toEqual({ type: "json_object" });
  });

  test("a refused API key is not retried", async () => {
    const gw = setup();
    fake.enqueue({
      status: 401,
      body: { error: { message: "Incorrect API key provided", type: "invalid_request_error", param: null, code: "invalid_api_key" } },
    });
    const r = await gw.generateStructured(postRequest(env.userId));
    expect(r.kind).toBe("fallback");
    if (r.kind === "fallback") expect(r.reason).toContain("API key was refused");
    expect(fake.requests).toHaveLength(1);
  });
});
