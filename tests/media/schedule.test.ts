import { expect, test } from "bun:test";
import type { Brand } from "../../src/media/brand";
import { planShort, scenesWithTemplates } from "../../src/media/design/pick";
import { scenesCommand } from "../../src/media/video/scenes";
import { CARD_BEAT, scheduleScenes, TRANSITION, textWindows, wordChunks } from "../../src/media/video/schedule";

const brand: Brand = {
  name: "MealPlan",
  sayNameAs: "",
  url: "https://mealplan.example.com",
  primary: [22, 163, 74],
  secondary: [15, 23, 42],
};
const script = {
  hook: "Dinner sorted in two minutes?",
  callToAction: "Try MealPlan free today",
  url: "https://mealplan.example.com/?utm_source=tiktok",
  scenes: [
    { onScreenText: "Dinner sorted?", voiceover: "Dinner sorted in two minutes, every week.", visual: "", seconds: 2 },
    { onScreenText: "Save 3 hours a week", voiceover: "Families save three hours a week with a plan.", visual: "", seconds: 3 },
    { onScreenText: "“It saves my Sundays” — Ana", voiceover: "Ana says it saves her Sundays, and her temper.", visual: "", seconds: 3 },
    { onScreenText: "Pro: €4 per month", voiceover: "The Pro plan costs four euros a month.", visual: "", seconds: 3 },
  ],
};

test("one text layer at a time: a card's own text, then its word-timed captions, never together", () => {
  const scenes = scenesWithTemplates(script, false);
  const plans = planShort(scenes, { brand, url: script.url, platform: "tiktok", width: 1080, height: 1920, seed: 4 });
  const lines = scenes.map((s) => s.voiceover);
  const sched = scheduleScenes(
    plans,
    lines,
    scenes.map((s) => s.seconds),
    [2.1, 2.4, 2.6, 2.2, 1.5],
    10,
  );
  const windows = textWindows(plans, sched.scenes);
  // Group a card's lines into its one layer, then no two layers overlap in time.
  const layers = [...new Map(windows.map((w) => [`${w.scene}:${w.layer}:${w.layer === "card" ? "" : w.start}`, w])).values()];
  layers.sort((a, b) => a.start - b.start);
  for (let i = 1; i < layers.length; i++) expect(layers[i]!.start).toBeGreaterThanOrEqual(layers[i - 1]!.end - 1e-9);
  for (const s of sched.scenes) {
    if (s.title && s.captions.length) expect(s.captions[0]!.start).toBeGreaterThanOrEqual(s.title.end);
    if (s.voiceStart !== undefined && s.captions.length) expect(s.captions[0]!.start).toBeCloseTo(s.voiceStart, 6);
    // Every spoken word is captioned, in order, within the scene.
    expect(s.captions.map((c) => c.text).join(" ")).toBe(plans[s.index]!.captions ? lines[s.index]!.trim() : "");
    for (const c of s.captions) expect(c.end).toBeLessThanOrEqual(s.start + s.duration);
  }
  // The end card shows its text while the voice says the call to action, with no captions.
  expect(sched.scenes.at(-1)!.captions).toEqual([]);
  expect(sched.total).toBeCloseTo(
    sched.scenes.reduce((n, s) => n + s.duration, 0),
    6,
  );
});

test("caption chunks break after punctuation and keep every word", () => {
  const line = "Open MealPlan, pick five meals, and your list writes itself.";
  const chunks = wordChunks(line, 18);
  expect(chunks.join(" ")).toBe(line);
  expect(chunks[0]).toBe("Open MealPlan,");
  for (const c of chunks) expect(c.length).toBeLessThanOrEqual(18);
});

test("a voiceover the voice cannot say is still captioned over its scene, with no voice start", () => {
  const arabic = {
    hook: "h",
    callToAction: "c",
    url: "",
    scenes: [{ onScreenText: "t", voiceover: "مرحبا بالعالم", visual: "", seconds: 3 }],
  };
  const scenes = scenesWithTemplates(arabic, false);
  const plans = planShort(scenes, { brand, url: "", platform: "tiktok", width: 1080, height: 1920, seed: 1 });
  const sched = scheduleScenes(
    plans,
    scenes.map((s) => s.voiceover),
    scenes.map((s) => s.seconds),
    scenes.map(() => undefined),
    0,
  );
  const first = sched.scenes[0]!;
  expect(first.voiceStart).toBeUndefined();
  expect(first.captions.map((c) => c.text)).toEqual(["مرحبا بالعالم"]);
  expect(first.captions[0]!.end).toBeLessThanOrEqual(first.start + first.duration);
});

