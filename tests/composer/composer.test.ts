import { afterEach, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { eq } from "drizzle-orm";
import { createApiToken } from "../../src/api/tokens";
import { batches, contentItems } from "../../src/db/schema/content";
import { makeUser, makeWebapp, authedGet } from "../support/content-factories";
import { composerWorld } from "./world";

let w: ReturnType<typeof composerWorld>;
afterEach(() => w?.close());

function multipart(s: { cookie: string; csrf: string }, fields: Record<string, string | string[] | File>): Request {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return new Request("http://localhost:3000/compose", {
    method: "POST",
    headers: { cookie: s.cookie, origin: "http://localhost:3000", "x-csrf-token": s.csrf },
    body,
  });
}

function api(token: string, body: unknown): Promise<Response> {
  return w.app.handle(
    new Request("http://localhost:3000/api/v1/content", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

const itemsOf = () => w.ctx.db.select().from(contentItems).where(eq(contentItems.userId, w.user.id)).all();

test("the form writes one pending item per platform that the approval page shows; the page counts each platform's limit", async () => {
  w = composerWorld();
  const page = await w.app.handle(authedGet("/compose", w.session));
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('data-max="280"');
  expect(html).toContain('src="/public/composer.js"');
  const res = await w.app.handle(
    multipart(w.session, {
      webappId: String(w.webapp.id),
      platforms: ["x", "linkedin"],
      caption: "We shipped offline mode for Acme Notes today.",
      hashtags: "#offline notes",
      linkUrl: "https://acme.test/offline",
      plannedAt: "2030-05-04T09:30",
    }),
  );
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toBe("/approval?written=2");
  const items = itemsOf();
  expect(items.map((i) => [i.platform, i.status, i.format, i.writer]).sort()).toEqual([
    ["linkedin", "pending_approval", "text", "hand"],
    ["x", "pending_approval", "text", "hand"],
  ]);
  // 09:30 in Berlin (summer time) is 07:30 UTC.
  expect(items[0]!.plannedAt!.toISOString()).toBe("2030-05-04T07:30:00.000Z");
  expect(items[0]!.hashtags).toEqual(["offline", "notes"]);
  // The batch is the planned day's (so expiry waits for that day), apart from the nightly run's attempts.
  const batch = w.ctx.db.select().from(batches).where(eq(batches.id, items[0]!.batchId!)).get()!;
  expect(batch).toMatchObject({ localDate: "2030-05-04", attempt: 0, status: "ready", webappId: w.webapp.id });
  const approval = await (await w.app.handle(authedGet("/approval", w.session))).text();
  expect(approval).toContain("We shipped offline mode for Acme Notes today.");
  for (const i of items) expect(approval).toContain(`id="item-${i.id}"`);
});

test("API: 201 with the items; approved, the publish job posts each once to the fakes, a second run posts nothing more", async () => {
  w = composerWorld();
  const token = createApiToken(w.ctx.db, w.user.id, "ci", w.ctx.clock.now()).token;
  const res = await api(token, {
    webappId: w.webapp.id,
    platforms: ["x", "linkedin"],
    caption: "Acme Notes now syncs in the background.",
    hashtags: ["sync"],
    plannedAt: w.ctx.clock.now().toISOString(),
  });
  expect(res.status).toBe(201);
  const created = (await res.json()) as { batchId: number; items: { id: number; platform: string; status: string }[] };
  expect(created.items.map((i) => i.status)).toEqual(["pending_approval", "pending_approval"]);
  const approval = await (await w.app.handle(authedGet("/approval", w.session))).text();
  for (const i of created.items) expect(approval).toContain(`id="item-${i.id}"`);

  // Nothing is published before approval.
  await w.run();
  expect(w.x.tweets).toHaveLength(0);
  for (const i of created.items) {
    const ap = await w.app.handle(
      new Request(`http://localhost:3000/api/v1/content/${i.id}/approve`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    expect(ap.status).toBe(200);
  }
  await w.run();
  await w.run();
  expect(w.x.tweets).toHaveLength(1);
  expect(w.x.tweets[0]!.text).toContain("Acme Notes now syncs in the background.");
  expect(w.linkedin.posts).toHaveLength(1);
  for (const i of created.items) expect(w.get(i.id).status).toBe("published");
});

test("over-limit posts are refused per platform with the count, by the API (422 per field) and the form", async () => {
  w = composerWorld();
  const token = createApiToken(w.ctx.db, w.user.id, "ci", w.ctx.clock.now()).token;
  const caption = "a".repeat(270);
  const res = await api(token, { webappId: w.webapp.id, platforms: ["x", "linkedin"], caption, linkUrl: "https://acme.test/a" });
  expect(res.status).toBe(422);
  const body = (await res.json()) as { error: { code: string; field: string; fields: Record<string, string[]> } };
  // 270 letters, a newline and a link that X counts as 23.
  expect(body.error).toMatchObject({ code: "invalid_field", field: "caption" });
  expect(body.error.fields).toEqual({ caption: ["X allows 280 characters (weighted); this post has 294."] });
  const tags = await api(token, { webappId: w.webapp.id, platforms: ["linkedin"], caption: "Hi", hashtags: "a b c d e f" });
  expect(((await tags.json()) as typeof body).error.fields).toEqual({ hashtags: ["LinkedIn allows at most 5 hashtags; this post has 6."] });
  const yt = await api(token, { webappId: w.webapp.id, platforms: ["youtube"], caption: "Hi" });
  expect(((await yt.json()) as typeof body).error.fields).toMatchObject({
    title: [expect.stringContaining("YouTube Shorts titles must be 2-100 characters")],
    media: ["YouTube Shorts posts need a video: upload one or pick a generated video."],
  });

  const form = await w.app.handle(
    multipart(w.session, { webappId: String(w.webapp.id), platforms: ["x", "linkedin"], caption: "b".repeat(3001) }),
  );
  expect(form.status).toBe(422);
  const html = await form.text();
  expect(html).toContain("X allows 280 characters (weighted); this post has 3001.");
  expect(html).toContain("LinkedIn allows 3000 characters; this post has 3001.");
  expect(html).toContain("b".repeat(3001)); // the person's text comes back
  expect(itemsOf()).toHaveLength(0);
});

test("another user's web app answers 404 (API and form) and nothing is written", async () => {
  w = composerWorld();
  const stranger = makeUser(w.ctx);
  const theirs = makeWebapp(w.ctx, stranger.id, "Not yours");
  const token = createApiToken(w.ctx.db, w.user.id, "ci", w.ctx.clock.now()).token;
  const res = await api(token, { webappId: theirs.id, platforms: ["x"], caption: "hijack" });
  expect(res.status).toBe(404);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  const form = await w.app.handle(multipart(w.session, { webappId: String(theirs.id), platforms: ["x"], caption: "hijack" }));
  expect(form.status).toBe(404);
  expect(w.ctx.db.select().from(contentItems).all()).toHaveLength(0);
});

test("uploads: a real image is stored with the media and publishable; a non-image or broken image is refused and not kept", async () => {
  w = composerWorld();
  const png = await sharp({ create: { width: 1200, height: 627, channels: 3, background: { r: 20, g: 120, b: 90 } } })
    .png()
    .toBuffer();
  const ok = await w.app.handle(
    multipart(w.session, {
      webappId: String(w.webapp.id),
      platforms: ["x", "instagram"],
      caption: "A picture of the new editor.",
      media: new File([png], "editor.png", { type: "image/png" }),
    }),
  );
  expect(ok.status).toBe(303);
  const [item] = itemsOf();
  expect(item!.format).toBe("image");
  const images = (item!.media as { images: { path: string; width: number }[] }).images;
  expect(images[0]!.width).toBe(1200);
  expect(images[0]!.path).toMatch(new RegExp(`^${w.user.id}/${w.webapp.id}/\\d{4}-\\d{2}-\\d{2}/upload-[0-9a-f-]+\\.png$`));
  expect(existsSync(join(w.ctx.config.storage.media_dir, images[0]!.path))).toBe(true);
  // Instagram takes JPEG only: its item holds a JPEG copy of the PNG, the same size, kept beside it.
  const insta = itemsOf().find((i) => i.platform === "instagram")!;
  const instaImage = (insta.media as { images: { path: string; width: number }[] }).images[0]!;
  expect(instaImage.path).toBe(images[0]!.path.replace(/\.png$/, ".jpg"));
  const jpegMeta = await sharp(join(w.ctx.config.storage.media_dir, instaImage.path)).metadata();
  expect([jpegMeta.format, jpegMeta.width, instaImage.width]).toEqual(["jpeg", 1200, 1200]);

  const dir = join(w.ctx.config.storage.media_dir, images[0]!.path, "..");
  const before = readdirSync(dir).length;
  for (const [file, sentence] of [
    [new File(["not an image"], "notes.png", { type: "image/png" }), '"notes.png" is not a PNG or JPEG image or an MP4 video.'],
    [new File([png.subarray(0, 40)], "cut.png", { type: "image/png" }), '"cut.png" could not be read as an image.'],
    [new File([Buffer.from("0000ftypisom0000garbage")], "clip.mp4", { type: "video/mp4" }), '"clip.mp4" could not be read as a video.'],
  ] as const) {
    const res = await w.app.handle(multipart(w.session, { webappId: String(w.webapp.id), platforms: ["x"], caption: "Hi", media: file }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(sentence.replaceAll('"', "&quot;"));
  }
  expect(readdirSync(dir).length).toBe(before);
  expect(itemsOf()).toHaveLength(2);
});

test("a real MP4 (ffprobe) is checked against each platform's video rules; generated media of your own may be reused, not another's", async () => {
  w = composerWorld();
  const clip = join(w.ctx.dir, "clip.mp4");
  const made = Bun.spawnSync(
    [
      "ffmpeg",
      "-v",
      "error",
      "-f",
      "lavfi",
      "-i",
      "testsrc=size=320x240:rate=25",
      "-t",
      "1",
      "-pix_fmt",
      "yuv420p",
      "-c:v",
      "libx264",
      clip,
    ],
    { stderr: "pipe" },
  );
  expect(made.exitCode).toBe(0);
  const video = () => new File([readFileSync(clip)], "clip.mp4", { type: "video/mp4" });
  const short = await w.app.handle(
    multipart(w.session, { webappId: String(w.webapp.id), platforms: ["x", "tiktok"], caption: "Watch this", media: video() }),
  );
  expect(short.status).toBe(422);
  expect(await short.text()).toContain("TikTok accepts videos of 3-600 s; this one is 1.0 s.");
  const ok = await w.app.handle(
    multipart(w.session, { webappId: String(w.webapp.id), platforms: ["x"], caption: "Watch this", media: video() }),
  );
  expect(ok.status).toBe(303);
  const [item] = itemsOf();
  expect(item!.format).toBe("video");
  expect(item!.mediaStatus).toBe("ready");

  const token = createApiToken(w.ctx.db, w.user.id, "ci", w.ctx.clock.now()).token;
  const tooShort = await api(token, { webappId: w.webapp.id, platforms: ["linkedin"], caption: "Again", mediaFromItemId: item!.id });
  expect(((await tooShort.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toEqual({
    media: ["LinkedIn accepts videos of 3-1800 s; this one is 1.0 s."],
  });
  const reuse = await api(token, { webappId: w.webapp.id, platforms: ["x"], caption: "Again", mediaFromItemId: item!.id });
  expect(reuse.status).toBe(201);
  const reused = ((await reuse.json()) as { items: { format: string; media: unknown }[] }).items[0]!;
  expect(reused).toMatchObject({ format: "video", media: item!.media });

  const stranger = makeUser(w.ctx);
  const strangerToken = createApiToken(w.ctx.db, stranger.id, "ci", w.ctx.clock.now()).token;
  const theirApp = makeWebapp(w.ctx, stranger.id);
  const steal = await api(strangerToken, { webappId: theirApp.id, platforms: ["x"], caption: "Mine now", mediaFromItemId: item!.id });
  expect(steal.status).toBe(422);
  expect(((await steal.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toEqual({
    media: [`Post #${item!.id} has no finished media of yours to reuse; pick another or upload a file.`],
  });
});

test("an upload over media.upload_max_bytes is refused with 413 while it streams in, and nothing is saved", async () => {
  w = composerWorld({ AMARKTAI_MEDIA_UPLOAD_MAX_BYTES: "100000" });
  const res = await w.app.handle(
    multipart(w.session, {
      webappId: String(w.webapp.id),
      platforms: ["x"],
      caption: "Big",
      media: new File([new Uint8Array(600_000)], "big.mp4", { type: "video/mp4" }),
    }),
  );
  expect(res.status).toBe(413);
  expect(await res.text()).toContain("The post was larger than 0.1 MB with its file");
  expect(itemsOf()).toHaveLength(0);
});

async function png(name: string, w: number, h: number, color: { r: number; g: number; b: number }): Promise<File> {
  const bytes = await sharp({ create: { width: w, height: h, channels: 3, background: color } })
    .png()
    .toBuffer();
  return new File([bytes], name, { type: "image/png" });
}

test("several images are kept in the order sent: a carousel where the platform takes one, else the first image; a video with images, or over the count, is refused", async () => {
  w = composerWorld();
  const html = await (await w.app.handle(authedGet("/compose", w.session))).text();
  expect(html).toContain('name="media" id="composer-media" accept="image/png,image/jpeg,video/mp4" multiple');
  expect(html).toContain("Two or more images become one carousel on Instagram and Facebook (up to 10) and LinkedIn (up to 20)");
  const second = await png("second.png", 640, 480, { r: 200, g: 20, b: 20 });
  const first = await png("first.png", 320, 320, { r: 20, g: 200, b: 20 });
  const res = await w.app.handle(
    multipart(w.session, {
      webappId: String(w.webapp.id),
      platforms: ["linkedin", "x"],
      caption: "Two screens of Acme Notes.",
      plannedAt: "2030-05-04T09:30",
      media: [first, second] as unknown as string[],
    }),
  );
  expect(res.status).toBe(303);
  const item = itemsOf().find((i) => i.platform === "linkedin");
  expect(item!.format).toBe("carousel");
  const xItem = itemsOf().find((i) => i.platform === "x")!;
  expect(xItem.format).toBe("image");
  // X posts the first image: its card shows that one and says the other is kept, not posted.
  const approval = await (await w.app.handle(authedGet("/approval", w.session))).text();
  const xCard = approval.slice(approval.indexOf(`id="item-${xItem.id}"`));
  expect(xCard.slice(0, xCard.indexOf("</article>"))).toContain("1 more image is kept with this post; only the first is posted here.");
  const images = (item!.media as { images: { path: string; width: number; height: number; target: string }[] }).images;
  expect(images.map((i) => i.target)).toEqual(["320x320", "640x480"]);
  for (const i of images) expect(existsSync(join(w.ctx.config.storage.media_dir, i.path))).toBe(true);

  const clipPath = join(w.ctx.dir, "mixed.mp4");
  const made = Bun.spawnSync([
    "ffmpeg",
    "-v",
    "error",
    "-f",
    "lavfi",
    "-i",
    "testsrc=size=320x240:rate=25",
    "-t",
    "1",
    "-pix_fmt",
    "yuv420p",
    clipPath,
  ]);
  expect(made.exitCode).toBe(0);
  const clip = new File([readFileSync(clipPath)], "clip.mp4", { type: "video/mp4" });
  const mixed = await w.app.handle(
    multipart(w.session, {
      webappId: String(w.webapp.id),
      platforms: ["linkedin"],
      caption: "Mixed",
      media: [first, clip] as unknown as string[],
    }),
  );
  expect(mixed.status).toBe(422);
  expect(await mixed.text()).toContain("is a video: a post takes one video alone, or images.");
  const many = await w.app.handle(
    multipart(w.session, {
      webappId: String(w.webapp.id),
      platforms: ["linkedin"],
      caption: "Too many",
      media: Array.from({ length: 11 }, () => first) as unknown as string[],
    }),
  );
  expect(many.status).toBe(422);
  expect(await many.text()).toContain("A post keeps up to 10 images; 11 files were sent. Remove some.");
  expect(itemsOf()).toHaveLength(2);
});

test("two uploaded images posted to LinkedIn go out once as one multi-image post with both images", async () => {
  w = composerWorld();
  const first = await png("first.png", 320, 320, { r: 20, g: 200, b: 20 });
  const second = await png("second.png", 320, 320, { r: 200, g: 20, b: 20 });
  const res = await w.app.handle(
    multipart(w.session, {
      webappId: String(w.webapp.id),
      platforms: ["linkedin"],
      caption: "Two screens of Acme Notes.",
      media: [first, second] as unknown as string[],
    }),
  );
  expect(res.status).toBe(303);
  const [item] = itemsOf();
  expect(item!.format).toBe("carousel");
  const approval = await (await w.app.handle(authedGet("/approval", w.session))).text();
  expect(approval).toContain(`aria-label="Images of`);
  expect(approval).not.toContain("This carousel has no slides");
  const token = createApiToken(w.ctx.db, w.user.id, "ci", w.ctx.clock.now()).token;
  const ap = await w.app.handle(
    new Request(`http://localhost:3000/api/v1/content/${item!.id}/approve`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    }),
  );
  expect(ap.status).toBe(200);
  // Planned by the composer for the next good slot: run once it is due.
  w.ctx.clock.set(new Date(w.get(item!.id).plannedAt!.getTime() + 60_000));
  await w.run();
  await w.run();
  expect(w.get(item!.id).status).toBe("published");
  expect(w.linkedin.posts).toHaveLength(1);
  expect(w.linkedin.imagesOf(w.linkedin.posts[0]!.urn)).toHaveLength(2);
});
