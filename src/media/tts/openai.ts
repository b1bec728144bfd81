import { onFirstUse } from "../../lib/first-use";
import { loadOpenAi } from "../../llm/sdk";
import { SpeechError, type SpeechEngine } from "./types";

/** OpenAI text-to-speech (POST /audio/speech) through the official client. */
export function openaiSpeech(o: { apiKey: string; baseURL: string; model: string; voice: string }): SpeechEngine {
  if (!o.apiKey)
    throw new SpeechError("tts.provider is openai but tts.openai_api_key is empty; add the key or set tts.provider to offline");
  const client = onFirstUse(async () => new (await loadOpenAi())({ apiKey: o.apiKey, baseURL: o.baseURL, maxRetries: 2, timeout: 60_000 }));
  return {
    name: `openai:${o.model}:${o.voice}`,
    async synthesize(text, out, signal) {
      try {
        const res = await (await client()).audio.speech.create(
          { model: o.model, voice: o.voice, input: text, response_format: "wav" },
          { signal },
        );
        await Bun.write(out, await res.arrayBuffer());
      } catch (e) {
        if (e instanceof (await loadOpenAi()).APIError)
          throw new SpeechError(`OpenAI text-to-speech refused (HTTP ${e.status}): ${e.message}`);
        throw new SpeechError(`OpenAI text-to-speech failed: ${e instanceof Error ? e.message : e}`);
      }
    },
  };
}
