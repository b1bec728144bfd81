/**
 * The media-store contract: one suite every adapter of src/media/storage/port.ts passes (store-folder.test.ts,
 * store-s3.test.ts). An adapter's file gives a fresh store, how to fetch one of its signed URLs, and how to let a
 * short-lived one expire.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MediaNotFoundError, type MediaStore } from "../../src/media/storage/port";

/** What an adapter's test file provides to the contract. */
export interface ContractHarness {
  store: MediaStore;
  /** GETs a signed URL the way a platform would. */
  fetchSigned(url: string): Promise<Response>;
  /** A signed URL lifetime, and a wait that outlives it. */
  shortTtlMs: number;
  outlive(): Promise<void>;
  stop(): Promise<void>;
}

const MB = 1024 * 1024;

/** A stream of `total` pseudo-random bytes in 1 MB chunks that fails after `failAfter` bytes when given. */
export function byteStream(total: number, failAfter = Infinity): { stream: ReadableStream<Uint8Array>; digest: () => string } {
  const hash = createHash("sha256");
  let sent = 0;
  let seed = 7;
  const stream = new ReadableStream<Uint8Array>({
    pull(ctl) {
      if (sent >= failAfter) return ctl.error(new Error("the uploader's connection dropped"));
      const chunk = new Uint8Array(Math.min(MB, total - sent));
      for (let i = 0; i < chunk.length; i += 4096) chunk[i] = seed = (seed * 1103515245 + 12345) & 0xff;
      hash.update(chunk);
      sent += chunk.length;
      ctl.enqueue(chunk);
      if (sent >= total) ctl.close();
    },
  });
  return { stream, digest: () => hash.digest("hex") };
}

async function digestOf(stream: ReadableStream<Uint8Array>): Promise<{ digest: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    hash.update(r.value);
    bytes += r.value.length;
  }
  return { digest: hash.digest("hex"), bytes };
}

