import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { eq } from "drizzle-orm";
import { openDatabase } from "../../src/db/client";
import { batches, contentItems } from "../../src/db/schema/content";
import { webapps } from "../../src/db/schema/webapps";
import type { PlatformId } from "../../src/platforms/ids";
import { probeMedia } from "../../src/media/video/probe";
import { PLATFORM_RULES } from "../../src/platforms/rules";
import { cliSandbox } from "../cli/helpers";
import { contactSheet } from "../media/helpers";
import { startTestSites, type TestSites } from "../sites/server";

const OUTPUT = join(import.meta.dir, "../../test-output");
const PLATFORMS: PlatformId[] = ["youtube", "tiktok", "instagram", "facebook", "x", "linkedin"];
let sites: TestSites;
let box: ReturnType<typeof cliSandbox>;

beforeAll(() => {
  sites = startTestSites();
  box = cliSandbox();
  mkdirSync(OUTPUT, { recursive: true });
});

afterAll(async () => {
  box?.cleanup();
  await sites?.stop();
});

// The spawned CLI fetches the local test site, which is on the loopback network.
const LOCAL = { AMARKTAI_FETCH_ALLOW_PRIVATE_NETWORKS: "true" };

test("a fresh web app gets, from `run --app ID` with no API keys, a batch pending approval with a voiced, captioned short per video item", async () => {
  expect((await cli(["user:create", "--email", "owner@example.com", "--password", "a long enough password", "--name", "Owner"])).code).toBe(
    0,
  );
  const added = await cli(["app:add", "--email", "owner@example.com", "--url", sites.url("/tasktide")]);
  expect(added.code).toBe(0);
  const appId = Number(/web app #(\d+)/.exec(added.stdout)?.[1]);
  // The web form's platform checkboxes; app:add has no flag for them.
  const db = openDatabase(join(box.dir, "data", "amarktai.db"));
  try {
    db.update(webapps).set({ platforms: PLATFORMS }).where(eq(webapps.id, appId)).run();
  } finally {
    db.$client.close();
  }

  const started = performance.now();
  const { code, stdout, stderr } = await cli(["run", "--app", String(appId)]);
  console.log(`run --app took ${((performance.now() - started) / 1000).toFixed(1)} s\n${stdout}${stderr}`);
  expect(stderr).not.toContain("run:");
  expect(code).toBe(0);
  expect(stdout).toContain("is waiting for approval");
  expect(stdout).toMatch(/item \d+ \(youtube A, video\):\s+\d+% encoding the video/);
  expect(stdout).toContain("Media ready for all");

  const check = openDatabase(join(box.dir, "data", "amarktai.db"));
  try {
    const batch = check.select().from(batches).where(eq(batches.webappId, appId)).get()!;
    const items = check.select().from(contentItems).where(eq(contentItems.batchId, batch.id)).all();
    expect(new Set(items.map((i) => i.platform))).toEqual(new Set(PLATFORMS));
    for (const item of items) {
      expect(item.status).toBe("pending_approval");
      // Text posts and threads carry no media; every other format's media is ready.
      expect(item.mediaStatus).toBe(item.format === "text" || item.format === "thread" ? "none" : "ready");
      if (item.format === "video") await checkVideo(item.id, item.platform as PlatformId, item.media);
      else if (item.format === "image") await checkImages(item.platform as PlatformId, item.media);
    }
  } finally {
    check.$client.close();
  }
}, 600_000);

// The real CLI as its own process; spawned without blocking, because the test sites answer from this process.
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const p = Bun.spawn([process.execPath, join(import.meta.dir, "../../src/cli/main.ts"), ...args], {
    cwd: box.dir,
    env: { ...box.env, ...LOCAL },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [code, stdout, stderr] = await Promise.all([p.exited, new Response(p.stdout).text(), new Response(p.stderr).text()]);
  return { code, stdout, stderr };
}

async function checkVideo(id: number, platform: PlatformId, media: Record<string, unknown>) {
  const rules = PLATFORM_RULES[platform];
  const file = join(box.dir, "media", String(media.video));
  const p = await probeMedia(file);
  expect(p.video).toMatchObject({ codec: "h264", profile: "High", width: 1080, height: 1920, pixFmt: "yuv420p", fps: 30 });
  expect(p.audio).toMatchObject({ codec: "aac", sampleRate: 48000 });
  expect(p.durationSeconds).toBeGreaterThanOrEqual(rules.videoMinSeconds);
  expect(p.durationSeconds).toBeLessThanOrEqual(rules.videoMaxSeconds);
  expect(await meanVolume(file)).toBeGreaterThan(-40); // a voice, not a silent track
  expect(String(media.voice)).not.toBe("");
  expect((media.captions as unknown[]).length).toBeGreaterThan(0);
  const cover = join(box.dir, "media", String(media.cover));
  expect(await sharp(cover).metadata()).toMatchObject({ width: 1080, height: 1920, format: "jpeg" });
  await contactSheet(file, join(OUTPUT, `pipeline-media-${platform}-item-${id}.png`), p.durationSeconds);
}

async function checkImages(platform: PlatformId, media: Record<string, unknown>) {
  const images = media.images as { path: string; width: number; height: number }[];
  const [w, h] = PLATFORM_RULES[platform].imageSize;
  expect(images.some((i) => i.width === w && i.height === h)).toBe(true);
  for (const img of images) {
    const file = join(box.dir, "media", img.path);
    expect(existsSync(file)).toBe(true);
    expect(await sharp(file).metadata()).toMatchObject({ width: img.width, height: img.height });
  }
}

// ffmpeg's volumedetect mean volume in dB over the whole file.
async function meanVolume(file: string): Promise<number> {
  const p = Bun.spawn(["ffmpeg", "-hide_banner", "-i", file, "-map", "0:a:0", "-af", "volumedetect", "-f", "null", "-"], {
    stdout: "ignore",
    stderr: "pipe",
  });
  const [err] = await Promise.all([new Response(p.stderr).text(), p.exited]);
  return Number(/mean_volume: (-?[\d.]+) dB/.exec(err)?.[1] ?? -99);
}
