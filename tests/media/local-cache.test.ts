import { afterAll, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureLocalMedia, sweepLocalMediaCache } from "../../src/media/storage/local";
import { mediaStoreOf } from "../../src/media/storage/open";
import { makeTestContext } from "../support/context";
import { s3TestContext } from "../support/s3-context";

// The local copies of bucket objects are a cache of at most storage.s3_cache_max_mb, least recently used out first.
const box = await s3TestContext("cache-media", { AMARKTAI_STORAGE_S3_CACHE_MAX_MB: "1", AMARKTAI_STORAGE_S3_CACHE_MAX_AGE_HOURS: "24" });
const ctx = box.ctx;
afterAll(() => box.stop());

const KB400 = 400 * 1024;
const HOUR = 3600_000;
const local = (key: string) => existsSync(join(ctx.config.storage.media_dir, key));
const key = (name: string) => `1/2/2026-03-02/${name}.mp4`;

test("fetching past the cap removes the least recently used copies, sparing the last hour's; unused for a day removes all", async () => {
  const store = mediaStoreOf(ctx);
  for (const name of ["a", "b", "c", "d", "e", "f", "g"])
    await store.put(key(name), { bytes: new Uint8Array(KB400).fill(name.charCodeAt(0)) });
  const use = async (name: string) => ensureLocalMedia(ctx, [key(name)]);

  await use("a");
  ctx.clock.advance(2 * HOUR);
  await use("b");
  ctx.clock.advance(2 * HOUR);
  await use("c"); // 1.2 MB: a, the least recently used, goes
  expect(["a", "b", "c"].map((n) => local(key(n)))).toEqual([false, true, true]);

  ctx.clock.advance(60_000);
  await use("b"); // a hit counts as a use: now c is the least recently used
  ctx.clock.advance(2 * HOUR);
  await use("d");
  expect(["b", "c", "d"].map((n) => local(key(n)))).toEqual([true, false, true]);

  // Over the cap, but every copy was used within the hour: a reader may be about to open any of them.
  ctx.clock.advance(2 * HOUR);
  await ensureLocalMedia(ctx, [key("e"), key("f"), key("g")]);
  expect(["b", "d", "e", "f", "g"].map((n) => local(key(n)))).toEqual([false, false, true, true, true]);

  // A copy removed is fetched again whole when read again.
  await use("a");
  expect(readFileSync(join(ctx.config.storage.media_dir, key("a")))[0]).toBe("a".charCodeAt(0));

  // A day unused: every copy goes, and its empty folders; the staging folder is not the cache.
  const staging = join(ctx.config.storage.media_dir, ".tmp", "put-1", "part");
  mkdirSync(join(staging, ".."), { recursive: true });
  writeFileSync(staging, "in progress");
  ctx.clock.advance(25 * HOUR);
  const sweep = sweepLocalMediaCache(ctx);
  expect(sweep).toEqual({ removed: 4, freedBytes: 4 * KB400, keptBytes: 0 });
  expect(readdirSync(ctx.config.storage.media_dir)).toEqual([".tmp"]);
  expect(existsSync(staging)).toBe(true);
  expect(await store.stat(key("a"))).toBeDefined(); // the bucket keeps the objects
});

test("with the folder driver media_dir is the store itself: the sweep never removes anything", () => {
  const folder = makeTestContext({ AMARKTAI_STORAGE_S3_CACHE_MAX_MB: "1" });
  try {
    const file = join(folder.config.storage.media_dir, "1/2/2026-03-02/big.mp4");
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, new Uint8Array(3 * KB400));
    folder.clock.advance(100 * 24 * HOUR);
    expect(sweepLocalMediaCache(folder)).toEqual({ removed: 0, freedBytes: 0, keptBytes: 0 });
    expect(existsSync(file)).toBe(true);
  } finally {
    folder.cleanup();
  }
});
