import { afterEach, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import { MediaRenderError, renderItemMedia } from "../../src/media/render";
import { makeTestContext } from "../support/context";
import { insertMediaItem, insertMediaUser, insertMediaWebapp } from "../support/media-factories";
import { filesUnder } from "./helpers";

const SMALL = { width: 270, height: 480 };
let ctx: ReturnType<typeof makeTestContext>;
afterEach(() => ctx?.cleanup());

function setup(env: Record<string, string> = {}, app: Parameters<typeof insertMediaWebapp>[2] = {}) {
  ctx = makeTestContext({ AMARKTAI_MEDIA_SCREENSHOTS: "false", AMARKTAI_TTS_OFFLINE_ENGINE: "espeak", ...env });
  const user = insertMediaUser(ctx);
  const appId = insertMediaWebapp(ctx, user, app);
  return insertMediaItem(ctx, user, appId);
}

async function failure(id: number, opts: Parameters<typeof renderItemMedia>[2] = {}) {
  const err = await renderItemMedia(ctx, id, { size: SMALL, ...opts }).then(
    () => undefined,
    (e) => e,
  );
  expect(err).toBeInstanceOf(MediaRenderError);
  const row = ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!;
  expect(row.mediaStatus).toBe("failed");
  expect(row.mediaError).toBe(err.message);
  // No half-written media and no temp folders are left behind.
  expect(filesUnder(ctx.config.storage.media_dir).filter((f) => !f.startsWith("logo"))).toEqual([]);
  return err as MediaRenderError;
}

test("a missing font fails with the file and the config key to fix", async () => {
  const id = setup({ AMARKTAI_MEDIA_FONT_BOLD: "/nowhere/NoSuchFont-Bold.ttf" });
  const err = await failure(id);
  expect(err.message).toContain(`media for item ${id}`);
  expect(err.message).toContain("/nowhere/NoSuchFont-Bold.ttf");
  expect(err.message).toContain("media.font_bold");
});

test("a corrupt logo fails naming the image and what to do", async () => {
  const id = setup({}, { logoPath: "logo/broken.png" });
  mkdirSync(join(ctx.config.storage.media_dir, "logo"), { recursive: true });
  writeFileSync(
    join(ctx.config.storage.media_dir, "logo/broken.png"),
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("not really a png")]),
  );
  const err = await failure(id);
  expect(err.message).toContain("cannot read the logo broken.png");
  expect(err.message).toContain("upload the logo again");
});

test("an ffmpeg crash fails with ffmpeg's own last words", async () => {
  const id = setup();
  const fake = join(ctx.dir, "ffmpeg-crash");
  writeFileSync(fake, "#!/bin/sh\necho 'Segmentation fault in the encoder' >&2\nkill -SEGV $$\n");
  chmodSync(fake, 0o755);
  const err = await failure(id, { ffmpegBin: fake });
  expect(err.message).toContain("ffmpeg failed");
  expect(err.message).toContain("Segmentation fault in the encoder");
  expect(err.cancelled).toBe(false);
});

test("a cancelled render kills ffmpeg, says so and cleans up", async () => {
  const id = setup();
  const ac = new AbortController();
  const err = await failure(id, { signal: ac.signal, onProgress: (pct) => pct >= 20 && ac.abort() });
  expect(err.cancelled).toBe(true);
  expect(err.message).toContain("render cancelled");
  expect(err.message).toContain("regenerate media");
}, 30_000);

test("a script too long for the platform fails before encoding, in plain words", async () => {
  const id = setup();
  const long = {
    hook: "h",
    callToAction: "c",
    url: "https://x.example",
    // A scene with nothing to say lasts its planned seconds (a spoken one lasts what its voice needs).
    scenes: [{ onScreenText: "t", voiceover: "", visual: "", seconds: 100 }],
  };
  ctx.db.update(contentItems).set({ platform: "facebook", script: long }).where(eq(contentItems.id, id)).run();
  const err = await failure(id);
  expect(err.message).toContain("Facebook Page takes at most 90 s; shorten the script");
});

test("render folders left by a crashed process are removed on the next render", async () => {
  const id = setup();
  const stale = join(ctx.config.storage.media_dir, ".tmp/item-7-old");
  mkdirSync(stale, { recursive: true });
  writeFileSync(join(stale, "bg-0.png"), "x");
  const old = new Date(ctx.clock.now().getTime() - 7 * 3600_000);
  utimesSync(stale, old, old);
  await renderItemMedia(ctx, id, { size: SMALL });
  expect(existsSync(stale)).toBe(false);
}, 30_000);
