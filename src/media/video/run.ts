import { existsSync } from "node:fs";
import { spawnTied } from "../../lib/child-process";

/** Why an ffmpeg run ended without a file: cancelled, or ffmpeg failed (with the end of its log). */
export class FfmpegError extends Error {
  constructor(
    message: string,
    readonly cancelled = false,
  ) {
    super(message);
  }
}

/** Options for one ffmpeg run. */
export interface RunOptions {
  signal?: AbortSignal;
  /** Expected output length in seconds, for the percentage. */
  totalSeconds?: number;
  onProgress?: (pct: number) => void;
  /** The ffmpeg binary (tests point it at a crashing one). */
  bin?: string;
}

/** Runs ffmpeg with -progress pipe:1, reports percent done, and kills it when the signal aborts. */
export async function runFfmpeg(args: string[], opts: RunOptions = {}): Promise<void> {
  if (opts.signal?.aborted) throw new FfmpegError("render cancelled before ffmpeg started", true);
  const proc = spawnTied([opts.bin ?? "ffmpeg", ...args], { stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  const kill = () => proc.kill("SIGKILL");
  opts.signal?.addEventListener("abort", kill, { once: true });
  try {
    const [, stderr, code] = await Promise.all([readProgress(proc.stdout, opts), new Response(proc.stderr).text(), proc.exited]);
    if (opts.signal?.aborted) throw new FfmpegError("render cancelled", true);
    if (code !== 0) {
      const tail = stderr.trim().split("\n").slice(-6).join(" | ") || `signal ${proc.signalCode ?? "unknown"}`;
      throw new FfmpegError(`ffmpeg failed (exit ${code}): ${tail}`);
    }
  } finally {
    opts.signal?.removeEventListener("abort", kill);
  }
}

async function readProgress(stream: ReadableStream<Uint8Array>, opts: RunOptions): Promise<void> {
  const decoder = new TextDecoder();
  let buf = "";
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      // out_time_us is the position written so far; -progress prints it every ~0.5 s.
      const m = /^out_time_us=(\d+)/.exec(line);
      if (m && opts.totalSeconds && opts.onProgress) opts.onProgress(Math.min(100, (Number(m[1]) / 1e6 / opts.totalSeconds) * 100));
      if (line === "progress=end" && opts.onProgress) opts.onProgress(100);
    }
  }
}
