import type { LlmProviderConfig } from "../config/sections/llm";
import type { Db } from "../db/client";
import { findBudget } from "./store";

/** Output tokens assumed when an agent does not say how many it needs. */
export const DEFAULT_MAX_TOKENS = 2000;

/** Start of the calendar month (UTC) containing `now`: budgets reset then. */
export function monthStartUtc(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** Cost in USD of a number of tokens at a provider's prices. */
export function costUsd(cfg: LlmProviderConfig, tokensIn: number, tokensOut: number): number {
  return (tokensIn * cfg.priceInPerMillion + tokensOut * cfg.priceOutPerMillion) / 1_000_000;
}

/** Upper estimate of one request's cost: prompt tokens ~ characters / 4, plus the whole output allowance. */
export function estimateCostUsd(cfg: LlmProviderConfig, promptChars: number, maxTokens: number): number {
  return costUsd(cfg, Math.ceil(promptChars / 4), maxTokens);
}

/** The user's monthly budget: their own setting, else the config default. */
export function monthlyBudgetUsd(db: Db, userId: number, configDefault: number): number {
  return findBudget(db, userId) ?? configDefault;
}
