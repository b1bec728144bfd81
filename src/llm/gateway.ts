import type { TSchema } from "@sinclair/typebox";
import type { AppContext } from "../app/context";
import type { LlmProviderConfig } from "../config/sections/llm";
import { formatUsd } from "../lib/format";
import { costUsd, DEFAULT_MAX_TOKENS, estimateCostUsd, monthlyBudgetUsd, monthStartUtc } from "./budget";
import { llmBudgetProblem } from "../operator/quota";
import { fromSdkError, type ChatMessage, type ProviderClient, type ProviderReply } from "./provider";
import { createAnthropicProvider } from "./providers/anthropic";
import { createOllamaProvider } from "./providers/ollama";
import { createOpenAiProvider } from "./providers/openai";
import { backoffMs, DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry";
import { addNotice, costSince, recordCall } from "./store";
import type { LlmGateway, StructuredRequest, StructuredResult } from "./types";
import { parseAnswer, repairPrompt, toJsonSchema } from "./validate";

/** Seams for tests and benchmarks: how to wait, the jitter source, the retry policy. */
export interface GatewayOptions {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  retry?: RetryPolicy;
}

interface Deps {
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  policy: RetryPolicy;
}

/** The request being served, with what every attempt needs. */
interface Job {
  ctx: AppContext;
  deps: Deps;
  req: StructuredRequest<TSchema>;
  schema: Record<string, unknown>;
  maxTokens: number;
}

// `budget` says which budget stopped the attempt: the user's own monthly cap or their plan's AI budget (operator mode).
type Attempt<T> = { ok: true; value: T } | { ok: false; error: string; budget?: "user" | "plan" };

/** Builds a provider client for one configured entry. */
export function createProvider(cfg: LlmProviderConfig, now: () => Date): ProviderClient {
  if (cfg.kind === "anthropic") return createAnthropicProvider(cfg, now);
  if (cfg.kind === "ollama") return createOllamaProvider(cfg, now);
  return createOpenAiProvider(cfg, now);
}

/** The gateway agents call: configured providers in fallback order, with retries, one repair, budget and logging. */
export function createLlmGateway(ctx: AppContext, opts: GatewayOptions = {}): LlmGateway {
  const clients = ctx.config.llm.providers.map((p) => createProvider(p, () => ctx.clock.now()));
  const deps: Deps = {
    sleep: opts.sleep ?? ((ms) => Bun.sleep(ms)),
    random: opts.random ?? Math.random,
    policy: opts.retry ?? DEFAULT_RETRY_POLICY,
  };
  return {
    generateStructured: <S extends TSchema>(req: StructuredRequest<S>) => generate(ctx, deps, clients, req) as Promise<StructuredResult<S>>,
  };
}

/** Providers for a tier, in config order: premium requests try premium ones first. */
function providersFor(clients: ProviderClient[], tier: "standard" | "premium"): ProviderClient[] {
  const standard = clients.filter((c) => c.config.tier === "standard");
  const premium = clients.filter((c) => c.config.tier === "premium");
  if (tier === "premium") return [...premium, ...standard];
  return standard.length > 0 ? standard : premium;
}

async function generate(
  ctx: AppContext,
  deps: Deps,
  clients: ProviderClient[],
  req: StructuredRequest<TSchema>,
): Promise<StructuredResult<TSchema>> {
  const order = providersFor(clients, req.tier ?? "standard");
  if (order.length === 0)
    return { kind: "fallback", reason: "no language model is configured (llm.providers is empty), so the built-in writer is used" };
  const job: Job = { ctx, deps, req, schema: toJsonSchema(req.schema), maxTokens: req.maxTokens ?? DEFAULT_MAX_TOKENS };
  const problems: string[] = [];
  let budgetStops = 0;
  let planStop: string | undefined;
  for (const client of order) {
    const r = await askProvider(job, client);
    if (r.ok) return { kind: "ok", data: r.value.data, provider: client.config.name, model: r.value.model };
    if (r.budget) budgetStops++;
    if (r.budget === "plan") planStop = r.error;
    problems.push(`${client.config.name}: ${r.error}`);
    ctx.log.warn(
      `llm: ${client.config.name} (${client.config.model}) gave no usable answer to the ${req.agent} agent of user ${req.userId}: ${r.error}`,
    );
  }
  return fallBack(job, problems, budgetStops === order.length, planStop);
}

/** Gives up on models for this request and records, once a day, that the built-in writer took over. */
function fallBack(job: Job, problems: string[], budgetOnly: boolean, planStop?: string): StructuredResult<TSchema> {
  const { ctx, req } = job;
  const now = ctx.clock.now();
  if (budgetOnly && planStop) {
    // The plan's budget is spent: the built-in writer writes for the rest of the account's month.
    const reason = `${planStop} The built-in writer writes until the month ends.`;
    addNotice(ctx.db, { userId: req.userId, kind: "budget", message: reason, createdAt: now });
    return { kind: "fallback", reason, budget: true };
  }
  const budget = monthlyBudgetUsd(ctx.db, req.userId, ctx.config.llm.monthly_budget_usd);
  const spent = costSince(ctx.db, req.userId, monthStartUtc(now));
  const reason = budgetOnly
    ? `monthly budget of ${formatUsd(budget)} reached (${formatUsd(spent)} spent this calendar month, UTC)`
    : `every model provider failed (${problems.join("; ")})`;
  addNotice(ctx.db, { userId: req.userId, kind: budgetOnly ? "budget" : "all_failed", message: reason, createdAt: now });
  return budgetOnly ? { kind: "fallback", reason, budget: true } : { kind: "fallback", reason };
}

/** One provider: a first answer, and if it does not validate, one repair that shows the model its error. */
async function askProvider(job: Job, client: ProviderClient): Promise<Attempt<{ data: unknown; model: string }>> {
  let messages: ChatMessage[] = [{ role: "user", content: job.req.prompt }];
  let lastError = "";
  for (const purpose of ["first", "repair"] as const) {
    const sent = await sendWithRetries(job, client, messages, purpose);
    if (!sent.ok) return sent;
    const { reply, latencyMs, attemptPurpose } = sent.value;
    const checked = parseAnswer(reply.text, job.req.schema);
    logCall(job, client, {
      purpose: attemptPurpose,
      outcome: checked.ok ? "ok" : "invalid",
      error: checked.ok ? "" : checked.error,
      latencyMs,
      reply,
    });
    if (checked.ok) return { ok: true, value: { data: checked.data, model: reply.model } };
    lastError = checked.error;
    messages = [...messages, { role: "assistant", content: reply.text }, { role: "user", content: repairPrompt(checked.error) }];
  }
  return { ok: false, error: `${lastError}, even after one repair attempt` };
}

type Sent = { reply: ProviderReply; latencyMs: number; attemptPurpose: "first" | "retry" | "repair" };

/** Sends one request, retrying 429/5xx/network failures with backoff (or the server's Retry-After) within the budget. */
async function sendWithRetries(
  job: Job,
  client: ProviderClient,
  messages: ChatMessage[],
  purpose: "first" | "repair",
): Promise<Attempt<Sent>> {
  const cfg = client.config;
  const { policy } = job.deps;
  for (let attempt = 0; ; attempt++) {
    const overBudget = budgetProblem(job, cfg, messages);
    if (overBudget) return { ok: false, error: overBudget.error, budget: overBudget.budget };
    const attemptPurpose = attempt > 0 ? "retry" : purpose;
    const started = performance.now();
    try {
      const reply = await client.complete({
        system: job.req.system,
        messages,
        schema: job.schema,
        maxTokens: job.maxTokens,
        temperature: job.req.temperature,
      });
      return { ok: true, value: { reply, latencyMs: Math.round(performance.now() - started), attemptPurpose } };
    } catch (e) {
      const err = fromSdkError(e, cfg, job.ctx.clock.now());
      logCall(job, client, {
        purpose: attemptPurpose,
        outcome: "error",
        error: err.message,
        status: err.status,
        latencyMs: Math.round(performance.now() - started),
      });
      if (!err.retryable) return { ok: false, error: err.message };
      if (attempt >= cfg.maxRetries) return { ok: false, error: `${err.message}; gave up after ${attempt + 1} attempt(s)` };
      if (err.retryAfterMs !== undefined && err.retryAfterMs > policy.maxRetryAfterMs) {
        return {
          ok: false,
          error: `${err.message}; the provider asked to wait ${Math.ceil(err.retryAfterMs / 1000)} s, longer than the ${policy.maxRetryAfterMs / 1000} s we wait`,
        };
      }
      await job.deps.sleep(err.retryAfterMs ?? backoffMs(attempt, policy, job.deps.random));
    }
  }
}

/**
 * Why the next request may not be sent: it could take month-to-date spend past the plan's AI budget (operator mode)
 * or the user's own budget. Free providers always may.
 */
function budgetProblem(job: Job, cfg: LlmProviderConfig, messages: ChatMessage[]): { error: string; budget: "user" | "plan" } | undefined {
  const chars = job.req.system.length + messages.reduce((n, m) => n + m.content.length, 0) + JSON.stringify(job.schema).length;
  const estimate = estimateCostUsd(cfg, chars, job.maxTokens);
  if (estimate === 0) return undefined;
  const { ctx, req } = job;
  const plan = llmBudgetProblem(ctx, req.userId, estimate);
  if (plan) return { error: plan, budget: "plan" };
  const budget = monthlyBudgetUsd(ctx.db, req.userId, ctx.config.llm.monthly_budget_usd);
  const spent = costSince(ctx.db, req.userId, monthStartUtc(ctx.clock.now()));
  if (spent + estimate <= budget) return undefined;
  const error = `monthly budget of ${formatUsd(budget)} reached (${formatUsd(spent)} spent, this request could cost up to ${formatUsd(estimate)})`;
  return { error, budget: "user" };
}

function logCall(
  job: Job,
  client: ProviderClient,
  c: {
    purpose: "first" | "retry" | "repair";
    outcome: "ok" | "invalid" | "error";
    error: string;
    latencyMs: number;
    status?: number;
    reply?: ProviderReply;
  },
): void {
  const cfg = client.config;
  const tokensIn = c.reply?.tokensIn ?? 0;
  const tokensOut = c.reply?.tokensOut ?? 0;
  recordCall(job.ctx.db, {
    userId: job.req.userId,
    agent: job.req.agent,
    provider: cfg.name,
    model: c.reply?.model ?? cfg.model,
    purpose: c.purpose,
    outcome: c.outcome,
    status: c.status ?? null,
    error: c.error.slice(0, 1000),
    tokensIn,
    tokensOut,
    costUsd: costUsd(cfg, tokensIn, tokensOut),
    latencyMs: c.latencyMs,
    runId: job.req.runId ?? null,
    createdAt: job.ctx.clock.now(),
  });
}
