/** A voice that turns one line of text into an audio file (any format ffmpeg reads). */
export interface SpeechEngine {
  /** For the item's media JSON and logs, e.g. "festival:cmu_us_slt_arctic_hts". */
  readonly name: string;
  /** Writes the spoken line to `outFile` (the engine picks the container; the caller normalises it). */
  synthesize(text: string, outFile: string, signal?: AbortSignal): Promise<void>;
  /** Speaks several lines in one go when the engine is cheaper that way (one voice load instead of one per line). */
  synthesizeMany?(lines: { text: string; outFile: string }[], signal?: AbortSignal): Promise<void>;
}

/** A voice provider failure in plain words (bad key, quota, engine missing). */
export class SpeechError extends Error {}
