import type { AppContext } from "../app/context";
import { pingDatabase } from "../db/client";
import { installedVoices } from "../media/tts/voices";

/** Result of the health check: ok, or the reasons it is not. */
export interface Health {
  status: "ok" | "unavailable";
  database: string;
  ffmpeg: string;
  /** Offline voices installed here with their language, e.g. "espeak-ng:fr-fr (fr)"; paid providers are not listed. */
  voices: string[];
  problems: string[];
}

let ffmpegVersion: string | undefined;
// Looked up once: voices are installed with the system packages, not while the app runs.
let voices: string[] | undefined;

/** Checks that the database answers and ffmpeg runs (the ffmpeg answer is cached once found), and lists the offline voices. */
export function checkHealth(ctx: AppContext, ffmpegPath = "ffmpeg"): Health {
  const problems: string[] = [];
  let database = "ok";
  try {
    pingDatabase(ctx.db);
  } catch (e) {
    database = "error";
    problems.push(`database: ${e instanceof Error ? e.message : e}`);
  }
  if (!ffmpegVersion) {
    try {
      const r = Bun.spawnSync([ffmpegPath, "-hide_banner", "-version"], { stdout: "pipe", stderr: "pipe" });
      if (r.exitCode === 0) ffmpegVersion = r.stdout.toString().split("\n")[0]?.split(" ")[2] ?? "unknown";
      else problems.push(`ffmpeg: exited with ${r.exitCode}`);
    } catch {
      problems.push("ffmpeg: not found on PATH; install it (Debian: apt-get install ffmpeg)");
    }
  }
  voices ??= installedVoices();
  return { status: problems.length ? "unavailable" : "ok", database, ffmpeg: ffmpegVersion ?? "missing", voices, problems };
}
