import { join } from "node:path";
import type { SpokenLine } from "../tts/voiceover";
import { FfmpegCommand } from "./ffmpeg";
import { runFfmpeg } from "./run";
import type { Timeline } from "./timeline";

/**
 * A scene background: a still larger than the frame (panned), a tall page (scrolled), a still 1.5-2x the
 * frame size (slowly zoomed in toward its centre), or a clip.
 */
export type SceneBackground =
  | { kind: "pan" | "scroll" | "zoom"; file: string; width: number; height: number; direction?: number }
  | { kind: "clip"; file: string };

/** How far a zoom scene goes in (1.12 = 12 % closer at its end). */
export const ZOOM_MAX = 1.12;

/** A pre-rendered text overlay placed at x,y while `start` <= t <= `end`. */
export interface Overlay {
  file: string;
  x: number;
  y: number;
  start: number;
  end: number;
}

/** Everything the encoder needs; files are already on disk in the render's temp folder. */
export interface ShortJob {
  width: number;
  height: number;
  fps: number;
  timeline: Timeline;
  /** One per scene, then one for the end card. */
  backgrounds: SceneBackground[];
  overlays: Overlay[];
  /** Voice line per scene (undefined when the scene is silent). */
  voice: (SpokenLine | undefined)[];
  music?: { file: string; volume: number };
  preset: string;
  outFile: string;
  tmpDir: string;
}

// Moves a W x H window across a larger still: direction picks the corner it travels between.
function panExpr(dir: number, d: number): { x: string; y: string } {
  const p = `(t/${d.toFixed(3)})`;
  const fwd = (axis: string) => `(${axis})*${p}`;
  const back = (axis: string) => `(${axis})*(1-${p})`;
  const dx = "iw-ow";
  const dy = "ih-oh";
  return [
    { x: fwd(dx), y: fwd(dy) },
    { x: back(dx), y: fwd(dy) },
    { x: fwd(dx), y: back(dy) },
    { x: back(dx), y: back(dy) },
  ][dir % 4]!;
}

function addScene(cmd: FfmpegCommand, job: ShortJob, bg: SceneBackground, duration: number, label: string) {
  const { width: W, height: H, fps } = job;
  const frames = Math.max(1, Math.round(duration * fps));
  if (bg.kind === "clip") {
    const i = cmd.input({ path: bg.file, streamLoop: true, duration });
    cmd.filter({
      inputs: [`${i}:v`],
      name: "scale",
      options: { w: W, h: H, force_original_aspect_ratio: "increase" },
      outputs: [`${label}s`],
    });
    cmd.filter({ inputs: [`${label}s`], name: "crop", options: { w: W, h: H }, outputs: [`${label}c`] });
    cmd.filter({ inputs: [`${label}c`], name: "fps", options: { fps }, outputs: [`${label}f`] });
    cmd.filter({ inputs: [`${label}f`], name: "format", options: { pix_fmts: "yuv420p" }, outputs: [`${label}p`] });
    cmd.filter({ inputs: [`${label}p`], name: "trim", options: { duration: duration.toFixed(3) }, outputs: [`${label}t`] });
    cmd.filter({ inputs: [`${label}t`], name: "setpts", options: "PTS-STARTPTS", outputs: [label] });
    return;
  }
  if (bg.kind === "zoom") return addZoomScene(cmd, job, bg.file, frames, label);
  // One decoded frame, converted to yuv once, repeated by `loop`: far cheaper than -loop 1 re-decoding.
  const i = cmd.input({ path: bg.file, threads: 1 });
  const motion = bg.kind === "scroll" ? { x: "0", y: `(ih-oh)*(t/${duration.toFixed(3)})` } : panExpr(bg.direction ?? 0, duration);
  cmd.filter({ inputs: [`${i}:v`], name: "format", options: { pix_fmts: "yuv420p" }, outputs: [`${label}y`] });
  cmd.filter({ inputs: [`${label}y`], name: "loop", options: { loop: frames - 1, size: 1, start: 0 }, outputs: [`${label}l`] });
  cmd.filter({ inputs: [`${label}l`], name: "setpts", options: `N/${fps}/TB`, outputs: [`${label}t`] });
  cmd.filter({ inputs: [`${label}t`], name: "crop", options: { w: W, h: H, x: motion.x, y: motion.y }, outputs: [`${label}c`] });
  cmd.filter({ inputs: [`${label}c`], name: "setsar", options: "1", outputs: [label] });
}

// zoompan makes `frames` frames from the one input still. Its crop window moves in whole input pixels, which
// shimmers at frame size; from a still 1.5-2x the frame size each step is a fraction of an output pixel and
// the downscale smooths it (per-frame scale+crop showed artifacts). The zoom runs evenly from 1 to ZOOM_MAX.
function addZoomScene(cmd: FfmpegCommand, job: ShortJob, file: string, frames: number, label: string) {
  const i = cmd.input({ path: file, threads: 1 });
  const step = ((ZOOM_MAX - 1) / Math.max(1, frames - 1)).toFixed(6);
  cmd.filter({ inputs: [`${i}:v`], name: "format", options: { pix_fmts: "yuv420p" }, outputs: [`${label}y`] });
  cmd.filter({
    inputs: [`${label}y`],
    name: "zoompan",
    options: {
      z: `min(1+${step}*on,${ZOOM_MAX})`,
      x: "iw/2-(iw/zoom/2)",
      y: "ih/2-(ih/zoom/2)",
      d: frames,
      s: `${job.width}x${job.height}`,
      fps: job.fps,
    },
    outputs: [`${label}z`],
  });
  cmd.filter({ inputs: [`${label}z`], name: "setsar", options: "1", outputs: [label] });
}

