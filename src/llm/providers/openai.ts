import type OpenAI from "openai";
import type { LlmProviderConfig } from "../../config/sections/llm";
import { fromSdkError, ProviderError, schemaInstruction, type ProviderClient, type ProviderRequest } from "../provider";
import { onFirstUse } from "../../lib/first-use";
import { loadOpenAi } from "../sdk";

type Format = "json_schema" | "json_object";

/** OpenAI chat completions (also xAI Grok and any OpenAI-compatible server at base_url), answering in JSON. */
export function createOpenAiProvider(cfg: LlmProviderConfig, now: () => Date): ProviderClient {
  const client = onFirstUse(
    async () => new (await loadOpenAi())({ apiKey: cfg.apiKey || "unused", baseURL: cfg.baseUrl, timeout: cfg.timeoutMs, maxRetries: 0 }),
  );
  // Some compatible servers reject json_schema; once one does, ask that server for json_object from then on.
  let format: Format = "json_schema";

  async function send(req: ProviderRequest, f: Format): Promise<OpenAI.Chat.Completions.ChatCompletion> {
    const system = f === "json_schema" ? req.system : `${req.system}\n\n${schemaInstruction(req.schema)}`;
    const response_format =
      f === "json_schema"
        ? { type: "json_schema" as const, json_schema: { name: "answer", schema: req.schema, strict: false } }
        : { type: "json_object" as const };
    return (await client()).chat.completions.create({
      model: cfg.model,
      messages: [{ role: "system", content: system }, ...req.messages],
      max_completion_tokens: req.maxTokens,
      ...(req.temperature === undefined ? {} : { temperature: req.temperature }),
      response_format,
    });
  }

  return {
    config: cfg,
    async complete(req) {
      let res;
      try {
        res = await send(req, format);
      } catch (e) {
        const Sdk = await loadOpenAi();
        if (format !== "json_schema" || !rejectsJsonSchema(e))
          throw fromSdkError(e, cfg, now(), e instanceof Sdk.APIConnectionTimeoutError);
        format = "json_object";
        try {
          res = await send(req, format);
        } catch (e2) {
          throw fromSdkError(e2, cfg, now(), e2 instanceof Sdk.APIConnectionTimeoutError);
        }
      }
      const message = res.choices[0]?.message;
      if (!message) throw new ProviderError("the provider answered with no choices", true);
      if (message.refusal) throw new ProviderError(`the model refused: ${message.refusal.slice(0, 300)}`, false);
      return {
        text: message.content ?? "",
        model: res.model || cfg.model,
        tokensIn: res.usage?.prompt_tokens ?? 0,
        tokensOut: res.usage?.completion_tokens ?? 0,
      };
    },
  };
}

function rejectsJsonSchema(e: unknown): boolean {
  const err = e as { status?: number; message?: string };
  return err?.status === 400 && /response_format|json_schema/i.test(err.message ?? "");
}
