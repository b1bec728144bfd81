import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { contentItems } from "../../src/db/schema/content";
import { eq } from "drizzle-orm";
import { enqueueJob } from "../../src/jobs/store";
import { mediaRenderHandler, mediaRenderJob } from "../../src/media/job";
import { probeMedia } from "../../src/media/video/probe";
import { makeTestContext } from "../support/context";
import { insertMediaItem, insertMediaUser, insertMediaWebapp, testScript } from "../support/media-factories";
import { contactSheet, filesUnder, frameAt, regionDiff } from "./helpers";

const ctx = makeTestContext({ AMARKTAI_MEDIA_SCREENSHOTS: "false" });
afterAll(() => ctx.cleanup());

describe("a full-spec short rendered through the media.render job", () => {
  let media: Record<string, any>;
  let video: string;
  const progress: string[] = [];

  beforeAll(async () => {
    const user = insertMediaUser(ctx);
    const app = insertMediaWebapp(ctx, user);
    const id = insertMediaItem(ctx, user, app, { platform: "youtube", script: testScript(3, 1.5) as any });
    const job = enqueueJob(
      ctx.db,
      { kind: mediaRenderJob.kind, key: `media:${id}`, payload: { itemId: id }, runAt: ctx.clock.now() },
      ctx.clock.now(),
    );
    // The handler is called as JobWorker calls it (claimNextJob on this branch's skeleton reads db.get rows as objects; reported).
    await mediaRenderHandler(ctx).run(job, { heartbeat: (p) => progress.push(p ?? ""), signal: new AbortController().signal });
    const row = ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!;
    expect(row.mediaError).toBeNull();
    expect(row.mediaStatus).toBe("ready");
    media = row.media as Record<string, any>;
    video = join(ctx.config.storage.media_dir, media.video);
  }, 90_000);

  test("is H.264 High yuv420p 30 fps 1080x1920 with AAC 48 kHz and the timeline's length", async () => {
    const p = await probeMedia(video);
    expect(p.video).toEqual({ codec: "h264", profile: "High", width: 1080, height: 1920, pixFmt: "yuv420p", fps: 30 });
    expect(p.audio?.codec).toBe("aac");
    expect(p.audio?.sampleRate).toBe(48000);
    expect(Math.abs(p.durationSeconds - media.durationSeconds)).toBeLessThan(0.01);
    // Three voiced scenes of at least 1.5 s plus a 3 s end card.
    expect(p.durationSeconds).toBeGreaterThan(3 * 1.5 + 3 - 0.1);
    expect(p.durationSeconds).toBeLessThan(60);
    const head = Buffer.from(await Bun.file(video).slice(0, 64).arrayBuffer()).toString("latin1");
    // +faststart: the moov atom comes before mdat, right after ftyp.
    expect(head.indexOf("moov")).toBeGreaterThan(0);
  });

  test("reports progress through job heartbeats, ending at 100%", () => {
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.some((p) => p.includes("encoding the video"))).toBe(true);
    expect(progress.at(-1)).toBe("100% media ready");
  });

  test("lives under <media>/<user>/<app>/<date>/ with its cover, and leaves no temp files", async () => {
    expect(media.video).toMatch(/^\d+\/\d+\/2026-03-02\/item-\d+\.mp4$/);
    expect(media.cover).toMatch(/-cover\.jpg$/);
    const files = filesUnder(ctx.config.storage.media_dir);
    expect(files.sort()).toEqual([media.cover, media.video].sort());
    const meta = await (await import("sharp")).default(join(ctx.config.storage.media_dir, media.cover)).metadata();
    expect([meta.width, meta.height]).toEqual([1080, 1920]);
  });

  test("is voiced: the audio is loud enough to be speech, normalised near -14 LUFS", async () => {
    const p = Bun.spawnSync(["ffmpeg", "-hide_banner", "-nostats", "-i", video, "-af", "ebur128", "-f", "null", "-"]);
    const m = /I:\s+(-?[\d.]+) LUFS\s+Threshold/.exec(p.stderr.toString().split("Summary:").pop()!);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(-18);
    expect(Number(m![1])).toBeLessThan(-10);
  }, 30_000);

  test("burns in captions: the caption region changes while a caption shows", async () => {
    // The first caption with none just before it (the short opens on its hook's captions at 0 s).
    const cue = media.captions.find(
      (c: any) => c.start > 0.3 && !media.captions.some((o: any) => o !== c && o.end > c.start - 0.2 && o.start < c.start),
    );
    const mid = (cue.start + cue.end) / 2;
    const withCaption = await frameAt(video, mid);
    const before = await frameAt(video, cue.start - 0.15);
    const later = await frameAt(video, mid + 0.05);
    // The caption band of the scene's plan, as recorded with the media.
    const band = media.textLayers.find((w: any) => w.layer === "caption" && w.text === cue.text).box;
    const region = { x0: band.x / 1080, y0: band.y / 1920, x1: (band.x + band.w) / 1080, y1: (band.y + band.h) / 1920 };
    // A still background barely changes; a caption plate with text changes the region a lot.
    expect(regionDiff(withCaption, before, region)).toBeGreaterThan(4 * Math.max(1, regionDiff(withCaption, later, region)));
  }, 30_000);

  test("saves a contact sheet under test-output/", async () => {
    mkdirSync("test-output", { recursive: true });
    await contactSheet(video, "test-output/media-short-contact-sheet.png", media.durationSeconds);
    expect((await Bun.file("test-output/media-short-contact-sheet.png").stat()).size).toBeGreaterThan(10_000);
  }, 60_000);
});
