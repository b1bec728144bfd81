import { join } from "node:path";
import { loadSharp } from "../../lib/sharp";
import type { ScenePlan } from "../design/plan";
import type { Box } from "../design/tokens";
import type { SpokenLine } from "../tts/voiceover";
import { FfmpegCommand } from "./ffmpeg";
import { runFfmpeg } from "./run";
import { TRANSITION, type ScheduledScene } from "./schedule";
import { addAudio } from "./soundtrack";
import { drawPhase, withCaption, withText, type DrawSources } from "./stills";

/** A device scene's screen motion: a crop of the page taller than the screen, scrolled smoothly behind the bezel. */
export interface ScreenScroll {
  file: string;
  screen: Box;
  bezelFile: string;
  body: Box;
}

/** The app's own video clip playing in a scene's picture box, from `from` seconds on the scene's clock to its end. */
export interface PictureClip {
  file: string;
  box: Box;
  from: number;
}

/**
 * One scene ready to encode: its stills as an ffconcat list, its length on the short's clock, and its last still
 * (textless: the next scene's cross-fade starts from it).
 */
export interface SceneClip {
  list: string;
  seconds: number;
  last?: string;
  scroll?: ScreenScroll;
  clip?: PictureClip;
}

/** Everything the one encode needs. */
export interface ScenesJob {
  width: number;
  height: number;
  fps: number;
  clips: SceneClip[];
  total: number;
  voiceStarts: (number | undefined)[];
  voice: (SpokenLine | undefined)[];
  music?: { file: string; volume: number };
  preset: string;
  outFile: string;
  tmpDir: string;
}

// Which still shows when, on the scene's own clock: textless card, card text, then the voice phase with one caption
// at a time; gaps in the voice phase show it bare, and the clip ends bare for the fade into the next scene.
function segments(plan: ScenePlan, s: ScheduledScene, length: number): { key: string; from: number; to: number }[] {
  const marks: { key: string; from: number; to: number }[] = [];
  if (s.title)
    marks.push(
      { key: "card", from: 0, to: s.title.start - s.start },
      { key: "text", from: s.title.start - s.start, to: s.title.end - s.start },
    );
  s.captions.forEach((c, k) => marks.push({ key: `cap${k}`, from: c.start - s.start, to: c.end - s.start }));
  const rest = plan.captions ? "voice" : "text";
  const out: { key: string; from: number; to: number }[] = [];
  let t = 0;
  for (const m of marks) {
    if (m.to - m.from <= 0.001) continue;
    if (m.from > t + 0.001) out.push({ key: rest, from: t, to: m.from });
    out.push({ ...m, from: Math.max(t, m.from) });
    t = m.to;
  }
  if (length > t + 0.001) out.push({ key: rest, from: t, to: length });
  return out;
}

/**
 * Draws a scene's stills (each used state once: textless card, card with text, voice phase, one per caption) and
 * writes its ffconcat list; `extra` holds the last still that much longer.
 */
export async function writeSceneStills(
  plan: ScenePlan,
  s: ScheduledScene,
  extra: number,
  src: DrawSources,
  dir: string,
): Promise<SceneClip> {
  const length = s.duration + extra;
  const segs = segments(plan, s, length);
  const needs = new Set(segs.map((g) => g.key));
  const cardBase = needs.has("card") || needs.has("text") ? drawPhase(plan, plan.card, src) : undefined;
  const voiceBase = [...needs].some((k) => k === "voice" || k.startsWith("cap")) ? drawPhase(plan, plan.voice, src) : undefined;
  const files = new Map<string, string>();
  await Promise.all(
    [...needs].map(async (key) => {
      const png =
        key === "card"
          ? await cardBase!
          : key === "text"
            ? await withText(await cardBase!, plan.card.text, src.fonts)
            : key === "voice"
              ? await voiceBase!
              : await withCaption(await voiceBase!, plan, s.captions[Number(key.slice(3))]!.text, src.fonts);
      const file = join(dir, `s${s.index}-${key}.png`);
      await Bun.write(file, png);
      files.set(key, file);
    }),
  );
  const list = ["ffconcat version 1.0"];
  for (const g of segs) list.push(`file '${files.get(g.key)!}'`, `duration ${(g.to - g.from).toFixed(4)}`);
  list.push(`file '${files.get(segs.at(-1)!.key)!}'`);
  const listFile = join(dir, `scene-${s.index}.ffconcat`);
  await Bun.write(listFile, list.join("\n") + "\n");
  return { list: listFile, seconds: length, last: files.get(segs.at(-1)!.key)! };
}

