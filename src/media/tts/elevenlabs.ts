import { SpeechError, type SpeechEngine } from "./types";

/** ElevenLabs text-to-speech: POST {base}/v1/text-to-speech/{voice_id} with xi-api-key, answering MP3. */
export function elevenlabsSpeech(o: { apiKey: string; baseURL: string; voiceId: string; model: string }): SpeechEngine {
  if (!o.apiKey)
    throw new SpeechError("tts.provider is elevenlabs but tts.elevenlabs_api_key is empty; add the key or set tts.provider to offline");
  return {
    name: `elevenlabs:${o.model}:${o.voiceId}`,
    async synthesize(text, out, signal) {
      const url = `${o.baseURL}/v1/text-to-speech/${encodeURIComponent(o.voiceId)}?output_format=mp3_44100_128`;
      const res = await fetch(url, {
        method: "POST",
        headers: { "xi-api-key": o.apiKey, "content-type": "application/json", accept: "audio/mpeg" },
        body: JSON.stringify({ text, model_id: o.model }),
        signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(60_000)]) : AbortSignal.timeout(60_000),
      });
      if (!res.ok) throw new SpeechError(`ElevenLabs text-to-speech refused (HTTP ${res.status}): ${await errorDetail(res)}`);
      await Bun.write(out, await res.arrayBuffer());
    },
  };
}

// ElevenLabs errors carry {"detail": {"status", "message"}} (or a list of validation errors).
async function errorDetail(res: Response): Promise<string> {
  const body = await res.text();
  try {
    const j = JSON.parse(body) as { detail?: { message?: string; status?: string } | { msg: string }[] };
    if (Array.isArray(j.detail)) return j.detail.map((d) => d.msg).join("; ");
    if (j.detail?.message) return `${j.detail.status ?? ""} ${j.detail.message}`.trim();
  } catch {}
  return body.slice(0, 200);
}
