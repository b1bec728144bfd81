import { existsSync } from "node:fs";
import { spawnTied } from "../../lib/child-process";
import { SpeechError, type SpeechEngine } from "./types";

/** Offline engines in order of naturalness (docs/voice.md). */
export const OFFLINE_ENGINES = ["festival", "flite", "espeak"] as const;
/** One offline engine id. */
export type OfflineEngineId = (typeof OFFLINE_ENGINES)[number];

const HTS_VOICE = "/usr/share/festival/voices/us/cmu_us_slt_arctic_hts";

function onPath(bin: string): boolean {
  return Bun.which(bin) !== null;
}

/** True when the engine (and its voice) is installed. */
export function offlineEngineAvailable(id: OfflineEngineId): boolean {
  if (id === "festival") return onPath("text2wave") && existsSync(HTS_VOICE);
  if (id === "flite") return onPath("flite");
  return onPath("espeak-ng");
}

async function run(cmd: string[], signal: AbortSignal | undefined, stdin?: string): Promise<void> {
  const proc = spawnTied(cmd, {
    stdin: stdin === undefined ? "ignore" : new TextEncoder().encode(stdin),
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

// Engines read text from argv or stdin, never a shell, so quotes and symbols are just text.
const ENGINES: Record<OfflineEngineId, SpeechEngine> = {
  festival: {
    name: "festival:cmu_us_slt_arctic_hts",
    synthesize: (text, out, signal) => run(["text2wave", "-eval", "(voice_cmu_us_slt_arctic_hts)", "-o", out], signal, text),
    // One Festival process for all lines: the HTS voice (about 330 MB) loads once instead of per line.
    synthesizeMany: (lines, signal) => run(["festival", "--pipe"], signal, festivalScript(lines)),
  },
  flite: { name: "flite:slt", synthesize: (text, out, signal) => run(["flite", "-voice", "slt", "-t", text, "-o", out], signal) },
  espeak: { name: "espeak-ng:en-us", synthesize: (text, out, signal) => run(["espeak-ng", "-v", "en-us", "-w", out, "--", text], signal) },
};

/** A Festival script saying each line into its file; text goes in a Scheme string, so only backslash and double quote are escaped. */
export function festivalScript(lines: { text: string; outFile: string }[]): string {
  const str = (s: string) =>
    `"${s
      .replace(/[\u0000-\u001f]+/g, " ")
      .replace(/\\/g, "\\\\")
      .replace(/"/g, '\\"')}"`;
  const says = lines.map((l) => `(utt.save.wave (utt.synth (Utterance Text ${str(l.text)})) ${str(l.outFile)} 'riff)`);
  return ["(voice_cmu_us_slt_arctic_hts)", ...says, ""].join("\n");
}

/** The configured offline engine; "auto" picks the most natural one installed. */
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