/** The phone's frame with a rounded hole for the screen, drawn over the scrolling page. */
export async function writeBezel(
  plan: ScenePlan,
  dir: string,
  index: number,
): Promise<{ file: string; body: Box; screen: Box } | undefined> {
  const layers = plan.voice.layers;
  const dev = layers.find((l) => l.kind === "device");
  const scr = layers.find((l) => l.kind === "screen");
  if (!dev || !scr || dev.kind !== "device" || scr.kind !== "screen") return undefined;
  const b = dev.box;
  const s = { ...scr.box, x: scr.box.x - b.x, y: scr.box.y - b.y };
  const rr = (x: number, y: number, w: number, h: number, r: number) =>
    `M${x + r} ${y}h${w - 2 * r}a${r} ${r} 0 0 1 ${r} ${r}v${h - 2 * r}a${r} ${r} 0 0 1 -${r} ${r}h-${w - 2 * r}a${r} ${r} 0 0 1 -${r} -${r}v-${h - 2 * r}a${r} ${r} 0 0 1 ${r} -${r}z`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${b.w}" height="${b.h}"><path fill-rule="evenodd" fill="rgb(${dev.color.join(",")})" d="${rr(0, 0, b.w, b.h, dev.radius)} ${rr(s.x, s.y, s.w, s.h, scr.radius)}"/><rect x="${b.w * 0.38}" y="${s.y + 8}" width="${b.w * 0.24}" height="${Math.max(6, b.h * 0.018)}" rx="${Math.max(3, b.h * 0.009)}" fill="#000"/></svg>`;
  const file = join(dir, `bezel-${index}.png`);
  await Bun.write(file, await (await loadSharp())(Buffer.from(svg)).png().toBuffer());
  return { file, body: b, screen: scr.box };
}

function addClip(cmd: FfmpegCommand, job: ScenesJob, c: SceneClip, k: number, frames: number, fadeFrom?: string): string {
  const i = cmd.input({ path: c.list, concat: true });
  const label = `sc${k}`;
  // Converted to yuv once per still, before fps repeats it: converting every repeated frame cost most of the encode.
  cmd.filter({ inputs: [`${i}:v`], name: "format", options: { pix_fmts: "yuv420p" }, outputs: [`${label}f`] });
  cmd.filter({ inputs: [`${label}f`], name: "fps", options: { fps: job.fps }, outputs: [`${label}y`] });
  cmd.filter({ inputs: [`${label}y`], name: "trim", options: { end_frame: frames }, outputs: [`${label}t`] });
  cmd.filter({ inputs: [`${label}t`], name: "setpts", options: "PTS-STARTPTS", outputs: [`${label}p`] });
  if (!c.scroll) {
    cmd.filter({
      inputs: [fadeIn(cmd, job, label, addPictureClip(cmd, job, c, label, `${label}p`), fadeFrom)],
      name: "setsar",
      options: "1",
      outputs: [label],
    });
    return label;
  }
  // The page scrolls with an ease-in-out over the scene: one decoded still, cropped at a moving offset.
  const sc = c.scroll;
  const page = cmd.input({ path: sc.file, threads: 1 });
  cmd.filter({ inputs: [`${page}:v`], name: "format", options: { pix_fmts: "yuv420p" }, outputs: [`${label}py`] });
  cmd.filter({ inputs: [`${label}py`], name: "loop", options: { loop: frames - 1, size: 1, start: 0 }, outputs: [`${label}pl`] });
  cmd.filter({ inputs: [`${label}pl`], name: "setpts", options: `N/${job.fps}/TB`, outputs: [`${label}pt`] });
  const y = `(ih-oh)*(0.5-0.5*cos(PI*min(t/${c.seconds.toFixed(3)}\\,1)))`;
  cmd.filter({ inputs: [`${label}pt`], name: "crop", options: `w=${sc.screen.w}:h=${sc.screen.h}:x=0:y=${y}`, outputs: [`${label}pc`] });
  cmd.filter({
    inputs: [`${label}p`, `${label}pc`],
    name: "overlay",
    options: { x: sc.screen.x, y: sc.screen.y, eof_action: "pass" },
    outputs: [`${label}o`],
  });
  const bezel = cmd.input({ path: sc.bezelFile, threads: 1 });
  cmd.filter({
    inputs: [`${label}o`, `${bezel}:v`],
    name: "overlay",
    options: { x: sc.body.x, y: sc.body.y, eof_action: "repeat" },
    outputs: [`${label}b`],
  });
  cmd.filter({
    inputs: [fadeIn(cmd, job, label, addPictureClip(cmd, job, c, label, `${label}b`), fadeFrom)],
    name: "setsar",
    options: "1",
    outputs: [label],
  });
  return label;
}