test("the encode cuts each scene on the frame clock, so late scenes start where the schedule puts them", () => {
  const seconds = [1.01, 1.01, 1.01, 1.01, 1.01, 1.01];
  const graph = scenesCommand({
    width: 216,
    height: 384,
    fps: 30,
    clips: seconds.map((s, k) => ({ list: `/tmp/s${k}.ffconcat`, seconds: s })),
    total: 6.06,
    voiceStarts: [],
    voice: [],
    preset: "veryfast",
    outFile: "/tmp/out.mp4",
    tmpDir: "/tmp",
  }).graph();
  const frames = [...graph.matchAll(/trim=end_frame=(\d+)/g)].map((m) => Number(m[1]));
  // Each scene's first frame is its scheduled start rounded to the frame clock (1.01 s each: 30, 61, 91, 121, 152 ...).
  let at = 0;
  frames.forEach((n, k) => {
    expect(at).toBe(Math.round(k * 1.01 * 30));
    at += n;
  });
  expect(at).toBe(Math.round(6.06 * 30));
});

test("a short opens on its hook's text, and no scene holds a textless, silent stretch for its planned seconds", () => {
  const scenes = scenesWithTemplates(script, false);
  const plans = planShort(scenes, { brand, url: script.url, platform: "tiktok", width: 1080, height: 1920, seed: 4 });
  const lines = scenes.map((s) => s.voiceover);
  // Planned far longer than the voice needs: the review saw a card without text for ~1.5 s in the first seconds.
  const sched = scheduleScenes(
    plans,
    lines,
    scenes.map(() => 6),
    [2.1, 2.4, 2.6, 2.2, 1.5],
    0,
  );
  const windows = textWindows(plans, sched.scenes).sort((a, b) => a.start - b.start);
  expect(windows[0]!.start).toBe(0);
  // Between two text layers there is at most the outgoing scene's tail and the next scene's textless opening.
  let shown = 0;
  for (const w of windows) {
    expect(w.start - shown).toBeLessThanOrEqual(TRANSITION + 0.35 + 1e-6);
    shown = Math.max(shown, w.end);
  }
  // A card's text shows CARD_BEAT, then the voice starts: the narration follows its card within a beat.
  for (const s of sched.scenes.slice(1, -1)) {
    expect(s.title!.start).toBeCloseTo(s.start + TRANSITION, 6);
    expect(s.voiceStart! - s.title!.start).toBeCloseTo(CARD_BEAT, 6);
  }
  // The end card (nothing captioned) keeps its planned length and its text to the end.
  const end = sched.scenes.at(-1)!;
  expect(end.duration).toBeGreaterThanOrEqual(6);
  expect(end.title!.end).toBeCloseTo(end.start + end.duration, 6);
});

test("cuts cross-fade over the incoming scene's textless opening, each scene still starting at its scheduled frame", () => {
  const seconds = [2.01, 3.02, 2.5, 1.99];
  const fps = 30;
  const clips = seconds.map((s, k) => ({ list: `/tmp/s${k}.ffconcat`, seconds: s, last: `/tmp/s${k}-voice.png` }));
  // After a scrolled screen the last still does not show what played: that cut is a cut.
  const graph = (c: unknown[]) =>
    scenesCommand({
      width: 216,
      height: 384,
      fps,
      clips: c as never,
      total: 9.52,
      voiceStarts: [],
      voice: [],
      preset: "veryfast",
      outFile: "/tmp/item-7.mp4",
      tmpDir: "/tmp",
    });
  const cmd = graph(clips);
  const g = cmd.graph();
  const frames = [...g.matchAll(/trim=end_frame=(\d+)/g)].map((m) => Number(m[1]));
  let at = 0;
  seconds.forEach((s, k) => {
    const from = Math.round(at * fps);
    at += s;
    expect(frames[k]).toBe(Math.round(at * fps) - from);
  });
  // One fade per cut, from the scene before's last still, over whole frames of the textless opening.
  const fades = [...g.matchAll(/fade=t=out:st=0:d=([\d.]+):alpha=1/g)];
  expect(fades).toHaveLength(seconds.length - 1);
  for (const f of fades) expect(Number(f[1])).toBeCloseTo(Math.floor(TRANSITION * fps) / fps, 3);
  const args = cmd.args({ graphFile: "/tmp/graph.txt" });
  for (const k of [0, 1, 2]) expect(args).toContain(`/tmp/s${k}-voice.png`);
  expect(args).not.toContain("/tmp/s3-voice.png");
  const scrolled = clips.map((c, k) =>
    k === 1
      ? {
          ...c,
          scroll: { file: "/tmp/p.png", screen: { x: 0, y: 0, w: 10, h: 10 }, bezelFile: "/tmp/b.png", body: { x: 0, y: 0, w: 10, h: 10 } },
        }
      : c,
  );
  expect([
    ...graph(scrolled as never)
      .graph()
      .matchAll(/alpha=1/g),
  ]).toHaveLength(seconds.length - 2);
});
