import { afterEach, expect, test } from "bun:test";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { eq } from "drizzle-orm";
import { mediaFiles } from "../../src/db/schema/operator";
import { webapps } from "../../src/db/schema/webapps";
import { handlersOf } from "../../src/jobs/declare";
import { findJobByKey } from "../../src/jobs/store";
import { JobWorker } from "../../src/jobs/worker";
import { recordMediaFile } from "../../src/media/files-store";
import {
  backfillMediaLedger,
  mediaLedgerBackfillHandler,
  mediaLedgerBackfillJob,
  queueMediaLedgerBackfill,
} from "../../src/media/ledger-backfill";
import { joinAccount } from "../../src/operator/seats-store";
import { ensureAccount } from "../../src/operator/store";
import { usageOf } from "../../src/operator/quota";
import { makeItem, makeUser, makeWebapp } from "../support/content-factories";
import { makeTestContext } from "../support/context";

let ctx: ReturnType<typeof makeTestContext>;
afterEach(() => ctx.cleanup());

/** Writes `bytes` bytes at a path under the media folder, as a render or upload from before the ledger would have. */
function file(rel: string, bytes: number): string {
  const abs = join(ctx.config.storage.media_dir, rel);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, Buffer.alloc(bytes, 7));
  return rel;
}

const rows = () => ctx.db.select().from(mediaFiles).orderBy(mediaFiles.path).all();

test("media stored before the ledger is counted once: each file against the account of the post or web app that references it; strays are reported, not deleted", async () => {
  ctx = makeTestContext({ AMARKTAI_OPERATOR_ENABLED: "true" });
  const ann = makeUser(ctx, { email: "ann@example.com" });
  const mel = makeUser(ctx, { email: "mel@example.com" });
  ensureAccount(ctx.db, ann.id, "pro", ctx.clock.now());
  joinAccount(ctx.db, mel.id, ann.id);
  const annApp = makeWebapp(ctx, ann.id, "Ann's App");
  const melApp = makeWebapp(ctx, mel.id, "Mel's App");
  const video = file(`${ann.id}/${annApp.id}/2025-11-01/short.mp4`, 400_000);
  const image = file(`${mel.id}/${melApp.id}/2025-11-02/upload-1.png`, 100_000);
  makeItem(ctx, { userId: ann.id, webappId: annApp.id, media: { video } });
  makeItem(ctx, { userId: mel.id, webappId: melApp.id, media: { images: [image] } as never });
  const logo = file(`${ann.id}/logos/old-logo.png`, 30_000);
  ctx.db.update(webapps).set({ logoPath: logo }).where(eq(webapps.id, annApp.id)).run();
  const leftover = file(`${ann.id}/${annApp.id}/2025-10-01/replaced.mp4`, 50_000); // an older render no post names any more
  const counted = file(`${ann.id}/${annApp.id}/2026-03-01/new.mp4`, 20_000);
  recordMediaFile(ctx.db, {
    path: counted,
    userId: ann.id,
    webappId: annApp.id,
    kind: "render",
    bytes: 20_000,
    createdAt: ctx.clock.now(),
  });
  const strays = [file("999/12/2025-01-01/gone.mp4", 10_000), file("notes.txt", 5)];
  file(".tmp/item-3.abc/out/half.mp4", 70_000); // a render in progress is not stored media
  expect(usageOf(ctx, ann.id, "storage_mb")).toBeCloseTo(0.02, 6); // before: only what the ledger saw

  const report = await backfillMediaLedger(ctx);
  expect(report).toMatchObject({ seen: 7, added: 4, byReference: 3, byFolder: 1 });
  expect(report.unreferenced.toSorted()).toEqual(strays.toSorted());
  expect(rows().map((r) => [r.path, r.userId, r.webappId, r.kind, r.bytes])).toEqual(
    [
      [counted, ann.id, annApp.id, "render", 20_000],
      [image, mel.id, melApp.id, "upload", 100_000],
      [video, ann.id, annApp.id, "render", 400_000],
      [leftover, ann.id, annApp.id, "render", 50_000],
      [logo, ann.id, null, "logo", 30_000],
    ].toSorted((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
  // Ann's account holds her files and her member's: 0.02 + 0.4 + 0.1 + 0.05 + 0.03 MB.
  expect(usageOf(ctx, ann.id, "storage_mb")).toBeCloseTo(0.6, 6);
  for (const s of strays) expect(existsSync(join(ctx.config.storage.media_dir, s))).toBe(true);
  expect(ctx.logLines.some((l) => l.includes("media ledger backfill: done: 7 files seen, 4 added"))).toBe(true);
  expect(
    ctx.logLines.some((l) => l.includes("2 files under") && l.includes("999/12/2025-01-01/gone.mp4") && l.includes("not deleted")),
  ).toBe(true);

  // Again: nothing more is added and nothing counted changes.
  const before = rows();
  expect(await backfillMediaLedger(ctx)).toMatchObject({ seen: 7, added: 0 });
  expect(rows()).toEqual(before);
});

test("the backfill is queued at every start under one key and runs once: its finished job is the mark that it was done", async () => {
  ctx = makeTestContext();
  const u = makeUser(ctx);
  const app = makeWebapp(ctx, u.id);
  const video = file(`${u.id}/${app.id}/2025-11-01/short.mp4`, 1234);
  makeItem(ctx, { userId: u.id, webappId: app.id, media: { video } });
  queueMediaLedgerBackfill(ctx);
  const worker = new JobWorker(ctx.db, ctx.clock, handlersOf([mediaLedgerBackfillHandler(ctx)]), { pollMs: 20 });
  await worker.drain([mediaLedgerBackfillJob.kind]);
  const job = findJobByKey(ctx.db, mediaLedgerBackfillJob.key({}))!;
  expect(job.status).toBe("done");
  expect(rows().map((r) => r.path)).toEqual([video]);
  // A later start queues nothing new: the same job answers, already done.
  ctx.clock.advance(86_400_000);
  queueMediaLedgerBackfill(ctx);
  expect(findJobByKey(ctx.db, mediaLedgerBackfillJob.key({}))).toEqual(job);
  expect(ctx.db.$client.query("SELECT count(*) AS n FROM jobs WHERE kind = ?").get(mediaLedgerBackfillJob.kind)).toEqual({ n: 1 });
});
