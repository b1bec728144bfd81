import { expect, test } from "bun:test";
import sharp from "sharp";
import type { Brand } from "../../src/media/brand";
import { planShort } from "../../src/media/design/pick";
import { FfmpegCommand } from "../../src/media/video/ffmpeg";
import { drawPhase, withCaption, withText, type DrawSources } from "../../src/media/video/stills";

const brand: Brand = {
  name: "MealPlan",
  sayNameAs: "",
  url: "https://mealplan.example.com",
  primary: [22, 163, 74],
  secondary: [15, 23, 42],
};
const fonts = { bold: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", regular: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" };
const [plan] = planShort(
  [{ onScreenText: "Your list writes itself", template: "feature", voiceover: "Your list writes itself.", visual: "", seconds: 5 }],
  { brand, url: brand.url, platform: "tiktok", width: 540, height: 960, seed: 3 },
);

test("a still drawn ahead is found again by the same phase, sources and text, and drawn anew for others", async () => {
  const src: DrawSources = { brand, fonts };
  const card = await drawPhase(plan!, plan!.card, src);
  expect(await drawPhase(plan!, plan!.card, src)).toBe(card);
  // Other sources (another render's scene) are drawn anew, though they look the same.
  const again = await drawPhase(plan!, plan!.card, { brand, fonts });
  expect(again).not.toBe(card);
  expect(again.equals(card)).toBe(true);
  const text = await withText(card, plan!.card.text, fonts);
  expect(await withText(card, plan!.card.text, fonts)).toBe(text);
  const voice = await drawPhase(plan!, plan!.voice, src);
  const cap = await withCaption(voice, plan!, "Your list", fonts);
  expect(await withCaption(voice, plan!, "Your list", fonts)).toBe(cap);
  const other = await withCaption(voice, plan!, "writes itself", fonts);
  expect(other.equals(cap)).toBe(false);
});

test("stills are opaque RGB PNGs at the plan's size (3 bytes a pixel for the encode to decode)", async () => {
  const src: DrawSources = { brand, fonts };
  const voice = await drawPhase(plan!, plan!.voice, src);
  for (const png of [await drawPhase(plan!, plan!.card, src), voice, await withCaption(voice, plan!, "Your list", fonts)]) {
    const m = await sharp(png).metadata();
    expect({ format: m.format, channels: m.channels, width: m.width, height: m.height }).toEqual({
      format: "png",
      channels: 3,
      width: 540,
      height: 960,
    });
  }
});

test("a list of stills is decoded on one thread unless the input says otherwise", () => {
  const cmd = new FfmpegCommand();
  cmd.input({ path: "a.ffconcat", concat: true });
  cmd.input({ path: "b.ffconcat", concat: true, threads: 2 });
  cmd.input({ path: "voice.wav" });
  const args = cmd.map("0:v").to("out.mp4").args();
  expect(args.join(" ")).toContain("-threads 1 -f concat -safe 0 -i a.ffconcat -threads 2 -f concat -safe 0 -i b.ffconcat -i voice.wav");
});
