import {
  espeakEngine,
  festivalEngine,
  festivalVoiceAvailable,
  offlineEngine,
  offlineEngineAvailable,
  type OfflineEngineId,
} from "./offline";
import { SpeechError, type SpeechEngine } from "./types";

/** One offline voice for one language, in the order we prefer them. */
export interface OfflineVoice {
  /** The id recorded on the item, e.g. "festival:lp_diphone" or "espeak-ng:fr-fr". */
  id: string;
  engine: OfflineEngineId;
  available(): boolean;
  make(): SpeechEngine;
}

// espeak-ng at 160 words a minute: its default 175 is faster than conversational speech (about 150-160) and its formant
// voices blur when fast. The plain (male) variant of each language is kept: the +f/+m variants retune the formants of the
// same synthesizer, and the language maintainers tune intonation against the plain one; pitch stays at its default.
const ESPEAK_WPM = 160;

function espeak(voice: string): OfflineVoice {
  return {
    id: `espeak-ng:${voice}`,
    engine: "espeak",
    available: () => offlineEngineAvailable("espeak"),
    make: () => espeakEngine(voice, ESPEAK_WPM),
  };
}

const ITALIAN_FESTIVAL: OfflineVoice = {
  // festvox-italp16k (GPL-2+, Debian main): a recorded diphone voice, closer to a person than espeak-ng's formants.
  id: "festival:lp_diphone",
  engine: "festival",
  available: () => festivalVoiceAvailable("lp_diphone"),
  make: () => festivalEngine("lp_diphone"),
};

/** Languages with an offline voice (first is preferred); English goes through the tts.offline_engine setting. */
export const LANGUAGE_VOICES: Record<string, (region: string) => OfflineVoice[]> = {
  it: () => [ITALIAN_FESTIVAL, espeak("it")],
  fr: () => [espeak("fr-fr")],
  de: () => [espeak("de")],
  // Spain's Spanish for es-ES and a bare "es"; espeak-ng's Latin American voice for any other region (es-MX, es-419, ...).
  es: (region) => [espeak(region === "" || region === "es" ? "es" : "es-419")],
  // Brazilian for a bare "pt" (most Portuguese speakers and espeak-ng's better-kept voice); European for pt-PT.
  pt: (region) => [espeak(region === "pt" ? "pt" : "pt-br")],
};

const ENGLISH: { id: string; engine: OfflineEngineId }[] = [
  { id: "festival:cmu_us_slt_arctic_hts", engine: "festival" },
  { id: "flite:slt", engine: "flite" },
  { id: "espeak-ng:en-us", engine: "espeak" },
];

/** The offline engine for a site's language, and a notice for the item when that language has no voice here. */
export function offlineVoiceFor(choice: "auto" | OfflineEngineId, language: string | undefined): { engine: SpeechEngine; notice?: string } {
  const [base = "", region = ""] = (language ?? "en").toLowerCase().split(/[-_]/);
  if (base === "en" || base === "" || base === "und") return { engine: offlineEngine(choice) };
  const voices = (LANGUAGE_VOICES[base]?.(region) ?? []).filter((v) => v.available());
  const chosen = voices.find((v) => v.engine === choice) ?? voices[0];
  if (chosen) return { engine: chosen.make() };
  try {
    return {
      engine: offlineEngine(choice),
      notice: `the site is in "${language}" but no offline voice speaks it here, so the voiceover is in English; configure tts.provider for a voice in that language`,
    };
  } catch (e) {
    throw new SpeechError(`${e instanceof Error ? e.message : e} (site language "${language}")`);
  }
}

/** Offline voices installed on this machine with the language each speaks, for the health check. */
export function installedVoices(): string[] {
  const english = ENGLISH.filter((v) => offlineEngineAvailable(v.engine)).map((v) => `${v.id} (en)`);
  const others = Object.entries(LANGUAGE_VOICES).flatMap(([lang, voicesOf]) =>
    voicesOf("")
      .filter((v) => v.available())
      .map((v) => `${v.id} (${lang})`),
  );
  return [...english, ...others];
}
