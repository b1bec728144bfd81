import { afterAll, expect, test } from "bun:test";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { mediaStoreOf } from "../../src/media/storage/open";
import { youtubeWorld } from "../platforms/youtube-helpers";
import { S3Fake } from "../fakes/s3";
import { s3StorageEnv } from "../support/s3-context";

// In S3 mode the machine that reconciles may hold no copy of the video (another worker uploaded it, or the cache was swept).
const bucket = new S3Fake("reconcile-media");
const w = youtubeWorld({ env: s3StorageEnv(bucket, await bucket.start()) });
afterAll(async () => {
  w.close();
  await bucket.stop();
});

test("a lost answer to YouTube's last chunk is settled from the upload session with the video's size read from the bucket", async () => {
  const item = w.item();
  const key = (item.media as { video: string }).video;
  const local = join(w.ctx.config.storage.media_dir, key);
  await mediaStoreOf(w.ctx).put(key, { bytes: readFileSync(local) });
  w.fake.fail("final", "accept_then_503");
  await w.run();
  expect(w.get(item.id).status).toBe("publishing");

  rmSync(w.ctx.config.storage.media_dir, { recursive: true, force: true });
  w.fake.fail("list", "server_error");
  w.ctx.clock.advance(61_000);
  await w.run();
  expect(w.fake.calls.some((c) => c.range === "bytes */614400")).toBe(true);
  expect(w.get(item.id).status).toBe("published");
  expect(w.fake.createCount).toBe(1);
});
