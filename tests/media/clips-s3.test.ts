import { afterAll, expect, test } from "bun:test";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import { appClipFiles } from "../../src/media/clips";
import { renderItemMedia } from "../../src/media/render";
import { mediaStoreOf } from "../../src/media/storage/open";
import { insertMediaItem, insertMediaUser, insertMediaWebapp } from "../support/media-factories";
import { s3TestContext } from "../support/s3-context";

// In S3 mode the app's own clips live in the bucket under <user>/<app>/clips/: renders fetch them from there.
const box = await s3TestContext("clips-media", { AMARKTAI_MEDIA_SCREENSHOTS: "false", AMARKTAI_TTS_OFFLINE_ENGINE: "espeak" });
const ctx = box.ctx;
afterAll(() => box.stop());

function clip(): Uint8Array {
  const path = join(ctx.dir, "demo.mp4");
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
    path,
  ]);
  expect(made.exitCode).toBe(0);
  return readFileSync(path);
}

test("the clips are the bucket's videos under the app's clips/ prefix, in name order, fetched as local files", async () => {
  const user = insertMediaUser(ctx);
  const app = insertMediaWebapp(ctx, user);
  const store = mediaStoreOf(ctx);
  for (const name of ["b.mov", "a.mp4", "notes.txt", "old/c.mp4"])
    await store.put(`${user}/${app}/clips/${name}`, { bytes: new Uint8Array([1, 2, 3]) });
  const files = await appClipFiles(ctx, user, app);
  expect(files).toEqual([`${user}/${app}/clips/a.mp4`, `${user}/${app}/clips/b.mov`].map((k) => join(ctx.config.storage.media_dir, k)));
  expect([...readFileSync(files[0]!)]).toEqual([1, 2, 3]);
  expect(await appClipFiles(ctx, user, app + 1)).toEqual([]);
});

test("a short whose scene asks for the app's clip plays the one kept in the bucket", async () => {
  const user = insertMediaUser(ctx);
  const app = insertMediaWebapp(ctx, user);
  await mediaStoreOf(ctx).put(`${user}/${app}/clips/demo.mp4`, { bytes: clip() });
  rmSync(ctx.config.storage.media_dir, { recursive: true, force: true });
  const scenes = [
    { onScreenText: "Meal plans", voiceover: "Meal plans.", visual: "title", seconds: 1 },
    { onScreenText: "See it in action", voiceover: "Here it is, working in a real kitchen today.", visual: "app clip", seconds: 1 },
  ];
  const id = insertMediaItem(ctx, user, app, { script: { hook: "h", callToAction: "Try it", url: "https://x.example", scenes } });
  await renderItemMedia(ctx, id, { size: { width: 270, height: 480 } });
  const row = ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!;
  expect(row.mediaError).toBeNull();
  const media = row.media as { video: string; pictures: { scene: number; kind: string; file?: string }[] };
  expect(media.pictures).toEqual([expect.objectContaining({ scene: 1, kind: "clip", file: "demo.mp4" })]);
  expect(await mediaStoreOf(ctx).stat(media.video)).toBeDefined();
}, 120_000);