// The cross-fade into a scene: the previous scene's last still laid over this scene's textless opening, its alpha
// falling to nothing over TRANSITION. Only that one still is blended, over the opening's frames; after them the
// overlay passes the scene through. (A chain of xfade filters did the same at three times the encode time.)
function fadeIn(cmd: FfmpegCommand, job: ScenesJob, label: string, base: string, from: string | undefined): string {
  if (!from) return base;
  const frames = fadeFrames(job);
  const i = cmd.input({ path: from, threads: 1 });
  cmd.filter({ inputs: [`${i}:v`], name: "format", options: { pix_fmts: "yuva420p" }, outputs: [`${label}x0`] });
  cmd.filter({ inputs: [`${label}x0`], name: "loop", options: { loop: frames - 1, size: 1, start: 0 }, outputs: [`${label}x1`] });
  cmd.filter({ inputs: [`${label}x1`], name: "setpts", options: `N/${job.fps}/TB`, outputs: [`${label}x2`] });
  cmd.filter({
    inputs: [`${label}x2`],
    name: "fade",
    options: { t: "out", st: 0, d: (frames / job.fps).toFixed(4), alpha: 1 },
    outputs: [`${label}x3`],
  });
  cmd.filter({ inputs: [base, `${label}x3`], name: "overlay", options: { x: 0, y: 0, eof_action: "pass" }, outputs: [`${label}x`] });
  return `${label}x`;
}

// The app's clip plays in the picture box while the voice speaks: scaled to cover the box, looped if shorter than
// the scene, cut at the scene's end and delayed to the voice phase (the stills show the box dark until then).
function addPictureClip(cmd: FfmpegCommand, job: ScenesJob, c: SceneClip, label: string, base: string): string {
  const p = c.clip;
  if (!p) return base;
  const length = Math.max(0.1, c.seconds - p.from);
  const { w, h } = { w: Math.round(p.box.w / 2) * 2, h: Math.round(p.box.h / 2) * 2 };
  const i = cmd.input({ path: p.file, streamLoop: true, duration: length, threads: 1 });
  cmd.filter({ inputs: [`${i}:v`], name: "fps", options: { fps: job.fps }, outputs: [`${label}k0`] });
  cmd.filter({
    inputs: [`${label}k0`],
    name: "scale",
    options: { w, h, force_original_aspect_ratio: "increase" },
    outputs: [`${label}k1`],
  });
  cmd.filter({ inputs: [`${label}k1`], name: "crop", options: { w, h }, outputs: [`${label}k2`] });
  cmd.filter({ inputs: [`${label}k2`], name: "format", options: { pix_fmts: "yuv420p" }, outputs: [`${label}k3`] });
  cmd.filter({ inputs: [`${label}k3`], name: "trim", options: { duration: length.toFixed(4) }, outputs: [`${label}k4`] });
  cmd.filter({ inputs: [`${label}k4`], name: "setpts", options: `PTS-STARTPTS+${p.from.toFixed(4)}/TB`, outputs: [`${label}k5`] });
  cmd.filter({
    inputs: [base, `${label}k5`],
    name: "overlay",
    options: { x: p.box.x, y: p.box.y, eof_action: "pass" },
    outputs: [`${label}kc`],
  });
  return `${label}kc`;
}

