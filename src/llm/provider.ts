import type { LlmProviderConfig } from "../config/sections/llm";
import { parseRetryAfter } from "./retry";

/** One turn of the conversation sent to a model. */
export interface ChatMessage {
  role: "user" | "assistant";
  content: string;
}

/** What the gateway asks a provider for: a JSON answer to the conversation, shaped by `schema` (plain JSON schema). */
export interface ProviderRequest {
  system: string;
  messages: ChatMessage[];
  schema: Record<string, unknown>;
  maxTokens: number;
  temperature?: number;
}

/** The model's raw answer text (JSON, not yet validated) and the tokens the provider billed. */
export interface ProviderReply {
  text: string;
  model: string;
  tokensIn: number;
  tokensOut: number;
}

/** A failed request, classified so the gateway knows whether to retry and how long to wait. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** One configured model endpoint behind one API dialect (one file per dialect under providers/). */
export interface ProviderClient {
  readonly config: LlmProviderConfig;
  /** Sends one request (no retries of its own); throws ProviderError. */
  complete(req: ProviderRequest): Promise<ProviderReply>;
}

/** Whether an HTTP status is worth retrying: rate limits, timeouts, overload and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Plain words for an HTTP status a provider answered with. */
export function describeStatus(status: number): string {
  if (status === 401 || status === 403) return `HTTP ${status}: the API key was refused; check it in llm.providers`;
  if (status === 404) return "HTTP 404: the model or endpoint was not found; check model and base_url";
  if (status === 429) return "HTTP 429: rate limited by the provider";
  if (status === 529) return "HTTP 529: the provider is overloaded";
  if (status >= 500) return `HTTP ${status}: the provider had a server error`;
  return `HTTP ${status}: the provider refused the request`;
}

/** Turns an error from the openai or @anthropic-ai/sdk client (same shape) into a ProviderError; `timedOut` says the SDK gave up waiting. */
export function fromSdkError(e: unknown, cfg: LlmProviderConfig, now: Date, timedOut = false): ProviderError {
  if (e instanceof ProviderError) return e;
  const err = e as { name?: string; status?: number; headers?: Headers; message?: string };
  if (timedOut || err?.name === "TimeoutError") return new ProviderError(`timed out after ${cfg.timeoutMs} ms`, true);
  if (typeof err?.status === "number") {
    const detail = (err.message ?? "").replace(/^\d{3}\s*/, "").slice(0, 300);
    const retryAfterMs = err.headers ? parseRetryAfter(err.headers, now) : undefined;
    return new ProviderError(
      `${describeStatus(err.status)}${detail ? ` (${detail})` : ""}`,
      isRetryableStatus(err.status),
      err.status,
      retryAfterMs,
    );
  }
  const cause = (e as { cause?: { message?: string } })?.cause?.message;
  return new ProviderError(`could not reach ${cfg.baseUrl}: ${cause ?? err?.message ?? String(e)}`, true);
}

/** The instruction telling a model to answer with JSON matching a schema (for dialects without native schema support). */
export function schemaInstruction(schema: Record<string, unknown>): string {
  return `Reply with one JSON value only (no prose, no code fences) that matches this JSON schema:\n${JSON.stringify(schema)}`;
}
