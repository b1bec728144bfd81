import { afterAll, expect, test } from "bun:test";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deleteWebappMedia } from "../../src/media/ledger";
import { mediaRoutes } from "../../src/media/routes";
import { FolderMediaStore } from "../../src/media/storage/folder";
import { mediaStoreOf } from "../../src/media/storage/open";
import { makeTestContext } from "../support/context";
import { byteStream, mediaStoreContract } from "./store-contract";

const ctx = makeTestContext();
afterAll(() => ctx.cleanup());

mediaStoreContract("folder", async () => {
  const app = mediaRoutes(ctx);
  return {
    store: mediaStoreOf(ctx),
    fetchSigned: (url) => app.handle(new Request(url)),
    shortTtlMs: 60_000,
    outlive: async () => void ctx.clock.advance(61_000),
    // The context outlives the contract: the folder's own tests below use it; the file's afterAll removes it.
    stop: async () => {},
  };
});

test("the folder keeps today's layout: a key is the path under media_dir", async () => {
  const store = mediaStoreOf(ctx) as FolderMediaStore;
  await store.put("8/9/2026-12-06/item-3.jpg", { bytes: new Uint8Array([1, 2]) });
  expect(statSync(join(ctx.config.storage.media_dir, "8/9/2026-12-06/item-3.jpg")).size).toBe(2);
});

test("a file on the media folder's filesystem is renamed in, not copied", async () => {
  const store = mediaStoreOf(ctx);
  const src = join(ctx.config.storage.media_dir, ".tmp", "rendered.mp4");
  writeFileSync(src, "frames");
  const inode = statSync(src).ino;
  await store.put("8/9/2026-12-06/item-4.mp4", { file: src });
  expect(statSync(join(ctx.config.storage.media_dir, "8/9/2026-12-06/item-4.mp4")).ino).toBe(inode);
});

test("a cut-off put leaves nothing behind in the staging area", async () => {
  const store = mediaStoreOf(ctx);
  await expect(store.put("8/9/2026-12-06/cut.mp4", { stream: byteStream(4_000_000, 2_000_000).stream })).rejects.toThrow();
  const tmp = join(ctx.config.storage.media_dir, ".tmp");
  expect(existsSync(tmp) ? readdirSync(tmp).filter((n) => n.startsWith("put.")) : []).toEqual([]);
  expect((await store.list("")).some((o) => o.key.startsWith(".tmp"))).toBe(false);
});

test("deleting a web app's media removes its objects and its folder, clips included", async () => {
  const store = mediaStoreOf(ctx);
  await store.put("11/12/2026-12-06/item-1.jpg", { bytes: new Uint8Array([1]) });
  await store.put("11/12/clips/intro.mp4", { bytes: new Uint8Array([2]) });
  await store.put("11/13/2026-12-06/item-2.jpg", { bytes: new Uint8Array([3]) });
  await deleteWebappMedia(ctx, 11, 12);
  expect(existsSync(join(ctx.config.storage.media_dir, "11/12"))).toBe(false);
  expect((await store.list("11/")).map((o) => o.key)).toEqual(["11/13/2026-12-06/item-2.jpg"]);
});
