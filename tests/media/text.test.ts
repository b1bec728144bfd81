import { afterAll, expect, test } from "bun:test";
import sharp from "sharp";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import { contrastRatio, parseHex, readableOn } from "../../src/media/color";
import { renderItemMedia } from "../../src/media/render";
import { escapeMarkup, setText } from "../../src/media/text";
import { escapeFilterValue, FfmpegCommand } from "../../src/media/video/ffmpeg";
import { probeMedia } from "../../src/media/video/probe";
import { makeTestContext } from "../support/context";
import { insertMediaItem, insertMediaUser, insertMediaWebapp } from "../support/media-factories";

// The default voice (Festival when installed) reads the tricky text too.
const ctx = makeTestContext({ AMARKTAI_MEDIA_SCREENSHOTS: "false" });
afterAll(() => ctx.cleanup());
const BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
const TRICKY = `He said "it's 100% done": 50% off, [now]; a\\b, <b>&amp; 🚀 — مرحبا بالعالم`;

test("tricky text renders in a short (quotes, colons, percent, brackets, emoji, Arabic)", async () => {
  const user = insertMediaUser(ctx);
  const app = insertMediaWebapp(ctx, user, { name: `Café "Ünïcode": 100%`, url: "https://example.com/a:b?x=1%20" });
  const script = {
    hook: TRICKY,
    callToAction: `Try it: 100% "free"`,
    url: "https://example.com",
    scenes: [
      { onScreenText: TRICKY, voiceover: `It's "done": 100% — really; [yes].`, visual: "brand", seconds: 1 },
      { onScreenText: "عربي", voiceover: "مرحبا بالعالم 🚀", visual: "brand", seconds: 1.5 },
    ],
  };
  const id = insertMediaItem(ctx, user, app, { script });
  await renderItemMedia(ctx, id, { size: { width: 270, height: 480 } });
  const row = ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!;
  expect(row.mediaError).toBeNull();
  const p = await probeMedia(join(ctx.config.storage.media_dir, (row.media as { video: string }).video));
  expect(p.video?.width).toBe(270);
}, 60_000);

test("Arabic and emoji produce glyphs, not an empty image", async () => {
  for (const text of ["مرحبا بالعالم", "🚀 launch"]) {
    const t = await setText({ text, fontFile: BOLD, color: [255, 255, 255], maxWidth: 600, maxHeight: 200, maxSize: 60 });
    const { channels } = await sharp(t.png).stats();
    expect(channels[3]!.max).toBe(255); // some pixel is fully inked
    expect(t.width).toBeGreaterThan(100);
  }
});

test("long text shrinks and wraps to fit its box", async () => {
  const text = "An unusually long headline that would never fit on one line at the largest size we try first";
  const t = await setText({ text, fontFile: BOLD, color: [0, 0, 0], maxWidth: 500, maxHeight: 160, maxSize: 90 });
  expect(t.width).toBeLessThanOrEqual(500);
  expect(t.height).toBeLessThanOrEqual(160);
  expect(t.size).toBeLessThan(90);
});

test("markup characters are escaped for Pango", () => {
  expect(escapeMarkup(`<b>"a" & 'b'</b>`)).toBe("&lt;b&gt;&quot;a&quot; &amp; &apos;b&apos;&lt;/b&gt;");
});

test("filter values escape colons, quotes, commas and brackets", () => {
  expect(escapeFilterValue("between(t,1,2)")).toBe("between(t\\,1\\,2)");
  expect(escapeFilterValue("a:b'c[d]")).toBe("a\\:b'\\''c\\[d\\]");
  const cmd = new FfmpegCommand();
  const i = cmd.input({ path: "in.png", loop: true, duration: 2, framerate: 30 });
  cmd
    .filter({ inputs: [`${i}:v`], name: "scale", options: { w: 100, h: -2 }, outputs: ["o"] })
    .map("o")
    .outputOptions("-c:v", "libx264")
    .to("out.mp4");
  expect(cmd.args()).toEqual([
    "-hide_banner",
    "-nostdin",
    "-y",
    "-loglevel",
    "error",
    "-progress",
    "pipe:1",
    "-nostats",
    "-loop",
    "1",
    "-framerate",
    "30",
    "-t",
    "2.000",
    "-i",
    "in.png",
    "-filter_complex",
    "[0:v]scale=w=100:h=-2[o]",
    "-map",
    "[o]",
    "-c:v",
    "libx264",
    "out.mp4",
  ]);
});

test("text colour is chosen (or the background darkened) to pass WCAG contrast", () => {
  const yellow = parseHex("#facc15")!;
  expect(readableOn(yellow).text).toEqual([0, 0, 0]);
  const mid = parseHex("#808080")!;
  const r = readableOn(mid, 7);
  expect(contrastRatio(r.text, r.background)).toBeGreaterThanOrEqual(7);
  expect(contrastRatio([255, 255, 255], [0, 0, 0])).toBeCloseTo(21, 5);
});

test("a name with NUL, an RLO and Pango markup characters still renders, without the control characters", async () => {
  const name = "Acme\u0000 <b>&amp;</b> \u202eNotes\u0007";
  expect(escapeMarkup(name)).toBe("Acme &lt;b&gt;&amp;amp;&lt;/b&gt; Notes");
  const t = await setText({ text: name, fontFile: BOLD, color: [255, 255, 255], maxWidth: 800, maxHeight: 200, maxSize: 60 });
  expect(t.width).toBeGreaterThan(100);
});
