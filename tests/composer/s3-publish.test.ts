import { afterAll, expect, test } from "bun:test";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createApiToken } from "../../src/api/tokens";
import { contentItems } from "../../src/db/schema/content";
import { loadSharp } from "../../src/lib/sharp";
import { mediaStoreOf } from "../../src/media/storage/open";
import { S3_FAKE_KEYS, S3Fake } from "../fakes/s3";
import { composerWorld } from "./world";

// With storage.driver s3 the uploads live only in the bucket; the publish worker fetches them before the platform call.
const fake = new S3Fake("compose-media");
const endpoint = await fake.start();
const w = composerWorld({
  AMARKTAI_STORAGE_DRIVER: "s3",
  AMARKTAI_STORAGE_S3_BUCKET: fake.bucket,
  AMARKTAI_STORAGE_S3_ENDPOINT: endpoint,
  AMARKTAI_STORAGE_S3_ACCESS_KEY_ID: S3_FAKE_KEYS.accessKeyId,
  AMARKTAI_STORAGE_S3_SECRET_ACCESS_KEY: S3_FAKE_KEYS.secretAccessKey,
});
afterAll(async () => {
  w.close();
  await fake.stop();
});

const png = async (name: string, color: string) =>
  new File(
    [
      await (await loadSharp())({ create: { width: 320, height: 320, channels: 3, background: color } })
        .png()
        .toBuffer(),
    ],
    name,
    {
      type: "image/png",
    },
  );

test("two images uploaded in S3 mode are kept in the bucket only and go out to LinkedIn as one post with both", async () => {
  const body = new FormData();
  for (const [k, v] of Object.entries({ webappId: String(w.webapp.id), platforms: "linkedin", caption: "Two screens of Acme Notes." }))
    body.append(k, v);
  body.append("media", await png("first.png", "#14c814"));
  body.append("media", await png("second.png", "#c81414"));
  const res = await w.app.handle(
    new Request("http://localhost:3000/compose", {
      method: "POST",
      headers: { cookie: w.session.cookie, origin: "http://localhost:3000", "x-csrf-token": w.session.csrf },
      body,
    }),
  );
  expect(res.status).toBe(303);
  const item = w.ctx.db.select().from(contentItems).all()[0]!;
  const keys = (item.media as { images: { path: string }[] }).images.map((i) => i.path);
  expect(keys).toHaveLength(2);
  for (const key of keys) {
    expect(await mediaStoreOf(w.ctx).stat(key)).toBeDefined();
    expect(existsSync(join(w.ctx.config.storage.media_dir, key))).toBe(false);
  }
  // Whatever a machine kept locally before is a cache: the publish must work from the bucket alone.
  rmSync(w.ctx.config.storage.media_dir, { recursive: true, force: true });

  const token = createApiToken(w.ctx.db, w.user.id, "ci", w.ctx.clock.now()).token;
  const ap = await w.app.handle(
    new Request(`http://localhost:3000/api/v1/content/${item.id}/approve`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    }),
  );
  expect(ap.status).toBe(200);
  w.ctx.clock.set(new Date(w.get(item.id).plannedAt!.getTime() + 60_000));
  await w.run();
  await w.run();
  expect(w.get(item.id).status).toBe("published");
  expect(w.linkedin.posts).toHaveLength(1);
  expect(w.linkedin.imagesOf(w.linkedin.posts[0]!.urn)).toHaveLength(2);
});

test("a video kept only in the bucket can be reused for a new post: it is probed from there", async () => {
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
      "4",
      "-pix_fmt",
      "yuv420p",
      "-c:v",
      "libx264",
      clip,
    ],
    { stderr: "pipe" },
  );
  expect(made.exitCode).toBe(0);
  const body = new FormData();
  for (const [k, v] of Object.entries({ webappId: String(w.webapp.id), platforms: "x", caption: "A clip." })) body.append(k, v);
  body.append("media", new File([readFileSync(clip)], "clip.mp4", { type: "video/mp4" }));
  const res = await w.app.handle(
    new Request("http://localhost:3000/compose", {
      method: "POST",
      headers: { cookie: w.session.cookie, origin: "http://localhost:3000", "x-csrf-token": w.session.csrf },
      body,
    }),
  );
  expect(res.status).toBe(303);
  const first = w.ctx.db.select().from(contentItems).all().at(-1)!;
  const key = (first.media as { video: string }).video;
  expect(await mediaStoreOf(w.ctx).stat(key)).toBeDefined();
  rmSync(w.ctx.config.storage.media_dir, { recursive: true, force: true });

  const token = createApiToken(w.ctx.db, w.user.id, "ci-reuse", w.ctx.clock.now()).token;
  const reuse = await w.app.handle(
    new Request("http://localhost:3000/api/v1/content", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ webappId: w.webapp.id, platforms: ["x"], caption: "Again", mediaFromItemId: first.id }),
    }),
  );
  expect(reuse.status).toBe(201);
  const reused = ((await reuse.json()) as { items: { format: string; media: { video: string } }[] }).items[0]!;
  expect(reused).toMatchObject({ format: "video", media: first.media as Record<string, unknown> });
  expect(reused.media.video).toBe(key);
});
