import { afterAll, expect, test } from "bun:test";
import sharp from "sharp";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import { renderItemMedia } from "../../src/media/render";
import { safeZone } from "../../src/media/compose";
import type { RenderedSlide } from "../../src/media/slides";
import type { Slide } from "../../src/platforms/carousel";
import { makeTestContext } from "../support/context";
import { insertMediaItem, insertMediaUser, insertMediaWebapp } from "../support/media-factories";

const ctx = makeTestContext();
afterAll(() => ctx.cleanup());

const LONG =
  "Every week MealPlan reads what is already in your cupboard, matches it against four hundred family recipes, and writes one shopping list sorted by aisle.";

const SLIDES: Slide[] = [
  { kind: "cover", text: "Dinner sorted before 6 pm" },
  { kind: "fact", text: "400 family recipes, each under 30 minutes." },
  { kind: "fact", text: LONG + " " + LONG.slice(0, 60) },
  { kind: "cta", text: "Try MealPlan free" },
];

async function renderCarouselItem(platform: string, slides: Slide[], brandColors = ["#16a34a", "#0f172a"]) {
  const user = insertMediaUser(ctx);
  const app = insertMediaWebapp(ctx, user, { brandColors, themeColor: brandColors[0] });
  const id = insertMediaItem(ctx, user, app, { platform, format: "carousel", script: { slides }, caption: "Dinner sorted." });
  await renderItemMedia(ctx, id).catch(() => {});
  return ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!;
}

function inside(b: RenderedSlide["textBox"], w: number, h: number) {
  const z = safeZone(w, h);
  expect(b.left).toBeGreaterThanOrEqual(z.left);
  expect(b.top).toBeGreaterThanOrEqual(z.top);
  expect(b.left + b.width).toBeLessThanOrEqual(z.left + z.width);
  expect(b.top + b.height).toBeLessThanOrEqual(z.top + z.height);
}

test("an Instagram carousel renders one 1080x1350 JPEG per slide, in order, text inside the safe zone, contrast >= 4.5", async () => {
  const row = await renderCarouselItem("instagram", SLIDES);
  expect(row.mediaError).toBeNull();
  expect(row.mediaStatus).toBe("ready");
  const images = (row.media as { images: RenderedSlide[] }).images;
  expect(images.map((i) => i.target)).toEqual(["slide-1", "slide-2", "slide-3", "slide-4"]);
  for (const img of images) {
    const meta = await sharp(join(ctx.config.storage.media_dir, img.path)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 1080, 1350]);
    expect(img.contrast).toBeGreaterThanOrEqual(4.5);
    inside(img.textBox, 1080, 1350);
  }
  // Each slide takes the template its words call for: the number's slide is a stat card.
  expect(images.map((i) => i.template)).toEqual(["headline", "stat", "feature", "cta"]);
  // The long slide was shrunk to fit: smaller type than the cover's hook, and still inside its box.
  expect(images[2]!.fontSize).toBeLessThan(images[0]!.fontSize);
});

test("LinkedIn slides are square; a pale brand colour still gets readable text (a plate or dark text)", async () => {
  const row = await renderCarouselItem("linkedin", SLIDES.slice(0, 3), ["#fde68a", "#fef3c7"]);
  const images = (row.media as { images: RenderedSlide[] }).images;
  expect(images.map((i) => [i.width, i.height])).toEqual([
    [1080, 1080],
    [1080, 1080],
    [1080, 1080],
  ]);
  for (const img of images) {
    expect(img.contrast).toBeGreaterThanOrEqual(4.5);
    inside(img.textBox, 1080, 1080);
  }
});

test("a carousel with one slide fails its render with what to change", async () => {
  const row = await renderCarouselItem("instagram", [{ kind: "cover", text: "Only a cover" }]);
  expect(row.mediaStatus).toBe("failed");
  expect(row.mediaError).toContain("2 to 10 slides");
  expect(row.mediaError).toContain("Edit the slides");
  expect((row.media as { images?: unknown[] }).images ?? []).toHaveLength(0);
});
