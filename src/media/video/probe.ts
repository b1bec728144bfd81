import { spawnTied } from "../../lib/child-process";

/** What ffprobe says about a media file. */
export interface ProbeResult {
  durationSeconds: number;
  sizeBytes: number;
  formatName: string;
  video?: { codec: string; profile: string; width: number; height: number; pixFmt: string; fps: number };
  audio?: { codec: string; sampleRate: number; channels: number };
}

/** Runs ffprobe on a file and returns its streams, or throws with ffprobe's reason. */
export async function probeMedia(path: string): Promise<ProbeResult> {
  const proc = spawnTied(["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path], {
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  if (code !== 0) throw new Error(`ffprobe could not read ${path}: ${err.trim() || `exit ${code}`}`);
  const j = JSON.parse(out) as { format: Record<string, string>; streams: Record<string, string | number>[] };
  const v = j.streams.find((s) => s.codec_type === "video");
  const a = j.streams.find((s) => s.codec_type === "audio");
  const rate = String(v?.avg_frame_rate ?? v?.r_frame_rate ?? "0/1")
    .split("/")
    .map(Number);
  return {
    durationSeconds: Number(j.format.duration ?? 0),
    sizeBytes: Number(j.format.size ?? 0),
    formatName: String(j.format.format_name ?? ""),
    video: v && {
      codec: String(v.codec_name),
      profile: String(v.profile ?? ""),
      width: Number(v.width),
      height: Number(v.height),
      pixFmt: String(v.pix_fmt),
      fps: rate[1] ? rate[0]! / rate[1] : 0,
    },
    audio: a && { codec: String(a.codec_name), sampleRate: Number(a.sample_rate), channels: Number(a.channels) },
  };
}

/** The delivery spec every video target shares (docs/platforms.md, "Media specs to render for") plus the platform's duration range. */
export interface VideoSpec {
  width: number;
  height: number;
  fps: number;
  minSeconds: number;
  maxSeconds: number;
  maxBytes: number;
}

/** Lists, in plain words, how a probed video misses the spec; empty when it fits. */
export function videoSpecProblems(p: ProbeResult, spec: VideoSpec): string[] {
  const out: string[] = [];
  const v = p.video;
  if (!v) return ["the file has no video stream"];
  if (v.codec !== "h264") out.push(`video codec is ${v.codec}, expected H.264`);
  if (v.profile !== "High") out.push(`H.264 profile is ${v.profile || "unknown"}, expected High`);
  if (v.pixFmt !== "yuv420p") out.push(`pixel format is ${v.pixFmt}, expected yuv420p`);
  if (v.width !== spec.width || v.height !== spec.height)
    out.push(`frame is ${v.width}x${v.height}, expected ${spec.width}x${spec.height}`);
  if (Math.abs(v.fps - spec.fps) > 0.01) out.push(`frame rate is ${v.fps.toFixed(2)} fps, expected ${spec.fps}`);
  if (!p.audio) out.push("the file has no audio stream");
  else {
    if (p.audio.codec !== "aac") out.push(`audio codec is ${p.audio.codec}, expected AAC`);
    if (p.audio.sampleRate !== 48000) out.push(`audio sample rate is ${p.audio.sampleRate} Hz, expected 48000`);
  }
  if (p.durationSeconds < spec.minSeconds || p.durationSeconds > spec.maxSeconds)
    out.push(`video is ${p.durationSeconds.toFixed(1)} s long; the platform accepts ${spec.minSeconds}-${spec.maxSeconds} s`);
  if (p.sizeBytes > spec.maxBytes)
    out.push(`file is ${(p.sizeBytes / 1024 ** 2).toFixed(0)} MB; the platform accepts ${(spec.maxBytes / 1024 ** 2).toFixed(0)} MB`);
  return out;
}
