import { afterEach, describe, expect, test } from "bun:test";
import { publishInputFor } from "../../src/publishing/input";
import { makeImageFile, makeItem } from "../support/publishing-factories";
import { xWorld } from "./x-helpers";

let w: ReturnType<typeof xWorld>;
afterEach(() => w?.close());

describe("X image posts: media upload v2 with tweet_image, then the post", () => {
  test("an image item uploads its first rendition as tweet_image and posts it", async () => {
    w = xWorld();
    const x = await makeImageFile(w.ctx, "x.jpg", 1600, 900);
    const square = await makeImageFile(w.ctx, "sq.jpg", 1080, 1080);
    const item = makeItem(w.ctx, w.owner, { platform: "x", format: "image", images: [x, square] });
    await w.run();
    expect(w.get(item.id).status).toBe("published");
    expect(w.fake.tweets).toHaveLength(1);
    const media = w.fake.mediaOf(w.fake.tweets[0]!);
    expect(media).toEqual([
      { category: "tweet_image", type: "image/jpeg", totalBytes: Bun.file(`${w.ctx.config.storage.media_dir}/${x.path}`).size },
    ]);
    // Images are not processed: no STATUS polling.
    expect(w.fake.calls.some((c) => c.path === "/2/media/upload" && c.method === "GET")).toBe(false);
  });

  test("an image over X's 5 MB fails validation with the reason, and nothing is posted", async () => {
    w = xWorld();
    const big = await makeImageFile(w.ctx, "big.jpg", 1600, 900, 6 * 1024 * 1024);
    const item = makeItem(w.ctx, w.owner, { platform: "x", format: "image", images: [big] });
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("failed");
    expect(got.failure).toContain("up to 5 MB");
    expect(w.fake.tweets).toHaveLength(0);
  });

  test("an image item without an image file fails with 'render the media again'", async () => {
    w = xWorld();
    const item = makeItem(w.ctx, w.owner, { platform: "x", format: "image", images: [] });
    await w.run();
    expect(w.get(item.id).failure).toContain("image file is missing");
    expect(w.fake.tweets).toHaveLength(0);
  });
});

test("publishInputFor reads the media studio's {path, width, height, target} images (and plain paths)", () => {
  const base = { id: 7, format: "video", title: "t", caption: "c", hashtags: [], linkUrl: "", firstComment: "", threadPosts: [] };
  const studio = publishInputFor(
    { ...base, media: { video: "r/v.mp4", images: [{ path: "r/cover.jpg", width: 1080, height: 1920, target: "cover" }] } } as never,
    "/media",
  );
  expect(studio.imagePaths).toEqual(["/media/r/cover.jpg"]);
  expect(studio.videoPath).toBe("/media/r/v.mp4");
  const plain = publishInputFor({ ...base, media: { images: ["/abs/a.jpg", "rel/b.jpg"] } } as never, "/media");
  expect(plain.imagePaths).toEqual(["/abs/a.jpg", "/media/rel/b.jpg"]);
});

test("every adapter gives a clear reason for an image item it cannot post", async () => {
  w = xWorld();
  const img = await makeImageFile(w.ctx, "any.jpg");
  const input = publishInputFor(
    makeItem(w.ctx, w.owner, { platform: "youtube", format: "image", images: [img] }) as never,
    w.ctx.config.storage.media_dir,
  );
  expect(w.deps.adapters.youtube!.validate(input)).toContain("YouTube Shorts needs a video.");
  expect(w.deps.adapters.tiktok!.validate(input).join(" ")).toContain("export the item and post it by hand");
  for (const p of ["x", "facebook", "linkedin"] as const) expect(w.deps.adapters[p]!.validate(input)).toEqual([]);
  // The test context's public base URL is plain HTTP: Instagram says what it needs.
  expect(w.deps.adapters.instagram!.validate(input).join(" ")).toContain("server.public_base_url");
});
