import { afterAll, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { mediaFiles } from "../../src/db/schema/operator";
import { backfillMediaLedger } from "../../src/media/ledger-backfill";
import { mediaStoreOf } from "../../src/media/storage/open";
import { makeItem, makeUser, makeWebapp } from "../support/content-factories";
import { s3TestContext } from "../support/s3-context";

// In S3 mode the bucket is the record: the backfill lists it, and what media_dir holds (a cache) is not counted.
const box = await s3TestContext("ledger-media");
const ctx = box.ctx;
afterAll(() => box.stop());

const rows = () => ctx.db.select().from(mediaFiles).orderBy(mediaFiles.path).all();

test("the backfill counts the bucket's objects (with the sizes its listing gives), not the local cache's files", async () => {
  const u = makeUser(ctx);
  const app = makeWebapp(ctx, u.id);
  const store = mediaStoreOf(ctx);
  const video = `${u.id}/${app.id}/2025-11-01/short.mp4`;
  const upload = `${u.id}/${app.id}/2025-11-02/upload-1.png`;
  await store.put(video, { bytes: new Uint8Array(40_000) });
  await store.put(upload, { bytes: new Uint8Array(1_000) });
  await store.put("999/12/2025-01-01/gone.mp4", { bytes: new Uint8Array(10) });
  makeItem(ctx, { userId: u.id, webappId: app.id, media: { video } });
  // A cached copy of an object, and a file that is only local (never stored): neither is the bucket's.
  const cached = join(ctx.config.storage.media_dir, `${u.id}/${app.id}/2025-10-01/local-only.mp4`);
  mkdirSync(dirname(cached), { recursive: true });
  writeFileSync(cached, Buffer.alloc(5_000));

  const report = await backfillMediaLedger(ctx);
  expect(report).toMatchObject({ seen: 3, added: 2, byReference: 1, byFolder: 1, unreferenced: ["999/12/2025-01-01/gone.mp4"] });
  expect(rows().map((r) => [r.path, r.userId, r.webappId, r.kind, r.bytes])).toEqual([
    [video, u.id, app.id, "render", 40_000],
    [upload, u.id, app.id, "upload", 1_000],
  ]);
  expect(ctx.logLines.some((l) => l.includes("walking the bucket ledger-media"))).toBe(true);
  expect((await backfillMediaLedger(ctx)).added).toBe(0);
});