/** Runs the contract against the store `start` opens. */
export function mediaStoreContract(name: string, start: () => Promise<ContractHarness>): void {
  describe(`media store contract: ${name}`, () => {
    let h: ContractHarness;
    const local = mkdtempSync(join(tmpdir(), "store-contract-"));
    beforeAll(async () => {
      h = await start();
    });
    afterAll(async () => {
      await h.stop();
      rmSync(local, { recursive: true, force: true });
    });

    test("bytes put under a key come back whole, with their size", async () => {
      const bytes = new TextEncoder().encode("a cover image, say");
      const put = await h.store.put("1/2/2026-12-06/item-1-cover.jpg", { bytes }, { contentType: "image/jpeg" });
      expect(put.bytes).toBe(bytes.length);
      expect(await h.store.get("1/2/2026-12-06/item-1-cover.jpg")).toEqual(bytes);
      expect((await h.store.stat("1/2/2026-12-06/item-1-cover.jpg"))?.bytes).toBe(bytes.length);
    });

    test("a 20 MB file goes in as a stream and comes back as one, byte for byte", async () => {
      const src = byteStream(20 * MB);
      await h.store.put("big/short.mp4", { stream: src.stream });
      const back = await digestOf(await h.store.stream("big/short.mp4"));
      expect(back).toEqual({ digest: src.digest(), bytes: 20 * MB });
    });

    test("a local file is moved in (the source is gone) and a local copy can be asked for again", async () => {
      const file = join(local, "render.mp4");
      writeFileSync(file, "rendered frames");
      await h.store.put("3/4/2026-12-06/item-9.mp4", { file });
      expect(existsSync(file)).toBe(false);
      const copy = await h.store.localFile("3/4/2026-12-06/item-9.mp4", local);
      expect(readFileSync(copy, "utf8")).toBe("rendered frames");
    });

    test("keys keep their slashes and unicode", async () => {
      const key = "ünïcode/日本語/😀 café #1.txt";
      await h.store.put(key, { bytes: new TextEncoder().encode("oui") });
      expect(new TextDecoder().decode(await h.store.get(key))).toBe("oui");
      expect((await h.store.list("ünïcode/")).map((o) => o.key)).toEqual([key]);
    });

    test("a missing key is a typed not-found from get, stream and localFile, and undefined from stat", async () => {
      expect(await h.store.stat("nope/missing.jpg")).toBeUndefined();
      await expect(h.store.get("nope/missing.jpg")).rejects.toBeInstanceOf(MediaNotFoundError);
      await expect(h.store.stream("nope/missing.jpg")).rejects.toBeInstanceOf(MediaNotFoundError);
      await expect(h.store.localFile("nope/missing.jpg", local)).rejects.toBeInstanceOf(MediaNotFoundError);
    });

    test("listing by prefix answers exactly the keys under it, in key order", async () => {
      for (const key of ["list/a/2.jpg", "list/a/1.jpg", "list/a/b/3.jpg", "list/ab/4.jpg", "list/c.jpg"])
        await h.store.put(key, { bytes: new Uint8Array([1, 2, 3]) });
      expect((await h.store.list("list/a/")).map((o) => o.key)).toEqual(["list/a/1.jpg", "list/a/2.jpg", "list/a/b/3.jpg"]);
      expect((await h.store.list("list/a")).map((o) => o.key)).toEqual(["list/a/1.jpg", "list/a/2.jpg", "list/a/b/3.jpg", "list/ab/4.jpg"]);
      expect((await h.store.list("list/a/"))[0]!.bytes).toBe(3);
      expect(await h.store.list("list/zzz/")).toEqual([]);
    });

    test("delete removes the object and may be repeated; deleting a key never stored is fine", async () => {
      await h.store.put("del/x.jpg", { bytes: new Uint8Array([9]) });
      await h.store.delete("del/x.jpg");
      expect(await h.store.stat("del/x.jpg")).toBeUndefined();
      await h.store.delete("del/x.jpg");
      await h.store.delete("del/never-stored.jpg");
      expect(await h.store.list("del/")).toEqual([]);
    });

    test("a put cut off half-way leaves no object under the key, and an earlier object stays whole", async () => {
      const cut = byteStream(20 * MB, 10 * MB);
      await expect(h.store.put("cut/new.mp4", { stream: cut.stream })).rejects.toThrow();
      expect(await h.store.stat("cut/new.mp4")).toBeUndefined();
      await h.store.put("cut/kept.mp4", { bytes: new TextEncoder().encode("the first render") });
      await expect(h.store.put("cut/kept.mp4", { stream: byteStream(12 * MB, 6 * MB).stream })).rejects.toThrow();
      expect(new TextDecoder().decode(await h.store.get("cut/kept.mp4"))).toBe("the first render");
      expect((await h.store.list("cut/")).map((o) => o.key)).toEqual(["cut/kept.mp4"]);
    });

    test("keys that climb out, start at the root, hold empty parts or name the staging area are refused", async () => {
      for (const key of ["../secret.key", "/etc/passwd", "a//b.jpg", "a/./b.jpg", ".tmp/part", "a\\b.jpg", ""])
        await expect(h.store.put(key, { bytes: new Uint8Array([1]) })).rejects.toThrow(/not a media key/);
    });

    test("a signed URL serves the object without credentials; an altered or expired one is refused", async () => {
      const key = "5/6/2026-12-06/item-5.mp4";
      await h.store.put(key, { bytes: new TextEncoder().encode("video for the platform") });
      await h.store.put("5/6/2026-12-06/item-6.mp4", { bytes: new TextEncoder().encode("someone else's") });
      const url = h.store.signedUrl(key, h.shortTtlMs);
      const ok = await h.fetchSigned(url);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe("video for the platform");
      const otherKey = url.replace("item-5.mp4", "item-6.mp4");
      expect((await h.fetchSigned(otherKey)).status).toBe(403);
      const sig = /(sig|X-Amz-Signature)=([^&]+)/.exec(url)!;
      const flipped = url.replace(sig[0], `${sig[1]}=${sig[2]!.startsWith("0") ? "1" : "0"}${sig[2]!.slice(1)}`);
      expect((await h.fetchSigned(flipped)).status).toBe(403);
      await h.outlive();
      expect((await h.fetchSigned(url)).status).toBe(403);
    });
  });
}
