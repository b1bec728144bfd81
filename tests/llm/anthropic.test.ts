import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { Type } from "@sinclair/typebox";
import { createLlmGateway } from "../../src/llm/gateway";
import { listCalls } from "../../src/llm/store";
import {
  anthropicOverloaded,
  anthropicRateLimited,
  anthropicServerError,
  anthropicTextAnswer,
  anthropicToolAnswer,
  startFakeAnthropic,
  type FakeAnthropic,
} from "../fakes/anthropic";
import { GOOD_POST, llmContext, postRequest } from "./support";

let fake: FakeAnthropic;
let env: ReturnType<typeof llmContext>;

function setup(extra: Record<string, string | number> = {}) {
  env = llmContext([
    {
      name: "claude",
      kind: "anthropic",
      model: "claude-sonnet-5",
      api_key: "sk-ant-test",
      base_url: fake.baseUrl,
      max_retries: 2,
      price_in_per_million: 3,
      price_out_per_million: 15,
      ...extra,
    },
  ]);
  return createLlmGateway(env.ctx, { sleep: env.sleep, random: () => 0 });
}

beforeEach(() => {
  fake = startFakeAnthropic();
});
afterEach(async () => {
  await fake.stop();
  env?.ctx.cleanup();
});

describe("anthropic provider through @anthropic-ai/sdk", () => {
  test("success: the answer comes back as a forced tool call whose input_schema is the agent's schema", async () => {
    const gw = setup();
    fake.enqueue(anthropicToolAnswer(GOOD_POST, { input_tokens: 2000, output_tokens: 100 }));
    const r = await gw.generateStructured(postRequest(env.userId));
    expect(r).toEqual({ kind: "ok", data: GOOD_POST, provider: "claude", model: "claude-sonnet-5" });
    const sent = fake.requests[0]!;
    expect(sent.headers["x-api-key"] ?? sent.headers["authorization"]).toMatch(/^(Bearer )?sk-ant-test$/);
    expect(sent.headers["anthropic-version"]).toBeTruthy();
    expect(sent.body.max_tokens).toBe(500);
    expect(sent.body.tools[0].input_schema.properties.hashtags.maxItems).toBe(3);
    expect(sent.body.tool_choice).toEqual({ type: "tool", name: "answer" });
    expect(sent.body.system).toContain("You write short social posts.");
    const [call] = listCalls(env.ctx.db, env.userId, new Date(0));
    expect(call).toMatchObject({ outcome: "ok", tokensIn: 2000, tokensOut: 100 });
    expect(call!.costUsd).toBeCloseTo((2000 * 3 + 100 * 15) / 1e6, 10);
  });

  test("a non-object schema is asked for through instructions and read from the text block", async () => {
    const gw = setup();
    fake.enqueue(anthropicTextAnswer('```json\n["#a", "#b"]\n```'));
    const r = await gw.generateStructured({ ...postRequest(env.userId), schema: Type.Array(Type.String()) });
    expect(r).toMatchObject({ kind: "ok", data: ["#a", "#b"] });
    expect(fake.requests[0]!.body.tools).toBeUndefined();
    expect(fake.requests[0]!.body.system).toContain("JSON schema");
  });

  test("429 with Retry-After is honoured", async () => {
    const gw = setup();
    fake.enqueue(anthropicRateLimited(20), anthropicToolAnswer(GOOD_POST));
    expect((await gw.generateStructured(postRequest(env.userId))).kind).toBe("ok");
    expect(env.sleeps).toEqual([20_000]);
  });

  test("529 overloaded and 500 are retried with backoff, then succeed", async () => {
    const gw = setup();
    fake.enqueue(anthropicOverloaded(), anthropicServerError(), anthropicToolAnswer(GOOD_POST));
    expect((await gw.generateStructured(postRequest(env.userId))).kind).toBe("ok");
    // random() = 0: half of 500 ms, then half of 1000 ms
    expect(env.sleeps).toEqual([250, 500]);
    const calls = listCalls(env.ctx.db, env.userId, new Date(0));
    expect(calls.map((c) => c.status)).toEqual([529, 500, null]);
    expect(calls[0]!.error).toContain("overloaded");
  });

  test("retries run out: the gateway falls back and says why", async () => {
    const gw = setup({ max_retries: 1 });
    fake.enqueue(anthropicServerError(), anthropicServerError());
    const r = await gw.generateStructured(postRequest(env.userId));
    expect(r.kind).toBe("fallback");
    if (r.kind === "fallback") expect(r.reason).toContain("claude: HTTP 500: the provider had a server error");
    expect(fake.requests).toHaveLength(2);
  });

  test("an invalid tool input is repaired with the validation error in a user turn", async () => {
    const gw = setup();
    fake.enqueue(anthropicToolAnswer({ hook: "Hi" }), anthropicToolAnswer(GOOD_POST));
    expect((await gw.generateStructured(postRequest(env.userId))).kind).toBe("ok");
    const msgs = fake.requests[1]!.body.messages;
    expect(msgs.map((m: { role: string }) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(msgs[2].content).toContain("/hashtags");
  });

  test("timeout", async () => {
    const gw = setup({ timeout_ms: 150, max_retries: 0 });
    fake.enqueue({ ...anthropicToolAnswer(GOOD_POST), delayMs: 1500 });
    const r = await gw.generateStructured(postRequest(env.userId));
    expect(r.kind).toBe("fallback");
    if (r.kind === "fallback") expect(r.reason).toContain("timed out after 150 ms");
  });
});
