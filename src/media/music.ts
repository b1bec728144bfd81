import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const AUDIO = /\.(mp3|m4a|aac|ogg|opus|wav|flac)$/i;

/** Picks one track from the user's music folder (stable per item so a re-render keeps its music); undefined when empty. */
export function pickMusic(dir: string, seed: number): string | undefined {
  if (!dir || !existsSync(dir)) return undefined;
  const tracks = readdirSync(dir)
    .filter((f) => AUDIO.test(f))
    .sort();
  return tracks.length ? join(dir, tracks[seed % tracks.length]!) : undefined;
}