/** A short's H.264 settings (High profile: CABAC and 8x8 transforms on), also what the bench's plain encode uses. */
export function x264Args(preset: string, fps: number): string[] {
  const h264 = ["-c:v", "libx264", "-preset", preset, "-profile:v", "high", "-x264-params", "cabac=1:8x8dct=1"];
  return [...h264, "-pix_fmt", "yuv420p", "-r", String(fps), "-g", String(fps * 2), "-crf", "23"];
}

/** A short's sound settings: AAC stereo at 48 kHz. */
export const AAC_ARGS = ["-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2"];

/** Builds the one encode: scene clips from their stills, cross-faded into each other, with the sound track. */
export function scenesCommand(job: ScenesJob): FfmpegCommand {
  const cmd = new FfmpegCommand();
  // Each scene gets the frames between its start and end rounded to the frame clock, not its own length rounded up:
  // rounding each length up put every later scene up to a frame later per scene than the schedule (and its captions).
  let at = 0;
  const labels = job.clips.map((c, k) => {
    const from = Math.round(at * job.fps);
    at += c.seconds;
    // A scene fades in from the one before over its own textless opening, so the cut moves no scene on the clock;
    // after a scrolled screen or a playing clip (which its last still does not show) it cuts.
    const before = job.clips[k - 1];
    const fadeFrom = before && !before.scroll && !before.clip ? before.last : undefined;
    return addClip(cmd, job, c, k, Math.max(1, Math.round(at * job.fps) - from), fadeFrom);
  });
  cmd.filter({ inputs: labels, name: "concat", options: { n: labels.length, v: 1, a: 0 }, outputs: ["vc"] });
  cmd.filter({ inputs: ["vc"], name: "trim", options: { duration: job.total.toFixed(4) }, outputs: ["vt"] });
  cmd.filter({ inputs: ["vt"], name: "format", options: { pix_fmts: "yuv420p" }, outputs: ["vout"] });
  const audio = addAudio(cmd, { total: job.total, voiceStarts: job.voiceStarts, voice: job.voice, music: job.music });
  return cmd
    .map("vout")
    .map(audio)
    .outputOptions(...x264Args(job.preset, job.fps))
    .outputOptions(...AAC_ARGS, "-movflags", "+faststart", "-t", job.total.toFixed(3))
    .to(job.outFile);
}

// The frames of a cross-fade: whole frames within the incoming scene's textless opening, so it never meets its text.
function fadeFrames(job: ScenesJob): number {
  return Math.max(1, Math.floor(TRANSITION * job.fps + 1e-6));
}

/** Encodes the planned short once, reporting percent done. */
export async function encodeScenes(
  job: ScenesJob,
  o: { signal?: AbortSignal; onProgress?: (pct: number) => void; ffmpegBin?: string } = {},
): Promise<void> {
  const cmd = scenesCommand(job);
  const graphFile = join(job.tmpDir, "graph.txt");
  await Bun.write(graphFile, cmd.graph());
  await runFfmpeg(cmd.args({ graphFile }), { signal: o.signal, totalSeconds: job.total, onProgress: o.onProgress, bin: o.ffmpegBin });
}
