import { afterEach, describe, expect, test } from "bun:test";
import { createSession } from "../../src/auth/sessions";
import { createApp } from "../../src/server/app";
import { createLlmGateway } from "../../src/llm/gateway";
import { findBudget, recordCall } from "../../src/llm/store";
import { createUser } from "../../src/users/store";
import { openAiAnswer, openAiServerError, startFakeOpenAi, type FakeOpenAi } from "../fakes/openai";
import { GOOD_POST, llmContext, postRequest } from "./support";

let env: ReturnType<typeof llmContext> | undefined;
let fake: FakeOpenAi | undefined;
afterEach(async () => {
  await fake?.stop();
  env?.ctx.cleanup();
  env = fake = undefined;
});

function signIn(e: ReturnType<typeof llmContext>, userId = e.userId) {
  const { token, session } = createSession(e.ctx.db, userId, e.ctx.clock.now(), 30);
  return { cookie: `amk_session=${token}`, csrf: session.csrfToken };
}

const BASE = "http://localhost:3000";

describe("/usage", () => {
  test("signed out: redirected to the login page", async () => {
    env = llmContext([]);
    const res = await createApp(env.ctx).handle(new Request(`${BASE}/usage`));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login?next=%2Fusage");
  });

  test("honest empty state with no provider and no calls", async () => {
    env = llmContext([]);
    const s = signIn(env);
    const html = await (await createApp(env.ctx).handle(new Request(`${BASE}/usage`, { headers: { cookie: s.cookie } }))).text();
    expect(html).toContain("No language model is configured");
    expect(html).toContain("No model calls yet this month.");
    expect(html).toContain("No failed model calls this month.");
    // The page belongs to Settings: the sidebar marks Settings, and a breadcrumb leads back.
    expect(html).toContain('<a href="/settings" aria-current="page">');
    expect(html).toMatch(
      /<nav class="breadcrumb" aria-label="Breadcrumb"><a href="\/settings">Settings<\/a>.*<span aria-current="page">Model usage and budget<\/span><\/nav>/s,
    );
    expect(html).toContain("$0.00</strong> spent of <strong>$10.00");
  });

  test("shows this month's real calls, tokens and cost per provider and agent, failures, and the takeover notice", async () => {
    fake = startFakeOpenAi();
    env = llmContext(
      [
        {
          name: "grok",
          kind: "openai",
          model: "grok-3",
          api_key: "k",
          base_url: fake.baseUrl,
          max_retries: 1,
          price_in_per_million: 3,
          price_out_per_million: 15,
        },
      ],
      0.05,
    );
    // Last month's spending must not count.
    recordCall(env.ctx.db, {
      userId: env.userId,
      agent: "research",
      provider: "grok",
      model: "grok-3",
      purpose: "first",
      outcome: "ok",
      tokensIn: 9,
      tokensOut: 9,
      costUsd: 99,
      latencyMs: 5,
      createdAt: new Date("2026-02-27T10:00:00Z"),
    });
    const gw = createLlmGateway(env.ctx, { sleep: env.sleep });
    fake.enqueue(openAiServerError(), openAiAnswer(GOOD_POST, { prompt_tokens: 1200, completion_tokens: 3000 }));
    await gw.generateStructured(postRequest(env.userId));
    expect((await gw.generateStructured(postRequest(env.userId, { agent: "research" }))).kind).toBe("fallback");
    const s = signIn(env);
    const html = await (await createApp(env.ctx).handle(new Request(`${BASE}/usage`, { headers: { cookie: s.cookie } }))).text();
    // 1200 * 3 / 1e6 + 3000 * 15 / 1e6 = 0.0486
    expect(html).toContain("<strong>$0.05</strong> spent of <strong>$0.05</strong>");
    expect(html).toMatch(/<td>grok<\/td><td>grok-3<\/td><td>2<\/td><td>1<\/td><td>1,200<\/td><td>3,000<\/td><td>\$0.05<\/td>/);
    expect(html).toMatch(/<td>creative<\/td><td>grok-3<\/td><td>2<\/td>/);
    expect(html).not.toContain("<td>research</td>");
    expect(html).toContain("grok (grok-3) failed for the creative agent: HTTP 500: the provider had a server error");
    expect(html).toContain("Switched to the built-in writer on 2026-03-02 (UTC) because the monthly budget of $0.05 reached");
  });

  test("another user's calls are not shown", async () => {
    env = llmContext([]);
    recordCall(env.ctx.db, {
      userId: env.userId,
      agent: "creative",
      provider: "grok",
      model: "grok-3",
      purpose: "first",
      outcome: "ok",
      tokensIn: 10,
      tokensOut: 10,
      costUsd: 1.5,
      latencyMs: 5,
      createdAt: env.ctx.clock.now(),
    });
    const other = createUser(
      env.ctx.db,
      { email: "b@example.com", name: "B", passwordHash: "x", role: "member", timezone: "UTC" },
      env.ctx.clock.now(),
    );
    const s = signIn(env, other.id);
    const html = await (await createApp(env.ctx).handle(new Request(`${BASE}/usage`, { headers: { cookie: s.cookie } }))).text();
    expect(html).toContain("No model calls yet this month.");
    expect(html).not.toContain("$1.50");
  });

  test("the budget form saves with htmx, and a bad value re-renders with a message (422)", async () => {
    env = llmContext([]);
    const s = signIn(env);
    const app = createApp(env.ctx);
    const post = (value: string, csrf = s.csrf) =>
      app.handle(
        new Request(`${BASE}/usage/budget`, {
          method: "POST",
          headers: {
            cookie: s.cookie,
            "x-csrf-token": csrf,
            "hx-request": "true",
            origin: BASE,
            "content-type": "application/x-www-form-urlencoded",
          },
          body: new URLSearchParams({ monthly_budget_usd: value }),
        }),
      );
    // Number() reads these as 16, 1000, 3 and 0: only plain decimal amounts are taken.
    for (const value of ["lots", "0x10", "1e3", "0b11", "Infinity", "  "]) {
      const bad = await post(value);
      expect(bad.status, value).toBe(422);
      expect(await bad.text()).toContain("Enter the monthly budget as a number of US dollars");
      expect(findBudget(env.ctx.db, env.userId)).toBeUndefined();
    }
    const ok = await post("25.5");
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toContain("Saved: your monthly model budget is now $25.50.");
    expect(html).toContain('id="budget"');
    expect(findBudget(env.ctx.db, env.userId)).toBe(25.5);
    const forged = await post("1000", "wrong-token");
    expect(forged.status).toBe(403);
    expect(findBudget(env.ctx.db, env.userId)).toBe(25.5);
  });
});
