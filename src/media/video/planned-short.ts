import { join } from "node:path";
import type { Scene, SceneTemplate } from "../../content/script";
import { loadSharp } from "../../lib/sharp";
import type { Brand } from "../brand";
import { planProblems } from "../design/checks";
import type { ScenePlan } from "../design/plan";
import type { Fonts } from "../fonts";
import type { SpokenLine } from "../tts/voiceover";
import { scheduleScenes, textWindows, type ScheduledScene, type TextWindow } from "./schedule";
import { encodeScenes, writeBezel, writeSceneStills, type SceneClip } from "./scenes";
import { drawPhase, withCaption, withText, type DrawSources } from "./stills";

/** A mobile screenshot and the page blocks on it (image pixels), to crop a device screen to the feature a scene names. */
export interface PageShot {
  png: Buffer;
  blocks: { y: number; h: number; text: string }[];
}

/** A scene's own picture: a generated image, or one of the app's uploaded clips (a file), played in its picture box. */
export type ScenePicture = { image: Buffer } | { clip: string };

/** What one planned short is made from. */
export interface PlannedShort {
  brand: Brand;
  fonts: Fonts;
  scenes: (Scene & { template: SceneTemplate })[];
  plans: ScenePlan[];
  /** The spoken line per scene and its voice (undefined when unspoken), still being spoken while the stills are drawn. */
  lines: string[];
  voice: Promise<(SpokenLine | undefined)[]>;
  minSeconds: number;
  page?: PageShot;
  /** Per scene, the picture its plan has a picture box for (see planShort's `pictures`). */
  pictures?: (ScenePicture | undefined)[];
  music?: { file: string; volume: number };
  preset: string;
  fps: number;
  seed: number;
  outFile: string;
  tmpDir: string;
}

/** The planned short's record: its clock, its text layers in time and what the plan checks found. */
export interface PlannedResult {
  total: number;
  scenes: ScheduledScene[];
  textLayers: TextWindow[];
  problems: string[];
}

const words = (s: string) => new Set(s.toLowerCase().match(/\p{L}{3,}/gu) ?? []);

/** The part of the page that shows what a scene talks about: the block sharing most words with it, else the top. */
export function featureCrop(page: PageShot, text: string, w: number, h: number): { top: number; height: number } {
  const want = words(text);
  let best = { score: 0, y: 0 };
  for (const b of page.blocks) {
    const score = [...words(b.text)].filter((x) => want.has(x)).length;
    if (score > best.score) best = { score, y: b.y };
  }
  return { top: Math.max(0, best.y - Math.round(h * 0.04)), height: h };
}

// The page cropped to the feature at the screen's width, 30 % taller than the screen so it can scroll a little.
async function screenPage(page: PageShot, text: string, screen: { w: number; h: number }): Promise<Buffer> {
  const sharp = await loadSharp();
  const meta = await sharp(page.png).metadata();
  const pw = meta.width ?? screen.w;
  const ph = meta.height ?? screen.h;
  const want = Math.min(ph, Math.round((pw * screen.h * 1.3) / screen.w));
  const crop = featureCrop(page, text, pw, want);
  const top = Math.min(crop.top, ph - want);
  return sharp(page.png)
    .extract({ left: 0, top, width: pw, height: want })
    .resize(screen.w, Math.round(screen.h * 1.3), { fit: "cover", position: "top" })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

async function pool<T>(n: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, jobs.length) }, worker));
  return out;
}

// A scene's sources, drawn from: the page cropped to what it talks about and its picture. One object per scene, so
// its stills drawn ahead are found again by the encode step (stills are remembered per sources object).
async function sceneSources(p: PlannedShort, k: number): Promise<{ src: DrawSources; page?: Buffer }> {
  const plan = p.plans[k]!;
  const screen = plan.voice.layers.find((l) => l.kind === "screen");
  const page = screen && p.page ? await screenPage(p.page, `${p.scenes[k]!.onScreenText} ${p.lines[k] ?? ""}`, screen.box) : undefined;
  const pic = p.pictures?.[k];
  return { src: { brand: p.brand, fonts: p.fonts, screen: page, picture: pic && "image" in pic ? pic.image : undefined }, page };
}

