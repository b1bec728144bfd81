import type { Config } from "../../config/schema";
import { leonardoImages } from "./leonardo";
import { openaiImages } from "./openai";
import type { ImageGenerator } from "./types";

/** The configured image generator, or undefined when generation is off. */
export function generatorFor(config: Config): ImageGenerator | undefined {
  const g = config.imagegen;
  if (g.provider === "openai")
    return openaiImages({ apiKey: g.openai_api_key, baseURL: g.openai_base_url, model: g.openai_model, timeoutMs: g.timeout_ms });
  if (g.provider === "leonardo")
    return leonardoImages({
      apiKey: g.leonardo_api_key,
      baseURL: g.leonardo_base_url,
      modelId: g.leonardo_model_id,
      timeoutMs: g.timeout_ms,
    });
  return undefined;
}
