import type { TSchema, Static } from "@sinclair/typebox";

/** Names of the agents that call models (for logging and the Usage page). */
export type AgentName = "research" | "creative" | "claims" | "optimize" | "community" | "report";

/** One structured-output request from an agent: the answer must validate against `schema`. */
export interface StructuredRequest<S extends TSchema> {
  userId: number;
  agent: AgentName;
  system: string;
  prompt: string;
  /** TypeBox schema the answer must match (sent to the model as JSON schema, checked with Value.Check). */
  schema: S;
  maxTokens?: number;
  temperature?: number;
  /** "premium" tries premium-tier providers first, then standard ones; default "standard" uses standard-tier providers (all, if none is standard). */
  tier?: "standard" | "premium";
  /** The pipeline run this call serves (logged with it, so the run page lists its calls and cost). */
  runId?: number;
}

/**
 * The result: the validated answer and who wrote it, or "fallback" when no model may or can answer
 * (none configured, budget reached, every provider failed) so the agent uses the built-in writer.
 */
export type StructuredResult<S extends TSchema> =
  | { kind: "ok"; data: Static<S>; provider: string; model: string }
  | { kind: "fallback"; reason: string /** True when a budget (the user's or the plan's) stopped every provider. */; budget?: boolean };

/** What agents call models through: providers in fallback order, retries, budget and logging inside. */
export interface LlmGateway {
  generateStructured<S extends TSchema>(req: StructuredRequest<S>): Promise<StructuredResult<S>>;
}
