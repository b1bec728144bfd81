import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import { renderItemMedia } from "../../src/media/render";
import { probeMedia } from "../../src/media/video/probe";
import { hasChromium } from "../support/browser";
import { makeTestContext } from "../support/context";
import { insertMediaItem, insertMediaUser, insertMediaWebapp } from "../support/media-factories";

const site = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch: () =>
    new Response(
      `<!doctype html><body style="margin:0">${Array.from({ length: 30 }, (_, i) => `<h2 style="padding:30px;background:hsl(${i * 12},70%,50%)">Section ${i}</h2>`).join("")}</body>`,
      { headers: { "content-type": "text/html" } },
    ),
});
const musicDir = mkdtempSync(join(tmpdir(), "amarktai-music-"));
const ctx = makeTestContext({ AMARKTAI_TTS_OFFLINE_ENGINE: "espeak", AMARKTAI_MEDIA_MUSIC_DIR: musicDir });
afterAll(() => (site.stop(true), ctx.cleanup(), rmSync(musicDir, { recursive: true, force: true })));

function meanVolume(file: string, from: number, to: number): number {
  const p = Bun.spawnSync([
    "ffmpeg",
    "-hide_banner",
    "-ss",
    String(from),
    "-to",
    String(to),
    "-i",
    file,
    "-af",
    "volumedetect",
    "-f",
    "null",
    "-",
  ]);
  return Number(/mean_volume: (-?[\d.]+) dB/.exec(p.stderr.toString())?.[1] ?? -999);
}

test("scenes use a scrolled screenshot and the app's own clip; music from the folder plays under the end card", async () => {
  const user = insertMediaUser(ctx);
  const app = insertMediaWebapp(ctx, user, { url: `http://127.0.0.1:${site.port}/` });
  const clipsDir = join(ctx.config.storage.media_dir, `${user}/${app}/clips`);
  mkdirSync(clipsDir, { recursive: true });
  const make = (args: string[]) => expect(Bun.spawnSync(["ffmpeg", "-v", "error", "-y", ...args]).exitCode).toBe(0);
  make(["-f", "lavfi", "-i", "sine=f=330:d=3:r=44100", join(musicDir, "track.mp3")]);
  make(["-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=1", "-pix_fmt", "yuv420p", join(clipsDir, "demo.mp4")]);
  const script = {
    hook: "See it work",
    callToAction: "Try it",
    url: "https://example.com",
    scenes: [
      { onScreenText: "The home page", voiceover: "Here is the home page.", visual: "screenshot:home scroll", seconds: 1.5 },
      { onScreenText: "In action", voiceover: "And here it is in action.", visual: "app clip", seconds: 1.5 },
    ],
  };
  const id = insertMediaItem(ctx, user, app, { script });
  await renderItemMedia(ctx, id, { size: { width: 270, height: 480 } });
  const row = ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!;
  expect(row.mediaError).toBeNull();
  const media = row.media as { video: string; music: string; notes: string[]; durationSeconds: number };
  expect(media.music).toBe("track.mp3");
  if (hasChromium()) expect(media.notes).toEqual([]);
  const file = join(ctx.config.storage.media_dir, media.video);
  expect((await probeMedia(file)).video?.fps).toBe(30);
  // The end card has no voice, so anything heard there is the music.
  expect(meanVolume(file, media.durationSeconds - 2, media.durationSeconds - 0.2)).toBeGreaterThan(-40);
}, 60_000);
