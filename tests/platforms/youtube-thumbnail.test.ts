import { afterEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { contentEvents, contentItems } from "../../src/db/schema/content";
import { claimNextJob } from "../../src/jobs/store";
import { publishHandlers } from "../../src/publishing/handlers";
import { schedulePublishing } from "../../src/publishing/schedule";
import { dyingAt, jobContext, makeImageFile } from "../support/publishing-factories";
import { youtubeWorld } from "./youtube-helpers";

let w: ReturnType<typeof youtubeWorld>;
afterEach(() => w?.close());

/** An approved YouTube item whose media carries a cover (a real 1080x1920 JPEG unless `cover` says otherwise). */
async function itemWithCover(cover?: { path: string }) {
  const item = w.item();
  const c = cover ?? (await makeImageFile(w.ctx, `cover-${item.id}.jpg`, 1080, 1920));
  const media = { ...(item.media as Record<string, unknown>), cover: c.path };
  w.ctx.db.update(contentItems).set({ media }).where(eq(contentItems.id, item.id)).run();
  return { item, coverFile: join(w.ctx.config.storage.media_dir, c.path) };
}

/** The item's publish notes (history lines "publish.note"). */
function notes(itemId: number): string[] {
  return w.ctx.db
    .select()
    .from(contentEvents)
    .where(eq(contentEvents.itemId, itemId))
    .all()
    .filter((e) => e.action === "publish.note")
    .map((e) => e.detail);
}

const thumbCalls = () => w.fake.calls.filter((c) => c.path === "/upload/youtube/v3/thumbnails/set");

describe("YouTube: the cover becomes the Short's thumbnail (thumbnails.set through googleapis)", () => {
  test("the cover's bytes reach thumbnails.set for the published video as image/jpeg (uploadType=media)", async () => {
    w = youtubeWorld();
    const { item, coverFile } = await itemWithCover();
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("published");
    const thumb = w.fake.thumbnails.get(got.remoteId!);
    expect(thumb).toBeDefined();
    expect(thumb!.contentType).toBe("image/jpeg");
    expect(thumb!.uploadType).toBe("media");
    expect(Buffer.from(thumb!.bytes).equals(readFileSync(coverFile))).toBe(true);
    expect(notes(item.id)).toEqual(["The cover is set as the Short's thumbnail on YouTube."]);
  });

  test("a PNG cover goes as image/png; a cover over 2 MB is re-encoded as a JPEG under the limit, still vertical", async () => {
    w = youtubeWorld();
    const png = await itemWithCover({ path: "test/cover.png" });
    await Bun.write(
      png.coverFile,
      await sharp({ create: { width: 1080, height: 1920, channels: 3, background: "#204080" } })
        .png()
        .toBuffer(),
    );
    const big = await itemWithCover(await makeImageFile(w.ctx, "big-cover.jpg", 1080, 1920, 3 * 1024 * 1024));
    await w.run();
    expect(w.fake.thumbnails.get(w.get(png.item.id).remoteId!)!.contentType).toBe("image/png");
    const sent = w.fake.thumbnails.get(w.get(big.item.id).remoteId!)!;
    expect(readFileSync(big.coverFile).length).toBeGreaterThan(2 * 1024 * 1024);
    expect(sent.bytes.length).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(await sharp(Buffer.from(sent.bytes)).metadata()).toMatchObject({ format: "jpeg", width: 1080, height: 1920 });
  });

  test("an unverified channel (403 forbidden): the item is published once, and its history says why there is no custom thumbnail", async () => {
    w = youtubeWorld();
    w.fake.verified = false;
    const { item } = await itemWithCover();
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("published");
    expect(got.failure).toBeNull();
    expect(w.fake.videos).toHaveLength(1);
    expect(w.fake.createCount).toBe(1);
    expect(w.fake.thumbnails.size).toBe(0);
    expect(thumbCalls()).toHaveLength(1); // a refusal is not retried
    expect(w.events).toEqual([]);
    const [note] = notes(item.id);
    expect(note).toContain("YouTube did not take the cover as the thumbnail");
    expect(note).toContain("verified channels (verify yours at https://www.youtube.com/verify)");
    expect(note).toContain("The Short is published");
  });

  test("400 invalidImage is not retried and is told in plain words", async () => {
    w = youtubeWorld();
    w.fake.fail("thumbnail", "invalid_image");
    const { item } = await itemWithCover();
    await w.run();
    expect(w.get(item.id).status).toBe("published");
    expect(thumbCalls()).toHaveLength(1);
    expect(notes(item.id)[0]).toContain("YouTube found the cover image invalid");
  });

  test("429 uploadRateLimitExceeded and 503 are tried again within the step; after three failures the post stands with a note", async () => {
    w = youtubeWorld();
    w.fake.fail("thumbnail", "thumb_rate_limit");
    w.fake.fail("thumbnail", "server_error");
    const a = await itemWithCover();
    await w.run();
    expect(thumbCalls()).toHaveLength(3);
    expect(w.fake.thumbnails.has(w.get(a.item.id).remoteId!)).toBe(true);
    expect(notes(a.item.id)).toEqual(["The cover is set as the Short's thumbnail on YouTube."]);

    for (let i = 0; i < 3; i++) w.fake.fail("thumbnail", "server_error");
    const b = await itemWithCover();
    await w.run();
    expect(w.get(b.item.id).status).toBe("published");
    expect(thumbCalls()).toHaveLength(6);
    expect(w.fake.thumbnails.has(w.get(b.item.id).remoteId!)).toBe(false);
    expect(notes(b.item.id)[0]).toContain("YouTube kept answering 503");
    expect(w.fake.createCount).toBe(2);
  });

  test("no cover: no thumbnails.set call and no note", async () => {
    w = youtubeWorld();
    const item = w.item();
    await w.run();
    expect(w.get(item.id).status).toBe("published");
    expect(thumbCalls()).toHaveLength(0);
    expect(notes(item.id)).toEqual([]);
  });

  test("the answer to the last chunk is lost: reconciliation records the one video and says the thumbnail was not set", async () => {
    w = youtubeWorld();
    w.fake.fail("final", "accept_then_503");
    const { item } = await itemWithCover();
    await w.run();
    expect(w.get(item.id).status).toBe("publishing");
    w.ctx.clock.advance(61_000);
    await w.run();
    expect(w.get(item.id).status).toBe("published");
    expect(w.fake.createCount).toBe(1);
    expect(thumbCalls()).toHaveLength(0);
    expect(notes(item.id)).toHaveLength(1);
    expect(notes(item.id)[0]).toContain("one step was not done: set the cover as the YouTube thumbnail");
  });

  test("the process dies after the upload, before the thumbnail: the restart records the one video and says the thumbnail was not set", async () => {
    w = youtubeWorld();
    const { item } = await itemWithCover();
    schedulePublishing(w.ctx, w.ctx.clock.now());
    let dead!: () => void;
    const died = new Promise<void>((r) => (dead = r));
    const handlers = publishHandlers(w.ctx, {
      ...w.deps,
      adapters: { youtube: dyingAt(w.deps.adapters.youtube!, { phase: "remote_id_known" }, dead) },
    });
    void handlers["publish.item"]!(claimNextJob(w.ctx.db, w.ctx.clock.now(), 5 * 60_000)!, jobContext());
    await died;
    expect(w.fake.createCount).toBe(1);
    w.ctx.clock.advance(6 * 60_000); // the dead worker's lease lapses
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("published");
    expect(got.remoteId).toBe(w.fake.videos[0]!.id);
    expect(w.fake.videos).toHaveLength(1);
    expect(w.fake.calls.filter((c) => c.method === "POST" && c.path === "/upload/youtube/v3/videos")).toHaveLength(1);
    expect(thumbCalls()).toHaveLength(0);
    expect(notes(item.id)).toEqual([
      "Publishing was interrupted after the post was created, so one step was not done: set the cover as the YouTube thumbnail (you can do it by hand in YouTube Studio). The post itself is published.",
    ]);
  });
});
