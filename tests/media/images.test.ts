import { afterAll, expect, test } from "bun:test";
import sharp from "sharp";
import { statSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import { mediaFiles } from "../../src/db/schema/operator";
import { renderItemMedia } from "../../src/media/render";
import { screenshotSite } from "../../src/media/screenshot";
import { safeZone } from "../../src/media/compose";
import { hasChromium } from "../support/browser";
import { makeTestContext } from "../support/context";
import { insertMediaItem, insertMediaUser, insertMediaWebapp } from "../support/media-factories";
import { filesUnder } from "./helpers";
import { testWithTool } from "../support/tools";

// A small site of the app's own, so screenshots and og:image come from a real page.
const site = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  async fetch(req) {
    const path = new URL(req.url).pathname;
    if (path === "/og.png")
      return new Response(
        await sharp({ create: { width: 1200, height: 630, channels: 3, background: "#f97316" } })
          .png()
          .toBuffer(),
        { headers: { "content-type": "image/png" } },
      );
    const rows = Array.from(
      { length: 40 },
      (_, i) => `<p style="font:20px sans-serif;padding:12px;background:${i % 2 ? "#eef" : "#fff"}">Feature ${i + 1}</p>`,
    ).join("");
    return new Response(
      `<!doctype html><title>MealPlan</title><body style="margin:0"><h1 style="background:#16a34a;color:#fff;padding:40px">MealPlan</h1>${rows}</body>`,
      { headers: { "content-type": "text/html" } },
    );
  },
});
const ctx = makeTestContext();
afterAll(() => (site.stop(true), ctx.cleanup()));
const base = `http://127.0.0.1:${site.port}`;

test("an image item gets its platform's size and a square, composed with passing contrast", async () => {
  const user = insertMediaUser(ctx);
  const app = insertMediaWebapp(ctx, user, { url: base, ogImageUrl: `${base}/og.png` });
  const id = insertMediaItem(ctx, user, app, {
    platform: "linkedin",
    format: "image",
    script: null,
    title: "Plan a week of dinners in two minutes",
    caption: "No more 6 pm panic.\nMore text.",
  });
  await renderItemMedia(ctx, id);
  const row = ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!;
  expect(row.mediaError).toBeNull();
  const media = row.media as {
    images: { path: string; width: number; height: number; target: string; contrast: number }[];
    notes: string[];
  };
  expect(media.images.map((i) => [i.target, i.width, i.height])).toEqual([
    ["linkedin", 1200, 627],
    ["square", 1080, 1080],
  ]);
  for (const img of media.images) {
    const meta = await sharp(join(ctx.config.storage.media_dir, img.path)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", img.width, img.height]);
    expect(img.contrast).toBeGreaterThanOrEqual(4.5);
  }
  expect(filesUnder(ctx.config.storage.media_dir).sort()).toEqual(media.images.map((i) => i.path).sort());
  // Each rendered file is in the media ledger with its size, so the storage quota never walks the folder.
  const ledger = ctx.db.select().from(mediaFiles).all();
  expect(ledger.map((f) => f.path).sort()).toEqual(media.images.map((i) => i.path).sort());
  for (const f of ledger) expect(f.bytes).toBe(statSync(join(ctx.config.storage.media_dir, f.path)).size);
  // One post, one template, drawn at each size.
  const templates = (media.images as { template?: string }[]).map((i) => i.template);
  expect(templates[0]).toBeDefined();
  expect(new Set(templates).size).toBe(1);
}, 60_000);

testWithTool(
  "Chromium",
  hasChromium(),
  "screenshots: desktop viewport and a tall mobile page",
  async () => {
    const shots = await screenshotSite(ctx.config, base);
    expect(shots.note).toBeUndefined();
    const d = await sharp(shots.desktop!).metadata();
    const m = await sharp(shots.mobile!).metadata();
    expect([d.width, d.height]).toEqual([1440, 900]);
    expect(m.width).toBe(860); // 430 CSS px at device scale 2
    expect(m.height!).toBeGreaterThan(m.width! * 2);
  },
  60_000,
);

test("screenshots are skipped with a note when Chromium is missing", async () => {
  const config = { ...ctx.config, media: { ...ctx.config.media, chromium_path: "/nowhere/chromium" } };
  expect((await screenshotSite(config, base)).note).toBe("screenshots skipped: Chromium not found at /nowhere/chromium");
});

test("the vertical safe zone leaves the bottom 20% and right 15% clear", () => {
  const z = safeZone(1080, 1920);
  expect(z.top + z.height).toBeLessThanOrEqual(1920 * 0.8);
  expect(z.left + z.width).toBeLessThanOrEqual(1080 * 0.85);
});
