import { afterAll, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createSession } from "../../src/auth/sessions";
import { createApp } from "../../src/server/app";
import { sessionCookieName } from "../../src/http/session";
import { parseMediaPath } from "../../src/media/routes";
import { signedMediaUrl } from "../../src/media/signed";
import { makeTestContext } from "../support/context";
import { insertMediaUser, insertMediaWebapp } from "../support/media-factories";
import { MediaPreview, mediaUrl } from "../../views/media/preview";

const ctx = makeTestContext();
afterAll(() => ctx.cleanup());
const app = createApp(ctx);
const owner = insertMediaUser(ctx);
const other = insertMediaUser(ctx);
const webapp = insertMediaWebapp(ctx, owner);
const rel = `${owner}/${webapp}/2026-03-02/item-1.mp4`;
mkdirSync(join(ctx.config.storage.media_dir, `${owner}/${webapp}/2026-03-02`), { recursive: true });
writeFileSync(join(ctx.config.storage.media_dir, rel), "fake video bytes");
const cookie = (userId: number) => `${sessionCookieName(ctx)}=${createSession(ctx.db, userId, ctx.clock.now(), 30).token}`;
const get = (path: string, userId?: number) =>
  app.handle(new Request(`http://localhost${path}`, { headers: userId ? { cookie: cookie(userId) } : {} }));

test("the owner gets their file with its type", async () => {
  const res = await get(mediaUrl(rel), owner);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("video/mp4");
  expect(await res.text()).toBe("fake video bytes");
});

test("another user gets 404 and a visitor is sent to log in", async () => {
  expect((await get(mediaUrl(rel), other)).status).toBe(404);
  const anon = await get(mediaUrl(rel));
  expect(anon.status).toBe(303);
  expect(anon.headers.get("location")).toBe("/login?next=%2Fmedia%2F1%2F1%2F2026-03-02%2Fitem-1.mp4");
});

test("paths that climb out of the media folder are refused", async () => {
  expect(parseMediaPath("../../etc/passwd")).toBeUndefined();
  expect(parseMediaPath(`${owner}/${webapp}/2026-03-02/..%2F..%2Fx`)).toBeUndefined();
  expect((await get(`/media/${owner}/${webapp}/2026-03-02/%2e%2e%2fsecret.key`, owner)).status).toBe(404);
});

test("a signed URL works without a session until it expires, and not when tampered with", async () => {
  const url = new URL(signedMediaUrl(ctx, rel, 60_000));
  expect(url.origin).toBe(ctx.config.server.public_base_url);
  const path = url.pathname + url.search;
  expect((await get(path)).status).toBe(200);
  expect((await get(path.replace("sig=", "sig=x"))).status).toBe(403);
  expect((await get(path.replace(/exp=\d+/, `exp=${Date.parse("2030-01-01")}`))).status).toBe(403);
  ctx.clock.advance(61_000);
  const expired = await get(path);
  expect(expired.status).toBe(403);
  expect(await expired.text()).toBe("link expired");
});

test("the preview shows the video with its poster and the images, all through owner URLs", () => {
  const html = String(
    MediaPreview({
      media: {
        video: rel,
        cover: `${owner}/${webapp}/2026-03-02/item-1-cover.jpg`,
        images: [{ path: `${owner}/${webapp}/2026-03-02/item-2-square.jpg`, width: 1080, height: 1080, target: "square" }],
        durationSeconds: 21.5,
      },
    }),
  );
  expect(html).toContain(`<source src="/media/${rel}" type="video/mp4"/>`);
  expect(html).toContain(`poster="/media/${owner}/${webapp}/2026-03-02/item-1-cover.jpg"`);
  expect(html).toContain(`item-2-square.jpg`);
  expect(html).toContain("21.5 s");
  expect(String(MediaPreview({ media: {} }))).toContain("No media yet.");
});

test("video players can seek: Range requests answer 206 with the slice", async () => {
  const ranged = (range: string) =>
    app.handle(new Request(`http://localhost${mediaUrl(rel)}`, { headers: { cookie: cookie(owner), range } }));
  const a = await ranged("bytes=5-9");
  expect(a.status).toBe(206);
  expect(a.headers.get("content-range")).toBe("bytes 5-9/16");
  expect(await a.text()).toBe("video");
  const tail = await ranged("bytes=-5");
  expect(await tail.text()).toBe("bytes");
  expect((await ranged("bytes=99-")).status).toBe(416);
});
