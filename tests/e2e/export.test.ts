import { expect, test } from "bun:test";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportHandler, exportJob } from "../../src/exports/job";
import { handlersOf } from "../../src/jobs/declare";
import { JobWorker } from "../../src/jobs/worker";
import { makeItem, makeUser, makeWebapp, signIn } from "../support/content-factories";
import { useBrowserWorld } from "../support/browser-world";

const OUT = join(import.meta.dir, "..", "..", "test-output", "export");
const world = useBrowserWorld({ outDir: OUT });

test("Download bundle on /platforms: the export page shows its progress live, then the download, without a reload", async () => {
  const u = makeUser(world.ctx);
  const w = makeWebapp(world.ctx, u.id);
  mkdirSync(join(world.ctx.config.storage.media_dir, "e2e"), { recursive: true });
  writeFileSync(join(world.ctx.config.storage.media_dir, "e2e", "clip.mp4"), randomBytes(2_000_000));
  const item = makeItem(world.ctx, {
    userId: u.id,
    webappId: w.id,
    platform: "tiktok",
    status: "manual_ready",
    media: { video: "e2e/clip.mp4" },
  });
  const context = await world.signedIn(signIn(world.ctx, u.id).cookie, { viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${world.base}/platforms`);
  await Promise.all([page.waitForURL(/\/exports\/\d+$/), page.getByRole("button", { name: "Download bundle" }).click()]);
  await page.getByText("Waiting for a free worker to start").waitFor();
  const loaded = await page.evaluate(() => performance.timeOrigin);

  // The worker writes the first file (the video, most of the bytes) and then waits until the test lets it go on.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  const worker = new JobWorker(
    world.ctx.db,
    world.ctx.clock,
    handlersOf([exportHandler(world.ctx, { pause: (n) => (n === 1 ? held : Promise.resolve()) })]),
  );
  const running = worker.drain([exportJob.kind]);
  await page.getByText("1 of 5 files").waitFor({ timeout: 10_000 });
  expect(Number(await page.locator("#export-status progress").getAttribute("value"))).toBeGreaterThan(90);
  await page.screenshot({ path: join(OUT, "progress.png"), fullPage: true });
  release();
  await running;
  const link = page.getByRole("link", { name: "Download the zip" });
  await link.waitFor({ timeout: 10_000 });
  expect(await page.evaluate(() => performance.timeOrigin)).toBe(loaded); // the same page: no reload
  expect(await page.locator("#export-status").getAttribute("hx-trigger")).toBeNull(); // polling stopped
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe(`amarktai-tiktok-item-${item.id}.zip`);
  const saved = join(OUT, "bundle.zip");
  await download.saveAs(saved);
  const listed = Bun.spawnSync([
    "python3",
    "-c",
    "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(' '.join(sorted(z.namelist())))",
    saved,
  ]);
  expect(listed.stdout.toString().trim()).toBe("README.txt caption.txt hashtags.txt post.txt video.mp4");
  await page.screenshot({ path: join(OUT, "ready.png"), fullPage: true });
  await context.close();
}, 60_000);
