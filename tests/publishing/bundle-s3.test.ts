import { afterAll, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import { exportPlan } from "../../src/exports/plan";
import { mediaStoreOf } from "../../src/media/storage/open";
import { exportBundle } from "../../src/publishing/manual";
import { makeItem, makeUser, makeWebapp } from "../support/content-factories";
import { s3TestContext } from "../support/s3-context";

// In S3 mode a post's video and cover live only in the bucket: the bundle for posting by hand must still hold them.
const box = await s3TestContext("bundle-media");
const ctx = box.ctx;
afterAll(() => box.stop());

function unzip(zip: Uint8Array, name: string): string[] {
  const path = `${ctx.dir}/${name}.zip`;
  writeFileSync(path, zip);
  const p = Bun.spawnSync([
    "python3",
    "-c",
    `import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(f"{i.filename}={i.file_size}" for i in sorted(z.infolist(), key=lambda i: i.filename)))`,
    path,
  ]);
  return p.stdout.toString().trim().split("\n");
}

test("a post's bundle (download and export job) holds its video and cover fetched from the bucket", async () => {
  const u = makeUser(ctx);
  const app = makeWebapp(ctx, u.id);
  const item = makeItem(ctx, { userId: u.id, webappId: app.id, platform: "tiktok", caption: "By hand", status: "manual_ready" });
  const video = `${u.id}/${app.id}/2026-03-02/item-${item.id}.mp4`;
  const cover = `${u.id}/${app.id}/2026-03-02/item-${item.id}-cover.jpg`;
  await mediaStoreOf(ctx).put(video, { bytes: new Uint8Array(3000).fill(5) });
  await mediaStoreOf(ctx).put(cover, { bytes: new Uint8Array(700).fill(6) });
  ctx.db.update(contentItems).set({ media: { video, cover } }).where(eq(contentItems.id, item.id)).run();
  const row = ctx.db.select().from(contentItems).where(eq(contentItems.id, item.id)).get()!;

  const files = unzip((await exportBundle(ctx, row)).zip, "download");
  expect(files).toContain("video.mp4=3000");
  expect(files).toContain("cover.jpg=700");

  const plan = await exportPlan(ctx, { userId: u.id, what: "item", id: item.id }, ctx.clock.now());
  expect(plan?.files.map((f) => `${f.name}=${f.bytes}`)).toEqual(expect.arrayContaining(["video.mp4=3000", "cover.jpg=700"]));
});
