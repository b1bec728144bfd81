import { afterAll, afterEach, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import { renderItemMedia } from "../../src/media/render";
import { makeTestContext } from "../support/context";
import { insertMediaItem, insertMediaUser, insertMediaWebapp } from "../support/media-factories";
import { startOpenAiImagesFake } from "../fakes/openai-images";
import { frameAt } from "./helpers";

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((s) => s()));
afterAll(() => stops.splice(0).forEach((s) => s()));

type Box = { x: number; y: number; w: number; h: number };
type Media = {
  video: string;
  notes: string[];
  templates: string[];
  pictures: { scene: number; kind: string; file?: string; box: Box }[];
  textLayers: { scene: number; layer: string; start: number; end: number }[];
};

// Mean colour of the middle half of a box in a full-size frame.
function meanIn(f: { data: Buffer; width: number }, b: Box): [number, number, number] {
  const sum = [0, 0, 0];
  let n = 0;
  for (let y = Math.round(b.y + b.h / 4); y < b.y + (3 * b.h) / 4; y++)
    for (let x = Math.round(b.x + b.w / 4); x < b.x + (3 * b.w) / 4; x++, n++)
      for (let c = 0; c < 3; c++) sum[c]! += f.data[(y * f.width + x) * 3 + c]!;
  return sum.map((s) => s / n) as [number, number, number];
}

function diffIn(a: { data: Buffer; width: number }, b: { data: Buffer }, box: Box): number {
  let sum = 0;
  let n = 0;
  for (let y = box.y; y < box.y + box.h; y++)
    for (let x = box.x; x < box.x + box.w; x++, n++)
      for (let c = 0; c < 3; c++) sum += Math.abs(a.data[(y * a.width + x) * 3 + c]! - b.data[(y * a.width + x) * 3 + c]!);
  return sum / n / 3;
}

async function render(env: Record<string, string>, scenes: { onScreenText: string; voiceover: string; visual: string }[], clip = false) {
  const ctx = makeTestContext({ AMARKTAI_MEDIA_SCREENSHOTS: "false", AMARKTAI_TTS_OFFLINE_ENGINE: "espeak", ...env });
  stops.push(() => ctx.cleanup());
  const user = insertMediaUser(ctx);
  const app = insertMediaWebapp(ctx, user);
  if (clip) {
    const dir = join(ctx.config.storage.media_dir, `${user}/${app}/clips`);
    mkdirSync(dir, { recursive: true });
    const made = Bun.spawnSync([
      "ffmpeg",
      "-v",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      "testsrc2=s=320x240:r=25:d=1",
      "-pix_fmt",
      "yuv420p",
      join(dir, "demo.mp4"),
    ]);
    expect(made.exitCode).toBe(0);
  }
  const script = { hook: "h", callToAction: "Try it", url: "https://x.example", scenes: scenes.map((s) => ({ ...s, seconds: 1 })) };
  const id = insertMediaItem(ctx, user, app, { script });
  await renderItemMedia(ctx, id, { size: { width: 270, height: 480 } });
  const row = ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!;
  expect(row.mediaError).toBeNull();
  const media = row.media as Media;
  return { media, file: join(ctx.config.storage.media_dir, media.video) };
}

// The middle of the first caption of a scene: its voice phase, where the picture box is.
function voiceTime(media: Media, scene: number): number {
  const w = media.textLayers.find((l) => l.scene === scene && l.layer === "caption")!;
  return (w.start + w.end) / 2;
}

test("a generated image is asked for only where a scene shows one, and is drawn in that scene's picture box", async () => {
  const fake = startOpenAiImagesFake({ apiKey: "sk-img" });
  stops.push(fake.stop);
  const { media, file } = await render(
    { AMARKTAI_IMAGEGEN_PROVIDER: "openai", AMARKTAI_IMAGEGEN_OPENAI_API_KEY: "sk-img", AMARKTAI_IMAGEGEN_OPENAI_BASE_URL: fake.url },
    [
      // The headline has no picture box: no image is bought for it.
      { onScreenText: "Dinner sorted", voiceover: "Dinner, sorted.", visual: "generated image of a table" },
      { onScreenText: "Plans the week", voiceover: "It plans your whole week.", visual: "generated image of a kitchen" },
    ],
  );
  expect(fake.requests.length).toBe(1);
  expect(fake.requests[0]!.prompt).toContain("generated image of a kitchen");
  expect(media.pictures).toHaveLength(1);
  const pic = media.pictures[0]!;
  expect(pic).toMatchObject({ scene: 1, kind: "image" });
  // The fake's image is a flat (200, 90, 40); the brand background behind a badge is not.
  const [r, g, b] = meanIn(await frameAt(file, voiceTime(media, 1), 270), pic.box);
  expect(Math.abs(r - 200) + Math.abs(g - 90) + Math.abs(b - 40)).toBeLessThan(30);
}, 90_000);

test("the app's uploaded clip plays in the picture box of a scene that asks for it", async () => {
  const { media, file } = await render(
    {},
    [
      { onScreenText: "Meal plans", voiceover: "Meal plans.", visual: "title" },
      { onScreenText: "See it in action", voiceover: "Here it is, working in a real kitchen today.", visual: "app clip" },
    ],
    true,
  );
  expect(media.templates[1]).toBe("feature");
  expect(media.pictures).toEqual([expect.objectContaining({ scene: 1, kind: "clip", file: "demo.mp4" })]);
  const box = media.pictures[0]!.box;
  const w = media.textLayers.filter((l) => l.scene === 1 && l.layer === "caption");
  const a = await frameAt(file, w[0]!.start + 0.1, 270);
  const b = await frameAt(file, w.at(-1)!.end - 0.1, 270);
  // Moving pictures, not a still, and not the dark box the stills leave for it.
  expect(diffIn(a, b, box)).toBeGreaterThan(8);
  expect(meanIn(a, box).reduce((s, c) => s + c, 0)).toBeGreaterThan(60);
}, 90_000);
