import { Ollama } from "ollama";
import type { LlmProviderConfig } from "../../config/sections/llm";
import {
  describeStatus,
  isRetryableStatus,
  ProviderError,
  schemaInstruction,
  type ProviderClient,
  type ProviderRequest,
} from "../provider";
import { parseRetryAfter } from "../retry";

/** A local (or remote) Ollama server's chat API with `format` set to the agent's JSON schema. */
export function createOllamaProvider(cfg: LlmProviderConfig, now: () => Date): ProviderClient {
  return {
    config: cfg,
    async complete(req: ProviderRequest) {
      // A client per request: its fetch carries this request's timeout and keeps this response's headers.
      let lastHeaders: Headers | undefined;
      const timedFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
        const signal = init?.signal
          ? AbortSignal.any([init.signal, AbortSignal.timeout(cfg.timeoutMs)])
          : AbortSignal.timeout(cfg.timeoutMs);
        const res = await fetch(input, { ...init, signal });
        lastHeaders = res.headers;
        return res;
      }) as typeof fetch;
      const client = new Ollama({
        host: cfg.baseUrl,
        fetch: timedFetch,
        headers: cfg.apiKey ? { Authorization: `Bearer ${cfg.apiKey}` } : undefined,
      });
      try {
        const res = await client.chat({
          model: cfg.model,
          messages: [{ role: "system", content: `${req.system}\n\n${schemaInstruction(req.schema)}` }, ...req.messages],
          format: req.schema,
          stream: false,
          options: { num_predict: req.maxTokens, ...(req.temperature === undefined ? {} : { temperature: req.temperature }) },
        });
        return {
          text: res.message.content,
          model: res.model || cfg.model,
          tokensIn: res.prompt_eval_count ?? 0,
          tokensOut: res.eval_count ?? 0,
        };
      } catch (e) {
        throw classify(e, cfg, lastHeaders, now());
      }
    },
  };
}

function classify(e: unknown, cfg: LlmProviderConfig, headers: Headers | undefined, now: Date): ProviderError {
  const err = e as { name?: string; status_code?: number; error?: string; message?: string; cause?: { message?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") return new ProviderError(`timed out after ${cfg.timeoutMs} ms`, true);
  if (typeof err?.status_code === "number") {
    const detail = (err.error ?? err.message ?? "").slice(0, 300);
    const wait = headers ? parseRetryAfter(headers, now) : undefined;
    return new ProviderError(
      `${describeStatus(err.status_code)}${detail ? ` (${detail})` : ""}`,
      isRetryableStatus(err.status_code),
      err.status_code,
      wait,
    );
  }
  return new ProviderError(`could not reach ${cfg.baseUrl}: ${err?.cause?.message ?? err?.message ?? String(e)}`, true);
}
