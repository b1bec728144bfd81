import type Anthropic from "@anthropic-ai/sdk";
import type { LlmProviderConfig } from "../../config/sections/llm";
import { fromSdkError, schemaInstruction, type ProviderClient, type ProviderRequest } from "../provider";
import { onFirstUse } from "../../lib/first-use";
import { loadAnthropic } from "../sdk";

const TOOL = "answer";

/** Anthropic messages API; the JSON answer is requested as a forced tool call whose input_schema is the agent's schema. */
export function createAnthropicProvider(cfg: LlmProviderConfig, now: () => Date): ProviderClient {
  const client = onFirstUse(
    async () => new (await loadAnthropic())({ apiKey: cfg.apiKey, baseURL: cfg.baseUrl, timeout: cfg.timeoutMs, maxRetries: 0 }),
  );
  return {
    config: cfg,
    async complete(req: ProviderRequest) {
      // Tool input must be an object; other schemas are asked for through instructions.
      const asTool = req.schema.type === "object";
      let res;
      try {
        res = await (await client()).messages.create({
          model: cfg.model,
          max_tokens: req.maxTokens,
          system: asTool
            ? `${req.system}\n\nGive your answer by calling the ${TOOL} tool.`
            : `${req.system}\n\n${schemaInstruction(req.schema)}`,
          messages: req.messages,
          ...(req.temperature === undefined ? {} : { temperature: req.temperature }),
          ...(asTool
            ? {
                tools: [
                  {
                    name: TOOL,
                    description: "Submit the answer as structured data.",
                    input_schema: req.schema as Anthropic.Tool.InputSchema,
                  },
                ],
                tool_choice: { type: "tool" as const, name: TOOL },
              }
            : {}),
        });
      } catch (e) {
        throw fromSdkError(e, cfg, now(), e instanceof (await loadAnthropic()).APIConnectionTimeoutError);
      }
      const tool = res.content.find((b) => b.type === "tool_use");
      const text = tool ? JSON.stringify(tool.input) : res.content.map((b) => (b.type === "text" ? b.text : "")).join("");
      return { text, model: res.model || cfg.model, tokensIn: res.usage.input_tokens, tokensOut: res.usage.output_tokens };
    },
  };
}
