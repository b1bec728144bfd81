import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { handlersOf } from "../../../src/jobs/declare";
import { JobWorker } from "../../../src/jobs/worker";
import { readVideoScript } from "../../../src/media/script-check";
import { brandOf } from "../../../src/media/brand";
import { resolveFonts } from "../../../src/media/fonts";
import { latestCardFacts } from "../../../src/media/facts-store";
import { cardSeed, renderCover, type RenderedImage } from "../../../src/media/images";
import { renderItemMedia } from "../../../src/media/render";
import { findItemWithApp } from "../../../src/media/store";
import { pipelineJobHandler } from "../../../src/pipeline/handler";
import { requestRun } from "../../../src/pipeline/start";
import { batchItems } from "../../../src/pipeline/store";
import { NoProviderGateway } from "../../agents/fixtures";
import { seedApp } from "../../pipeline/support";
import { startResearchSites, type ResearchSites } from "../../sites/research-sites";
import { makeTestContext } from "../../support/context";

const OUTPUT = join(import.meta.dir, "../../../test-output");
let sites: ResearchSites;
beforeAll(() => {
  sites = startResearchSites();
  mkdirSync(OUTPUT, { recursive: true });
});
afterAll(() => sites.stop());

/** Runs a day's batch for a site and renders every image of it (image posts, carousel slides, the shorts' covers). */
async function batchImages(path: string): Promise<(RenderedImage & { file: string; decoded: number[] })[]> {
  const ctx = makeTestContext();
  try {
    const { webappId } = seedApp(ctx, { url: sites.url(path), name: path === "/" ? "Pantry Pal" : "HITOP" });
    const { run } = requestRun(ctx, { webappId, trigger: "cli" })!;
    await new JobWorker(ctx.db, ctx.clock, handlersOf([pipelineJobHandler(ctx, new NoProviderGateway())])).drain();
    const items = batchItems(ctx.db, run.batchId);
    const media = ctx.config.storage.media_dir;
    const images: (RenderedImage & { file: string })[] = [];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      if (item.format === "image" || item.format === "carousel") {
        await renderItemMedia(ctx, item.id);
        const row = findItemWithApp(ctx.db, item.id)!.item;
        expect(row.mediaError).toBeNull();
        for (const img of (row.media as { images: RenderedImage[] }).images) images.push({ ...img, file: join(media, img.path) });
      } else if (item.format === "video") {
        // The short's cover alone: the video encode is not what this test looks at.
        const found = findItemWithApp(ctx.db, item.id)!;
        const script = readVideoScript(item.script);
        if (typeof script === "string") throw new Error(script);
        const cover = await renderCover({
          brand: brandOf(found.app, media),
          fonts: resolveFonts(ctx),
          size: [1080, 1920],
          hook: script.hook,
          keyLine: script.scenes[0]?.onScreenText,
          caption: item.caption,
          facts: latestCardFacts(ctx.db, item.webappId),
          seed: cardSeed(item.id, ctx.clock.now()),
          outDir: media,
          relDir: ".",
          name: `item-${item.id}-cover.jpg`,
        });
        images.push({ ...cover, file: join(media, cover.path) });
      }
    }
    await contactSheet(images, join(OUTPUT, `image-batch-${path === "/" ? "pantry" : "hitop"}.png`));
    // Decoded before the test's folder goes.
    return await Promise.all(
      images.map(async (i) => ({
        ...i,
        decoded: await sharp(i.file)
          .metadata()
          .then((m) => [m.width, m.height]),
      })),
    );
  } finally {
    ctx.cleanup();
  }
}

/** Tiles a batch's images, each scaled to 320 px high, in rows of six, on one PNG. */
async function contactSheet(images: { file: string; width: number; height: number }[], out: string): Promise<void> {
  const H = 320;
  const tiles = await Promise.all(
    images.map(async (i) => ({ buf: await sharp(i.file).resize({ height: H }).png().toBuffer(), w: Math.round((i.width * H) / i.height) })),
  );
  const rows: (typeof tiles)[] = [];
  for (let i = 0; i < tiles.length; i += 6) rows.push(tiles.slice(i, i + 6));
  const width = Math.max(...rows.map((r) => r.reduce((s, t) => s + t.w + 8, 8)));
  const layers = rows.flatMap((r, y) => {
    let x = 8;
    return r.map((t) => {
      const l = { input: t.buf, left: x, top: 8 + y * (H + 8) };
      x += t.w + 8;
      return l;
    });
  });
  await sharp({ create: { width, height: 8 + rows.length * (H + 8), channels: 3, background: "#1f2937" } })
    .composite(layers)
    .png()
    .toFile(out);
}

for (const path of ["/", "/hitop/"])
  test(`a day's batch for the site at ${path}: every image from a template, at least four templates, readable, on a contact sheet`, async () => {
    const images = await batchImages(path);
    expect(images.length).toBeGreaterThanOrEqual(6);
    for (const img of images) {
      expect(img.template).toBeDefined();
      expect(img.contrast).toBeGreaterThanOrEqual(4.5);
      expect(img.decoded).toEqual([img.width, img.height]);
    }
    const used = new Set(images.map((i) => i.template));
    console.log(`${path}: ${images.length} images, templates ${[...used].join(", ")}`);
    expect(used.size).toBeGreaterThanOrEqual(4);
  }, 120_000);
