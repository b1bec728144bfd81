import { Type } from "@sinclair/typebox";
import { createUser } from "../../src/users/store";
import { makeTestContext } from "../support/context";

/** The schema the tests ask models for: a short post. */
export const PostSchema = Type.Object({
  hook: Type.String({ minLength: 1 }),
  hashtags: Type.Array(Type.String(), { maxItems: 3 }),
});

/** A valid answer for PostSchema. */
export const GOOD_POST = { hook: "Ship faster with Acme", hashtags: ["#saas", "#dev"] };

/** One provider entry as YAML lines under llm.providers. */
export function providerYaml(p: Record<string, string | number>): string {
  return (
    "    - " +
    Object.entries(p)
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
      .join("\n      ")
  );
}

/** A test context whose config lists `providers` (YAML entries) and a budget, with one user. */
export function llmContext(providers: Record<string, string | number>[], budget = 10) {
  const yaml =
    `llm:\n  monthly_budget_usd: ${budget}\n` + (providers.length ? `  providers:\n${providers.map(providerYaml).join("\n")}\n` : "");
  const ctx = makeTestContext({}, yaml);
  const user = createUser(
    ctx.db,
    { email: "owner@example.com", name: "Owner", passwordHash: "x", role: "admin", timezone: "UTC" },
    ctx.clock.now(),
  );
  const sleeps: number[] = [];
  const sleep = async (ms: number) => void sleeps.push(ms);
  return { ctx, userId: user.id, sleeps, sleep };
}

/** A request for PostSchema from the creative agent. */
export function postRequest(userId: number, extra: Record<string, unknown> = {}) {
  return {
    userId,
    agent: "creative" as const,
    system: "You write short social posts.",
    prompt: "Write a hook for Acme.",
    schema: PostSchema,
    maxTokens: 500,
    ...extra,
  };
}
