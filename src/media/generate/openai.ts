import { onFirstUse } from "../../lib/first-use";
import { loadOpenAi } from "../../llm/sdk";
import { ImageGenerationError, type ImageGenerator } from "./types";

// gpt-image-1 takes these three sizes (plus "auto"); pick the one closest to the wanted shape.
function sizeFor(w: number, h: number): "1024x1024" | "1024x1536" | "1536x1024" {
  const r = w / h;
  return r < 0.85 ? "1024x1536" : r > 1.15 ? "1536x1024" : "1024x1024";
}

/** OpenAI image generation (POST /images/generations) through the official client; reads b64_json or a URL. */
export function openaiImages(o: { apiKey: string; baseURL: string; model: string; timeoutMs: number }): ImageGenerator {
  if (!o.apiKey)
    throw new ImageGenerationError(
      "imagegen.provider is openai but imagegen.openai_api_key is empty; add the key or set imagegen.provider to none",
    );
  const client = onFirstUse(
    async () => new (await loadOpenAi())({ apiKey: o.apiKey, baseURL: o.baseURL, maxRetries: 1, timeout: o.timeoutMs }),
  );
  return {
    name: `openai:${o.model}`,
    async generate(prompt, { width, height, signal }) {
      try {
        const res = await (await client()).images.generate({ model: o.model, prompt, n: 1, size: sizeFor(width, height) }, { signal });
        const d = res.data?.[0];
        if (d?.b64_json) return Buffer.from(d.b64_json, "base64");
        if (d?.url) {
          const img = await fetch(d.url, { signal: AbortSignal.timeout(o.timeoutMs) });
          if (!img.ok) throw new ImageGenerationError(`downloading the generated image failed (HTTP ${img.status})`);
          return Buffer.from(await img.arrayBuffer());
        }
        throw new ImageGenerationError("OpenAI returned no image");
      } catch (e) {
        if (e instanceof (await loadOpenAi()).APIError)
          throw new ImageGenerationError(`OpenAI images refused (HTTP ${e.status}): ${e.message}`);
        throw e;
      }
    },
  };
}
