import { existsSync } from "node:fs";
import { spawnTied } from "../../lib/child-process";
import { SpeechError, type SpeechEngine } from "./types";

/** Offline engines in order of naturalness (docs/voice.md). */
export const OFFLINE_ENGINES = ["festival", "flite", "espeak"] as const;
/** One offline engine id. */
export type OfflineEngineId = (typeof OFFLINE_ENGINES)[number];

/** Festival voices we use and where Debian installs them (festvox-us-slt-hts; festvox-italp16k with festlex-ifd). */
export const FESTIVAL_VOICES = {
  cmu_us_slt_arctic_hts: "/usr/share/festival/voices/us/cmu_us_slt_arctic_hts",
  lp_diphone: "/usr/share/festival/voices/italian/lp_diphone",
} as const;
/** One Festival voice name. */
export type FestivalVoice = keyof typeof FESTIVAL_VOICES;

function onPath(bin: string): boolean {
  return Bun.which(bin) !== null;
}

/** True when Festival and that voice are installed. */
export function festivalVoiceAvailable(voice: FestivalVoice): boolean {
  return onPath("text2wave") && existsSync(FESTIVAL_VOICES[voice]);
}

/** True when the engine (and its English voice) is installed. */
export function offlineEngineAvailable(id: OfflineEngineId): boolean {
  if (id === "festival") return festivalVoiceAvailable("cmu_us_slt_arctic_hts");
  if (id === "flite") return onPath("flite");
  return onPath("espeak-ng");
}

async function run(cmd: string[], signal: AbortSignal | undefined, stdin?: string | Uint8Array): Promise<void> {
  const proc = spawnTied(cmd, {
    stdin: stdin === undefined ? "ignore" : typeof stdin === "string" ? new TextEncoder().encode(stdin) : stdin,
    stdout: "ignore",
    stderr: "pipe",
  });
  const kill = () => proc.kill("SIGKILL");
  signal?.addEventListener("abort", kill, { once: true });
  try {
    const [err, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
    if (signal?.aborted) throw new SpeechError("voiceover cancelled");
    if (code !== 0) throw new SpeechError(`${cmd[0]} failed (exit ${code}): ${err.trim().split("\n").slice(-3).join(" | ")}`);
  } finally {
    signal?.removeEventListener("abort", kill);
  }
}

/**
 * Text as Festival reads it: one byte per character (ISO-8859-1). Its letter-to-sound rules fail on UTF-8 accents
 * (the Italian voice stops at "Perché"), so typographic quotes and dashes become ASCII and what Latin-1 lacks a space.
 */
export function festivalText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[‘’‚′]/g, "'")
    .replace(/[“”„″«»]/g, '"')
    .replace(/[–—]/g, ", ")
    .replace(/…/g, "...")
    .replace(/[^\u0000-\u00ff]/gu, " ");
}

// festivalText has already left only Latin-1 characters in the text; a script's file paths are ours (ASCII).
function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => (c.charCodeAt(0) > 0xff ? 0x20 : c.charCodeAt(0)));
}

/** Festival's Lisp heap in cells: enough for a paragraph-long line (about 140 MB then), against 330 MB for the default. */
export const FESTIVAL_HEAP_CELLS = 2_000_000;

/** Festival speaking with one voice; text goes on stdin as Latin-1, never through a shell. */
export function festivalEngine(voice: FestivalVoice): SpeechEngine {
  return {
    name: `festival:${voice}`,
    synthesize: (text, out, signal) => run(["text2wave", "-eval", `(voice_${voice})`, "-o", out], signal, latin1(festivalText(text))),
    // One Festival process for all lines: the voice loads once instead of per line. Its Lisp heap is set to 2M cells:
    // the default 10M cells made the process 330 MB and spent a second initialising them; the sound is byte-identical.
    synthesizeMany: (lines, signal) =>
      run(["festival", "--heap", String(FESTIVAL_HEAP_CELLS), "--pipe"], signal, latin1(festivalScript(lines, voice))),
  };
}

/** espeak-ng speaking one of its language voices at a speed in words per minute (its own default is 175). */
export function espeakEngine(voice: string, wordsPerMinute = 175): SpeechEngine {
  const speed = wordsPerMinute === 175 ? [] : ["-s", String(wordsPerMinute)];
  return {
    name: `espeak-ng:${voice}`,
    synthesize: (text, out, signal) => run(["espeak-ng", "-v", voice, ...speed, "-w", out, "--", text], signal),
  };
}

// English engines; text goes as argv or stdin, never through a shell, so quotes and symbols are just text.
const ENGINES: Record<OfflineEngineId, SpeechEngine> = {
  festival: festivalEngine("cmu_us_slt_arctic_hts"),
  flite: { name: "flite:slt", synthesize: (text, out, signal) => run(["flite", "-voice", "slt", "-t", text, "-o", out], signal) },
  espeak: espeakEngine("en-us"),
};

/** A Festival script saying each line into its file; text goes in a Scheme string, so only backslash and double quote are escaped. */
export function festivalScript(lines: { text: string; outFile: string }[], voice: FestivalVoice = "cmu_us_slt_arctic_hts"): string {
  const str = (s: string) =>
    `"${s
      .replace(/[\u0000-\u001f]+/g, " ")
      .replace(/\\/g, "\\\\")
      .replace(/"/g, '\\"')}"`;
  const says = lines.map((l) => `(utt.save.wave (utt.synth (Utterance Text ${str(festivalText(l.text))})) ${str(l.outFile)} 'riff)`);
  return [`(voice_${voice})`, ...says, ""].join("\n");
}

/** The configured offline engine for English; "auto" picks the most natural one installed. */
export function offlineEngine(choice: "auto" | OfflineEngineId): SpeechEngine {
  if (choice !== "auto") {
    if (!offlineEngineAvailable(choice))
      throw new SpeechError(
        `the offline voice "${choice}" is not installed; install it (see docs/voice.md) or set tts.offline_engine to auto`,
      );
    return ENGINES[choice];
  }
  const found = OFFLINE_ENGINES.find(offlineEngineAvailable);
  if (!found)
    throw new SpeechError(
      "no offline voice is installed; install festival and festvox-us-slt-hts (or flite / espeak-ng), or configure tts.provider",
    );
  return ENGINES[found];
}
