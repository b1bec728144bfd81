import { afterEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import { createAdapters } from "../../src/platforms/registry";
import { publishHandlers } from "../../src/publishing/handlers";
import { runDuePublishJobs } from "../../src/publishing/runner";
import { schedulePublishing } from "../../src/publishing/schedule";
import { FakeMeta } from "../fakes/meta";
import { makeTestContext } from "../support/context";
import { makeConnection, makeImageFile, makeItem, makeOwner } from "../support/publishing-factories";

let close: (() => void) | undefined;
afterEach(() => close?.());

function pageWorld(env: Record<string, string> = {}) {
  const fake = new FakeMeta({ processingMs: 0 }).start();
  const ctx = makeTestContext({ ...fake.env(), ...env });
  close = () => (fake.stop(), ctx.cleanup());
  const owner = makeOwner(ctx);
  makeConnection(ctx, owner.userId, "facebook", { accessToken: fake.issuePageToken(), refreshToken: fake.issueLongToken(), expiresAt: new Date(ctx.clock.now().getTime() + 60 * 86_400_000), accountId: fake.page.id });
  const deps = { adapters: createAdapters(ctx, { sleep: (ms: number) => Bun.sleep(ms / 500) }), random: () => 0.5 };
  return {
    fake,
    ctx,
    owner,
    async run() {
      schedulePublishing(ctx, ctx.clock.now());
      await runDuePublishJobs(ctx, publishHandlers(ctx, deps));
    },
    get: (id: number) => ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!,
  };
}

describe("Facebook Page photos: multipart POST /{page-id}/photos", () => {
  test("an image item is uploaded as `source` with the caption as `message` and published once", async () => {
    const w = pageWorld();
    const img = await makeImageFile(w.ctx, "fb.jpg", 1080, 1350);
    const item = makeItem(w.ctx, w.owner, { platform: "facebook", format: "image", images: [img] });
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("published");
    const [photo] = w.fake.pagePhotos.photos;
    expect(w.fake.pagePhotos.photos).toHaveLength(1);
    expect(photo!.type).toBe("image/jpeg");
    expect(photo!.bytes).toBe(Bun.file(`${w.ctx.config.storage.media_dir}/${img.path}`).size);
    expect(photo!.name).toContain(item.caption);
    expect(got.remoteId).toBe(photo!.id);
    expect(got.permalink).toBe(`https://www.facebook.com/${photo!.postId}`);
  });

  test("a lost answer is reconciled from the Page's uploaded photos: still exactly one photo", async () => {
    const w = pageWorld();
    w.fake.fail("photo", "accept_then_500");
    const item = makeItem(w.ctx, w.owner, { platform: "facebook", format: "image", images: [await makeImageFile(w.ctx, "lost.jpg")] });
    await w.run();
    w.ctx.clock.advance(61_000);
    await w.run();
    expect(w.get(item.id).status).toBe("published");
    expect(w.fake.pagePhotos.photos).toHaveLength(1);
    expect(w.get(item.id).remoteId).toBe(w.fake.pagePhotos.photos[0]!.id);
  });

  test("a text-only item is refused with what to do instead", async () => {
    const w = pageWorld();
    const item = makeItem(w.ctx, w.owner, { platform: "facebook", format: "text" });
    await w.run();
    expect(w.get(item.id).failure).toContain("post it by hand");
    expect(w.fake.pagePhotos.photos).toHaveLength(0);
  });
});
