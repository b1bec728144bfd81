import { join } from "node:path";
import type { Config } from "../../config/schema";
import { runFfmpeg } from "../video/run";
import { probeMedia } from "../video/probe";
import { elevenlabsSpeech } from "./elevenlabs";
import { openaiSpeech } from "./openai";
import { sayNameAs, type NameSaying } from "./spoken-text";
import type { SpeechEngine } from "./types";
import { offlineVoiceFor } from "./voices";

/** The engine the config asks for; the offline voice follows the site's language (English when it has none). */
export function speechEngine(config: Config, language?: string): SpeechEngine {
  return voiceFor(config, language).engine;
}

/** The engine for a site's language, with a notice for the item when the offline voice falls back to English. */
export function voiceFor(config: Config, language?: string): { engine: SpeechEngine; notice?: string } {
  const t = config.tts;
  if (t.provider === "openai")
    return {
      engine: openaiSpeech({ apiKey: t.openai_api_key, baseURL: t.openai_base_url, model: t.openai_model, voice: t.openai_voice }),
    };
  if (t.provider === "elevenlabs")
    return {
      engine: elevenlabsSpeech({
        apiKey: t.elevenlabs_api_key,
        baseURL: t.elevenlabs_base_url,
        voiceId: t.elevenlabs_voice_id,
        model: t.elevenlabs_model,
      }),
    };
  return offlineVoiceFor(t.offline_engine, language);
}

const SPOKEN_CACHE_MAX = 64;
const spokenCache = new Map<string, { wav: Uint8Array; seconds: number }>();

/** One spoken line: a 48 kHz mono WAV and its measured length. */
export interface SpokenLine {
  text: string;
  file: string;
  seconds: number;
}

// atempo accepts 0.5-2 per instance; chain two when the product is outside.
function tempoChain(factor: number): string[] {
  const out: string[] = [];
  let f = factor;
  while (f > 2) out.push("atempo=2"), (f /= 2);
  while (f < 0.5) out.push("atempo=0.5"), (f /= 0.5);
  out.push(`atempo=${f.toFixed(4)}`);
  return out;
}

/** The filter applying rate (speed) and pitch (semitones) the same way for every engine. */
export function voiceFilter(rate: number, pitch: number): string {
  const p = 2 ** (pitch / 12);
  const parts = pitch === 0 ? [] : [`asetrate=${Math.round(48000 * p)}`, "aresample=48000"];
  return ["aresample=48000", ...parts, ...tempoChain(rate / p), "aformat=sample_fmts=s16:channel_layouts=mono"].join(",");
}

/**
 * A PCM WAV's length from its header (data bytes over bytes per second), without spawning ffprobe per line;
 * undefined when the file is not a plain RIFF/WAVE with fmt and data chunks.
 */
export function wavSeconds(wav: Uint8Array): number | undefined {
  const v = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  const tag = (at: number) => String.fromCharCode(...wav.subarray(at, at + 4));
  if (wav.byteLength < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE") return undefined;
  let byteRate = 0;
  for (let at = 12; at + 8 <= wav.byteLength; ) {
    const size = v.getUint32(at + 4, true);
    if (tag(at) === "fmt " && at + 20 <= wav.byteLength) byteRate = v.getUint32(at + 16, true);
    if (tag(at) === "data") return byteRate > 0 ? Math.min(size, wav.byteLength - at - 8) / byteRate : undefined;
    at += 8 + size + (size % 2);
  }
  return undefined;
}

/**
 * Speaks each line into its own WAV in `dir` (per line, so captions can follow each one) and measures it;
 * empty and unspeakable lines stay undefined. Two lines are spoken at a time (the engines are single-threaded).
 * The engine hears the product name as `saying` spells it; the returned text keeps the name as written (for captions).
 */
export async function speakLines(
  engine: SpeechEngine,
  lines: string[],
  dir: string,
  o: { rate: number; pitch: number; signal?: AbortSignal; saying?: NameSaying },
): Promise<(SpokenLine | undefined)[]> {
  const out: (SpokenLine | undefined)[] = new Array(lines.length).fill(undefined);
  const key = (text: string) => `${engine.name}|${o.rate}|${o.pitch}|${sayNameAs(text.trim(), o.saying)}`;
  // A batch says some lines more than once (the call to action): an offline voice's lines come from the cache
  // (paid voices are not kept: their account, key or voice may change between renders).
  const cacheable = /^(festival|flite|espeak-ng):/.test(engine.name);
  const todoIdx: number[] = [];
  for (const [i, text] of lines.entries()) {
    const hit = cacheable ? spokenCache.get(key(text)) : undefined;
    if (!hit) todoIdx.push(i);
    else {
      const wav = join(dir, `voice-${i}.wav`);
      await Bun.write(wav, hit.wav);
      out[i] = { text: text.trim(), file: wav, seconds: hit.seconds };
    }
  }
  const finish = async (i: number, raw: string) => {
    const wav = join(dir, `voice-${i}.wav`);
    await runFfmpeg(
      [
        "-hide_banner",
        "-nostdin",
        "-y",
        "-loglevel",
        "error",
        "-i",
        raw,
        "-af",
        voiceFilter(o.rate, o.pitch),
        "-ar",
        "48000",
        "-ac",
        "1",
        wav,
      ],
      { signal: o.signal },
    );
    const bytes = new Uint8Array(await Bun.file(wav).arrayBuffer());
    const seconds = wavSeconds(bytes) ?? (await probeMedia(wav)).durationSeconds;
    // Engines answer text they cannot read (another script, only emoji) with silence: treat it as unspoken.
    if (seconds >= 0.1) {
      out[i] = { text: lines[i]!.trim(), file: wav, seconds };
      if (cacheable && spokenCache.size >= SPOKEN_CACHE_MAX) spokenCache.delete(spokenCache.keys().next().value!);
      if (cacheable) spokenCache.set(key(lines[i]!), { wav: bytes, seconds });
    }
  };
  if (engine.synthesizeMany) {
    const todo = todoIdx
      .map((i) => ({ i, text: sayNameAs(lines[i]!.trim(), o.saying), outFile: join(dir, `voice-${i}.raw`) }))
      .filter((l) => l.text);
    await engine.synthesizeMany(todo, o.signal);
    await Promise.all(todo.map((l) => finish(l.i, l.outFile)));
    return out;
  }
  let next = 0;
  const worker = async () => {
    while (next < todoIdx.length) {
      const i = todoIdx[next++]!;
      const text = lines[i]!.trim();
      if (!text) continue;
      const raw = join(dir, `voice-${i}.raw`);
      await engine.synthesize(sayNameAs(text, o.saying), raw, o.signal);
      await finish(i, raw);
    }
  };
  await Promise.all([worker(), worker()]);
  return out;
}