// Every still a scene can show, drawn before its timing is known: which stills a scene has (card, card text, voice
// phase, one per caption chunk) follows from its plan and line; only how long each shows waits for the voice.
async function drawAhead(p: PlannedShort, k: number, src: DrawSources): Promise<void> {
  const plan = p.plans[k]!;
  const [s] = scheduleScenes([plan], [p.lines[k] ?? ""], [p.scenes[k]!.seconds], [undefined]).scenes;
  const work: Promise<Buffer>[] = [];
  if (s!.title) work.push(drawPhase(plan, plan.card, src).then((base) => withText(base, plan.card.text, p.fonts)));
  if (plan.captions) {
    const voiceBase = drawPhase(plan, plan.voice, src);
    work.push(voiceBase, ...s!.captions.map((c) => voiceBase.then((base) => withCaption(base, plan, c.text, p.fonts))));
  }
  await Promise.all(work);
}

/**
 * Renders a short from its scene plans: draws every scene's stills (two scenes at a time) while the voice is still
 * being spoken, then schedules the scenes on the voice, writes each scene's list of stills, scrolls device screens,
 * and encodes everything once with voice and music (the cover is the image templates' work).
 */
export async function renderPlannedShort(
  p: PlannedShort,
  o: { signal?: AbortSignal; onProgress?: (pct: number, note: string) => void; ffmpegBin?: string } = {},
): Promise<PlannedResult> {
  const problems = p.plans.flatMap(planProblems);
  const n = p.plans.length;
  // 8-30 %: the voice counts as much as all the scenes' stills; both run at the same time.
  let done = 0;
  const step = (units: number) =>
    o.onProgress?.(8 + Math.round(((done += units) / (2 * n)) * 22), "speaking the voiceover and drawing the scenes");
  const voice = p.voice.then((v) => (step(n), v));
  const drawing = pool(
    2,
    p.plans.map((_, k) => async () => {
      if (o.signal?.aborted) throw new Error("render cancelled");
      const { src, page } = await sceneSources(p, k);
      await drawAhead(p, k, src);
      step(1);
      return { src, page };
    }),
  );
  const [sources, spoken] = await Promise.all([drawing, voice]);
  const sched = scheduleScenes(
    p.plans,
    p.lines,
    p.scenes.map((s) => s.seconds),
    spoken.map((v) => v?.seconds),
    p.minSeconds,
  );
  const clips = await Promise.all(
    sched.scenes.map(async (s, k): Promise<SceneClip> => {
      const plan = p.plans[k]!;
      const { src, page } = sources[k]!;
      const clip = await writeSceneStills(plan, s, 0, src, p.tmpDir);
      const pic = p.pictures?.[k];
      const box = plan.voice.layers.find((l) => l.kind === "picture")?.box;
      // The voice phase (where the picture box is) starts when the card's own text leaves.
      if (pic && "clip" in pic && box) clip.clip = { file: pic.clip, box, from: s.title ? s.title.end - s.start : 0 };
      if (page) {
        const bezel = await writeBezel(plan, p.tmpDir, k);
        const file = join(p.tmpDir, `page-${k}.png`);
        await Bun.write(file, page);
        if (bezel) clip.scroll = { file, screen: bezel.screen, bezelFile: bezel.file, body: bezel.body };
      }
      return clip;
    }),
  );
  await encodeScenes(
    {
      width: p.plans[0]!.width,
      height: p.plans[0]!.height,
      fps: p.fps,
      clips,
      total: sched.total,
      voiceStarts: sched.scenes.map((s) => s.voiceStart),
      voice: spoken,
      music: p.music,
      preset: p.preset,
      outFile: p.outFile,
      tmpDir: p.tmpDir,
    },
    { signal: o.signal, ffmpegBin: o.ffmpegBin, onProgress: (pct) => o.onProgress?.(Math.round(30 + pct * 0.65), "encoding the video") },
  );
  return { total: sched.total, scenes: sched.scenes, textLayers: textWindows(p.plans, sched.scenes), problems };
}
