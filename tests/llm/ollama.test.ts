import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { createLlmGateway } from "../../src/llm/gateway";
import { listCalls } from "../../src/llm/store";
import { ollamaAnswer, ollamaError, ollamaSlow, startFakeOllama, type FakeOllama } from "../fakes/ollama";
import { GOOD_POST, llmContext, postRequest } from "./support";

let fake: FakeOllama;
let env: ReturnType<typeof llmContext>;

function setup(extra: Record<string, string | number> = {}) {
  env = llmContext([{ name: "local", kind: "ollama", model: "llama3.2", base_url: fake.baseUrl, max_retries: 2, ...extra }]);
  return createLlmGateway(env.ctx, { sleep: env.sleep, random: () => 1 });
}

beforeEach(() => {
  fake = startFakeOllama();
});
afterEach(async () => {
  await fake.stop();
  env?.ctx.cleanup();
});

describe("ollama provider through the ollama package", () => {
  test("success: chat with format = the JSON schema, non-streaming; token counts logged at zero cost", async () => {
    const gw = setup();
    fake.enqueue(ollamaAnswer(GOOD_POST, { prompt_eval_count: 321, eval_count: 45 }));
    const r = await gw.generateStructured(postRequest(env.userId));
    expect(r).toEqual({ kind: "ok", data: GOOD_POST, provider: "local", model: "llama3.2" });
    const sent = fake.requests[0]!;
    expect(sent.body.stream).toBe(false);
    expect(sent.body.format.type).toBe("object");
    expect(sent.body.format.required).toEqual(["hook", "hashtags"]);
    expect(sent.body.options.num_predict).toBe(500);
    expect(sent.body.messages[0].role).toBe("system");
    const [call] = listCalls(env.ctx.db, env.userId, new Date(0));
    expect(call).toMatchObject({ outcome: "ok", tokensIn: 321, tokensOut: 45, costUsd: 0 });
  });

  test("an api_key is sent as a Bearer token (remote Ollama behind a proxy)", async () => {
    const gw = setup({ api_key: "secret-proxy-key" });
    fake.enqueue(ollamaAnswer(GOOD_POST));
    await gw.generateStructured(postRequest(env.userId));
    expect(fake.requests[0]!.headers["authorization"]).toBe("Bearer secret-proxy-key");
  });

  test("500 then success; 429 Retry-After honoured", async () => {
    const gw = setup();
    fake.enqueue(
      ollamaError(500, "llama runner process has terminated"),
      ollamaError(429, "busy", { "retry-after": "2" }),
      ollamaAnswer(GOOD_POST),
    );
    expect((await gw.generateStructured(postRequest(env.userId))).kind).toBe("ok");
    // random() = 1: the full 500 ms for the first backoff; then the server's 2 s
    expect(env.sleeps).toEqual([500, 2000]);
    const calls = listCalls(env.ctx.db, env.userId, new Date(0));
    expect(calls[0]!.error).toContain("llama runner process has terminated");
  });

  test("timeout then success", async () => {
    const gw = setup({ timeout_ms: 150 });
    fake.enqueue(ollamaSlow(1500), ollamaAnswer(GOOD_POST));
    expect((await gw.generateStructured(postRequest(env.userId))).kind).toBe("ok");
    expect(listCalls(env.ctx.db, env.userId, new Date(0))[0]!.error).toBe("timed out after 150 ms");
  });

  test("malformed JSON repaired", async () => {
    const gw = setup();
    fake.enqueue(ollamaAnswer("Sure! Here is your post: {hook: Ship}"), ollamaAnswer(GOOD_POST));
    expect((await gw.generateStructured(postRequest(env.userId))).kind).toBe("ok");
    const msgs = fake.requests[1]!.body.messages;
    expect(msgs[msgs.length - 1].content).toContain("not valid JSON");
  });

  test("a missing model (404) is not retried", async () => {
    const gw = setup();
    fake.enqueue(ollamaError(404, 'model "llama3.2" not found, try pulling it first'));
    const r = await gw.generateStructured(postRequest(env.userId));
    expect(r.kind).toBe("fallback");
    if (r.kind === "fallback") expect(r.reason).toContain("try pulling it first");
    expect(fake.requests).toHaveLength(1);
  });
});
