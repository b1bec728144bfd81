import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { createSession } from "../../src/auth/sessions";
import { saveComposerUpload } from "../../src/composer/upload";
import { mediaFiles } from "../../src/db/schema/operator";
import { sessionCookieName } from "../../src/http/session";
import { loadSharp } from "../../src/lib/sharp";
import { mediaStoreOf } from "../../src/media/storage/open";
import { createApp } from "../../src/server/app";
import { removeWebapp } from "../../src/webapps/edit";
import { saveLogo } from "../../src/webapps/logo";
import { S3_FAKE_KEYS, S3Fake } from "../fakes/s3";
import { makeTestContext } from "../support/context";
import { insertMediaUser, insertMediaWebapp } from "../support/media-factories";

// The app with storage.driver s3: what it writes lands in the bucket (s3rver, in process, loopback), never in media_dir.
const fake = new S3Fake("app-media");
let ctx: ReturnType<typeof makeTestContext>;
beforeAll(async () => {
  const endpoint = await fake.start();
  ctx = makeTestContext({
    AMARKTAI_STORAGE_DRIVER: "s3",
    AMARKTAI_STORAGE_S3_BUCKET: fake.bucket,
    AMARKTAI_STORAGE_S3_ENDPOINT: endpoint,
    AMARKTAI_STORAGE_S3_ACCESS_KEY_ID: S3_FAKE_KEYS.accessKeyId,
    AMARKTAI_STORAGE_S3_SECRET_ACCESS_KEY: S3_FAKE_KEYS.secretAccessKey,
  });
});
afterAll(async () => {
  ctx.cleanup();
  await fake.stop();
});

const png = async (side: number) =>
  (await loadSharp())({ create: { width: side, height: side, channels: 3, background: "#3366aa" } })
    .png()
    .toBuffer();

test("an upload and a logo are kept in the bucket with their sizes on the ledger, served to the owner, and deleted with the web app", async () => {
  const userId = insertMediaUser(ctx);
  const webappId = insertMediaWebapp(ctx, userId);
  const image = await png(64);
  const saved = await saveComposerUpload(ctx, { userId, webappId, localDate: "2026-03-02" }, new File([image], "a.png"));
  if (!saved.ok || saved.media.kind !== "image") throw new Error(`upload refused: ${JSON.stringify(saved)}`);
  const key = saved.media.images[0]!.path;
  expect((await mediaStoreOf(ctx).stat(key))?.bytes).toBe(image.byteLength);
  expect(existsSync(join(ctx.config.storage.media_dir, key))).toBe(false);
  expect(ctx.db.select().from(mediaFiles).where(eq(mediaFiles.path, key)).get()?.bytes).toBe(image.byteLength);

  const logo = await saveLogo(ctx, userId, new File([await png(32)], "logo.png"));
  if (!logo.ok) throw new Error(logo.message);
  expect(await mediaStoreOf(ctx).stat(logo.path)).toBeDefined();

  const cookie = `${sessionCookieName(ctx)}=${createSession(ctx.db, userId, ctx.clock.now(), 30).token}`;
  const res = await createApp(ctx).handle(new Request(`http://localhost/media/${key}`, { headers: { cookie } }));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("image/png");
  expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(image));

  await removeWebapp(ctx, userId, webappId);
  expect(await mediaStoreOf(ctx).list(`${userId}/${webappId}/`)).toEqual([]);
  expect(ctx.db.select().from(mediaFiles).where(eq(mediaFiles.webappId, webappId)).all()).toEqual([]);
});

test("a refused upload leaves nothing in the bucket and nothing on the ledger", async () => {
  const userId = insertMediaUser(ctx);
  const webappId = insertMediaWebapp(ctx, userId);
  const saved = await saveComposerUpload(ctx, { userId, webappId, localDate: "2026-03-02" }, new File(["not an image"], "a.png"));
  expect(saved.ok).toBe(false);
  expect(await mediaStoreOf(ctx).list(`${userId}/`)).toEqual([]);
  expect(ctx.db.select().from(mediaFiles).where(eq(mediaFiles.userId, userId)).all()).toEqual([]);
});
