import { afterAll, afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "../../src/config/load";
import { elevenlabsSpeech } from "../../src/media/tts/elevenlabs";
import { festivalScript, offlineEngine, offlineEngineAvailable } from "../../src/media/tts/offline";
import { openaiSpeech } from "../../src/media/tts/openai";
import { SpeechError } from "../../src/media/tts/types";
import { speakLines, speechEngine, voiceFilter, wavSeconds } from "../../src/media/tts/voiceover";
import { probeMedia } from "../../src/media/video/probe";
import { startElevenLabsFake } from "../fakes/elevenlabs";
import { startOpenAiTtsFake } from "../fakes/openai-tts";
import { testWithTool } from "../support/tools";

const dir = mkdtempSync(join(tmpdir(), "amarktai-tts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((s) => s()));
const LINES = ["Pick five meals you love.", "", `Your list: "done" in 100% less time.`];

test("OpenAI speech: one request per line, WAVs at 48 kHz whose lengths follow the text", async () => {
  const fake = startOpenAiTtsFake({ apiKey: "sk-test" });
  stops.push(fake.stop);
  const config = parseConfig("", undefined, {
    AMARKTAI_TTS_PROVIDER: "openai",
    AMARKTAI_TTS_OPENAI_API_KEY: "sk-test",
    AMARKTAI_TTS_OPENAI_BASE_URL: fake.url,
  });
  const lines = await speakLines(speechEngine(config), LINES, dir, { rate: 1, pitch: 0 });
  expect(fake.requests.map((r) => r.input)).toEqual([LINES[0]!, LINES[2]!]);
  expect(fake.requests[0]).toMatchObject({ model: "gpt-4o-mini-tts", voice: "alloy", response_format: "wav" });
  expect(lines[1]).toBeUndefined();
  // The fake speaks 0.3 s per word: 5 words, then 7 words.
  expect(lines[0]!.seconds).toBeCloseTo(1.5, 1);
  expect(lines[2]!.seconds).toBeCloseTo(2.1, 1);
  expect((await probeMedia(lines[0]!.file)).audio?.sampleRate).toBe(48000);
});

test("OpenAI speech: a wrong key is reported with the status and OpenAI's message", async () => {
  const fake = startOpenAiTtsFake({ apiKey: "sk-right" });
  stops.push(fake.stop);
  const engine = openaiSpeech({ apiKey: "sk-wrong", baseURL: fake.url, model: "gpt-4o-mini-tts", voice: "alloy" });
  const err = await engine.synthesize("hello", join(dir, "x.wav")).catch((e) => e);
  expect(err).toBeInstanceOf(SpeechError);
  expect(err.message).toContain("HTTP 401");
  expect(err.message).toContain("Incorrect API key");
});

test("ElevenLabs: POST /v1/text-to-speech/{voice_id} with xi-api-key, MP3 decoded and measured", async () => {
  const fake = startElevenLabsFake({ apiKey: "xi-test", voiceIds: ["voice-1"] });
  stops.push(fake.stop);
  const engine = elevenlabsSpeech({ apiKey: "xi-test", baseURL: fake.url, voiceId: "voice-1", model: "eleven_multilingual_v2" });
  const [line] = await speakLines(engine, ["Dinner sorted in two minutes."], dir, { rate: 1, pitch: 0 });
  expect(fake.requests[0]).toMatchObject({
    voiceId: "voice-1",
    text: "Dinner sorted in two minutes.",
    model_id: "eleven_multilingual_v2",
    outputFormat: "mp3_44100_128",
  });
  expect(line!.seconds).toBeGreaterThan(1.3);
  expect(line!.seconds).toBeLessThan(1.8);
});

test("ElevenLabs: an unknown voice and a bad key come back in plain words", async () => {
  const fake = startElevenLabsFake({ apiKey: "xi-test", voiceIds: ["voice-1"] });
  stops.push(fake.stop);
  const badVoice = await elevenlabsSpeech({ apiKey: "xi-test", baseURL: fake.url, voiceId: "nope", model: "m" })
    .synthesize("hi", join(dir, "y.mp3"))
    .catch((e) => e);
  expect(badVoice.message).toContain("HTTP 404");
  expect(badVoice.message).toContain("voice_not_found");
  const badKey = await elevenlabsSpeech({ apiKey: "xi-bad", baseURL: fake.url, voiceId: "voice-1", model: "m" })
    .synthesize("hi", join(dir, "y.mp3"))
    .catch((e) => e);
  expect(badKey.message).toContain("invalid_api_key");
});

test("a paid provider without a key says which key to set", () => {
  const config = parseConfig("", undefined, { AMARKTAI_TTS_PROVIDER: "elevenlabs" });
  expect(() => speechEngine(config)).toThrow("tts.elevenlabs_api_key is empty");
});

test("offline voice: auto picks an installed engine; rate changes the length", async () => {
  const engine = offlineEngine("auto");
  expect(["festival", "flite", "espeak-ng"]).toContain(engine.name.split(":")[0]!);
  const engineId = offlineEngineAvailable("flite") ? "flite" : "espeak";
  const e = offlineEngine(engineId);
  const [normal] = await speakLines(e, ["Plan a week of meals in two minutes."], join(dir), { rate: 1, pitch: 0 });
  const fast = await speakLines(e, ["Plan a week of meals in two minutes."], mkdtempSync(join(dir, "f")), { rate: 1.5, pitch: 2 });
  expect(fast[0]!.seconds).toBeLessThan(normal!.seconds * 0.75);
});

test("rate and pitch become one audio filter", () => {
  expect(voiceFilter(1, 0)).toBe("aresample=48000,atempo=1.0000,aformat=sample_fmts=s16:channel_layouts=mono");
  expect(voiceFilter(1, 12)).toContain("asetrate=96000");
  expect(voiceFilter(1, 12)).toContain("atempo=0.5000");
});

test("WAV length from the header: skips chunks before data, refuses what is not RIFF/WAVE", async () => {
  const wav = join(dir, "hdr.wav");
  // ffmpeg adds a LIST chunk before data: the reader must walk the chunks, not assume a 44-byte header.
  const r = Bun.spawnSync([
    "ffmpeg",
    "-v",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    "sine=r=48000:d=1.25",
    "-ac",
    "1",
    "-c:a",
    "pcm_s16le",
    wav,
  ]);
  expect(r.exitCode).toBe(0);
  const bytes = new Uint8Array(await Bun.file(wav).arrayBuffer());
  expect(wavSeconds(bytes)).toBeCloseTo(1.25, 3);
  expect(wavSeconds(bytes)).toBeCloseTo((await probeMedia(wav)).durationSeconds, 3);
  expect(wavSeconds(new TextEncoder().encode("ID3 not a wave file"))).toBeUndefined();
  expect(wavSeconds(bytes.subarray(0, 30))).toBeUndefined();
});

test("Festival script: quotes and backslashes stay inside the Scheme string", () => {
  const s = festivalScript([{ text: `He said "hi" \\ (bye)`, outFile: "/tmp/a b.raw" }]);
  expect(s).toBe(
    `(voice_cmu_us_slt_arctic_hts)\n(utt.save.wave (utt.synth (Utterance Text "He said \\"hi\\" \\\\ (bye)")) "/tmp/a b.raw" 'riff)\n`,
  );
});

testWithTool(
  "Festival (text2wave and the HTS voice)",
  offlineEngineAvailable("festival"),
  "Festival HTS speaks all lines in one process, each measured",
  async () => {
    const lines = await speakLines(
      offlineEngine("festival"),
      [`It's "done": 100%.`, "", "Pick five meals you love."],
      mkdtempSync(join(dir, "fest")),
      { rate: 1, pitch: 0 },
    );
    expect(lines[1]).toBeUndefined();
    expect(lines[0]!.seconds).toBeGreaterThan(0.5);
    expect(lines[2]!.seconds).toBeGreaterThan(lines[0]!.seconds * 0.8);
    // The length read from the WAV header is the one ffprobe measures.
    for (const l of [lines[0]!, lines[2]!]) expect(l.seconds).toBeCloseTo((await probeMedia(l.file)).durationSeconds, 2);
  },
  30_000,
);
