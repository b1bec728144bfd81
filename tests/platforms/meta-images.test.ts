import { afterEach, describe, expect, test } from "bun:test";
import { renameSync } from "node:fs";
import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import { createApp } from "../../src/server/app";
import { SIGNED_MEDIA_PREFIX, signedUrlProblem } from "../../src/media/signed";
import { createAdapters } from "../../src/publishing/adapters";
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
  makeConnection(ctx, owner.userId, "facebook", {
    accessToken: fake.issuePageToken(),
    refreshToken: fake.issueLongToken(),
    expiresAt: new Date(ctx.clock.now().getTime() + 60 * 86_400_000),
    accountId: fake.page.id,
  });
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

function igWorld(env: Record<string, string> = {}) {
  const fake = new FakeMeta({ processingMs: 0 }).start();
  const ctx = makeTestContext({ ...fake.env(), ...env });
  close = () => (fake.stop(), ctx.cleanup());
  const owner = makeOwner(ctx);
  const token = fake.issueLongToken();
  makeConnection(ctx, owner.userId, "instagram", {
    accessToken: token,
    refreshToken: token,
    expiresAt: new Date(ctx.clock.now().getTime() + 60 * 86_400_000),
    accountId: fake.ig.id,
    extra: { username: fake.ig.username },
  });
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

describe("Instagram image posts: an image container pulled from a signed public HTTPS URL", () => {
  test("with an HTTPS public base URL the container gets a signed, valid link to the file and is published", async () => {
    const w = igWorld({ AMARKTAI_SERVER_PUBLIC_BASE_URL: "https://marketing.example.com" });
    // Where the media studio writes: <user>/<webapp>/<date>/<file>.
    const img = await makeImageFile(w.ctx, "item-1-portrait.jpg", 1080, 1350, 0, `${w.owner.userId}/${w.owner.webappId}/2026-03-02`);
    const item = makeItem(w.ctx, w.owner, { platform: "instagram", format: "image", images: [img] });
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("published");
    expect(w.fake.media).toHaveLength(1);
    const link = new URL(w.fake.imageUrlOf(got.remoteId!)!);
    expect(link.origin).toBe("https://marketing.example.com");
    const rel = decodeURIComponent(link.pathname.slice(SIGNED_MEDIA_PREFIX.length));
    expect(rel).toBe(img.path);
    expect(
      signedUrlProblem(w.ctx, rel, link.searchParams.get("exp") ?? undefined, link.searchParams.get("sig") ?? undefined),
    ).toBeUndefined();
    // What Instagram would download: the app serves the file at that link without a session.
    const served = await createApp(w.ctx).handle(new Request(`http://127.0.0.1${link.pathname}${link.search}`));
    expect(served.status).toBe(200);
    expect((await served.arrayBuffer()).byteLength).toBe(Bun.file(`${w.ctx.config.storage.media_dir}/${img.path}`).size);
  });

  test("without an HTTPS public base URL the item fails with the requirement named, and nothing reaches Instagram", async () => {
    const w = igWorld({ AMARKTAI_SERVER_PUBLIC_BASE_URL: "http://192.168.1.20:8080" });
    const item = makeItem(w.ctx, w.owner, { platform: "instagram", format: "image", images: [await makeImageFile(w.ctx, "ig2.jpg")] });
    await w.run();
    const got = w.get(item.id);
    expect(got.status).toBe("failed");
    expect(got.failure).toContain("server.public_base_url");
    expect(got.failure).toContain("https://");
    expect(w.fake.calls.some((c) => c.method === "POST" && c.path === `/${w.fake.ig.id}/media`)).toBe(false);
  });

  test("an image container that reports EXPIRED is made again on the next attempt", async () => {
    const w = igWorld({ AMARKTAI_SERVER_PUBLIC_BASE_URL: "https://marketing.example.com" });
    const item = makeItem(w.ctx, w.owner, { platform: "instagram", format: "image", images: [await makeImageFile(w.ctx, "ig-exp.jpg")] });
    w.fake.fail("status", "container_expired");
    await w.run();
    expect(w.get(item.id).status).toBe("scheduled");
    expect(w.fake.media).toHaveLength(0);
    w.ctx.clock.advance(3600_000);
    await w.run();
    expect(w.get(item.id).status).toBe("published");
    expect(w.fake.calls.filter((c) => c.method === "POST" && c.path === `/${w.fake.ig.id}/media`)).toHaveLength(2);
  }, 10_000);

  test("a PNG is refused (Instagram image containers take JPEG only)", async () => {
    const w = igWorld({ AMARKTAI_SERVER_PUBLIC_BASE_URL: "https://marketing.example.com" });
    const jpg = await makeImageFile(w.ctx, "pic.jpg");
    renameSync(`${w.ctx.config.storage.media_dir}/${jpg.path}`, `${w.ctx.config.storage.media_dir}/test/pic.png`);
    const item = makeItem(w.ctx, w.owner, { platform: "instagram", format: "image", images: [{ ...jpg, path: "test/pic.png" }] });
    await w.run();
    expect(w.get(item.id).failure).toContain("JPEG");
    expect(w.fake.media).toHaveLength(0);
  });
});