/** What the sound track is made of: voice lines at their start times, optional music, over `total` seconds. */
export interface SoundTrack {
  total: number;
  voiceStarts: (number | undefined)[];
  voice: (SpokenLine | undefined)[];
  music?: { file: string; volume: number };
}

/** Adds the voice lines at their times, the ducked music bed and loudness normalisation; returns the audio pad. */
export function addAudio(cmd: FfmpegCommand, job: SoundTrack): string {
  const total = job.total;
  const voices: string[] = [];
  job.voice.forEach((line, k) => {
    const start = job.voiceStarts[k];
    if (!line || start === undefined) return;
    const i = cmd.input({ path: line.file });
    cmd.filter({ inputs: [`${i}:a`], name: "adelay", options: { delays: Math.round(start * 1000), all: 1 }, outputs: [`vd${k}`] });
    voices.push(`vd${k}`);
  });
  const silence = cmd.input({ path: "anullsrc=r=48000:cl=mono", lavfi: true, duration: total });
  cmd.filter({
    inputs: [`${silence}:a`, ...voices],
    name: "amix",
    options: { inputs: voices.length + 1, normalize: 0, duration: "first" },
    outputs: ["voice"],
  });
  let mix = "voice";
  if (job.music) {
    const m = cmd.input({ path: job.music.file, streamLoop: true, duration: total });
    cmd.filter({ inputs: ["voice"], name: "asplit", options: "2", outputs: ["voiceout", "voicesc"] });
    cmd.filter({ inputs: [`${m}:a`], name: "aformat", options: { sample_rates: 48000, channel_layouts: "mono" }, outputs: ["m1"] });
    cmd.filter({ inputs: ["m1"], name: "volume", options: { volume: job.music.volume }, outputs: ["m2"] });
    // Ducking: the voice drives a compressor on the music, so music dips while someone speaks.
    cmd.filter({
      inputs: ["m2", "voicesc"],
      name: "sidechaincompress",
      options: { threshold: 0.02, ratio: 10, attack: 15, release: 350 },
      outputs: ["m3"],
    });
    cmd.filter({ inputs: ["voiceout", "m3"], name: "amix", options: { inputs: 2, normalize: 0, duration: "first" }, outputs: ["mixed"] });
    mix = "mixed";
  }
  // EBU R128: -14 LUFS integrated, -1.5 dBTP; loudnorm works at 192 kHz so resample back to 48 kHz.
  cmd.filter({ inputs: [mix], name: "loudnorm", options: { I: -14, TP: -1.5, LRA: 11 }, outputs: ["ln"] });
  cmd.filter({ inputs: ["ln"], name: "aresample", options: "48000", outputs: ["ar"] });
  cmd.filter({ inputs: ["ar"], name: "aformat", options: { sample_rates: 48000, channel_layouts: "stereo" }, outputs: ["aout"] });
  return "aout";
}

/** Builds the ffmpeg command for a short: scenes with motion, overlays in time, voice, music, loudness. */
export function shortCommand(job: ShortJob): FfmpegCommand {
  const cmd = new FfmpegCommand();
  const tl = job.timeline;
  const parts = [...tl.scenes.map((s) => s.duration), tl.endCard.duration];
  const labels = parts.map((d, k) => {
    addScene(cmd, job, job.backgrounds[k]!, d, `sc${k}`);
    return `sc${k}`;
  });
  cmd.filter({ inputs: labels, name: "concat", options: { n: labels.length, v: 1, a: 0 }, outputs: ["v0"] });
  let cur = "v0";
  job.overlays.forEach((o, k) => {
    const i = cmd.input({ path: o.file, threads: 1 });
    const next = `ov${k}`;
    cmd.filter({
      inputs: [cur, `${i}:v`],
      name: "overlay",
      options: { x: o.x, y: o.y, enable: `between(t,${o.start.toFixed(3)},${o.end.toFixed(3)})`, eof_action: "repeat" },
      outputs: [next],
    });
    cur = next;
  });
  cmd.filter({ inputs: [cur], name: "format", options: { pix_fmts: "yuv420p" }, outputs: ["vout"] });
  const audio = addAudio(cmd, {
    total: tl.total,
    voiceStarts: tl.scenes.map((s) => s.voiceStart),
    voice: job.voice,
    music: job.music,
  });
  return cmd
    .map("vout")
    .map(audio)
    .outputOptions(
      "-c:v",
      "libx264",
      "-preset",
      job.preset,
      "-profile:v",
      "high",
      "-x264-params",
      "cabac=1:8x8dct=1",
      "-pix_fmt",
      "yuv420p",
      "-r",
      job.fps,
      "-g",
      job.fps * 2,
      "-crf",
      23,
    )
    .outputOptions("-c:a", "aac", "-b:a", "128k", "-ar", 48000, "-ac", 2, "-movflags", "+faststart", "-t", tl.total.toFixed(3))
    .to(job.outFile);
}

/** Encodes the short, reporting percent done; the filter graph goes through a script file in the temp folder. */
export async function encodeShort(
  job: ShortJob,
  o: { signal?: AbortSignal; onProgress?: (pct: number) => void; ffmpegBin?: string } = {},
): Promise<void> {
  const cmd = shortCommand(job);
  const graphFile = join(job.tmpDir, "graph.txt");
  await Bun.write(graphFile, cmd.graph());
  await runFfmpeg(cmd.args({ graphFile }), {
    signal: o.signal,
    totalSeconds: job.timeline.total,
    onProgress: o.onProgress,
    bin: o.ffmpegBin,
  });
}
