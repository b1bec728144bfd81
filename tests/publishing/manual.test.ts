import { afterEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { contentEvents, contentItems } from "../../src/db/schema/content";
import { writePhase } from "../../src/publishing/store";
import { exportBundle, markPostedByHand, retryItem } from "../../src/publishing/manual";
import { makeItem, makeVideoFile } from "../support/publishing-factories";
import { xWorld } from "../platforms/x-helpers";

let w: ReturnType<typeof xWorld>;
afterEach(() => w?.close());

describe("manual retry, mark as posted, export bundle", () => {
  test("a failed item is retried by hand with a fresh journal and a new job, and publishes", async () => {
    w = xWorld();
    w.fake.fail("finalize", "media_rejected");
    const item = w.item();
    await w.run();
    expect(w.get(item.id).status).toBe("failed");
    const actor = { userId: w.owner.userId, channel: "web" as const };
    expect(retryItem(w.ctx, actor, item.id)).toEqual({ ok: true });
    expect(w.get(item.id).status).toBe("scheduled");
    expect(w.get(item.id).failure).toBeNull();
    await w.run();
    expect(w.get(item.id).status).toBe("published");
    expect(w.fake.tweets).toHaveLength(1);
    expect(w.history(item.id)).toContain("publish.retry");
  });

  test("retry refuses items that are not failed and other users' items", () => {
    w = xWorld();
    const item = w.item();
    expect(retryItem(w.ctx, { userId: w.owner.userId, channel: "web" }, item.id)).toEqual({
      error: "Only failed, unconfirmed or ready-for-manual-posting items can be retried; this one is approved.",
    });
    expect(retryItem(w.ctx, { userId: w.owner.userId + 99, channel: "web" }, item.id)).toEqual({ error: "That item does not exist." });
  });

  test("mark as posted stores the URL and publishes the item; a bad URL is refused", () => {
    w = xWorld();
    const item = makeItem(w.ctx, w.owner, { platform: "tiktok" });
    const actor = { userId: w.owner.userId, channel: "web" as const };
    expect(markPostedByHand(w.ctx, actor, item.id, "javascript:alert(1)")).toEqual({
      error: "Paste the post's address, starting with https://.",
    });
    expect(markPostedByHand(w.ctx, actor, item.id, "https://www.tiktok.com/@me/video/123")).toEqual({ ok: true });
    const got = w.ctx.db.select().from(contentItems).where(eq(contentItems.id, item.id)).get()!;
    expect(got.status).toBe("published");
    expect(got.permalink).toBe("https://www.tiktok.com/@me/video/123");
  });

  test("an item for a platform that is not connected ends ready for manual posting (never failed), and its bundle has everything", async () => {
    w = xWorld();
    const item = makeItem(w.ctx, w.owner, { platform: "tiktok", video: makeVideoFile(w.ctx, "tt.mp4", 2048), hashtags: ["a", "#b"] });
    await w.run();
    const got = w.ctx.db.select().from(contentItems).where(eq(contentItems.id, item.id)).get()!;
    expect(got.status).toBe("manual_ready");
    expect(got.failure).toContain("TikTok is not connected, so this post is ready for manual posting: download the export bundle");
    const history = w.ctx.db.select().from(contentEvents).where(eq(contentEvents.itemId, item.id)).all();
    expect(history.map((e) => e.toStatus)).not.toContain("failed");
    expect(history.at(-1)?.action).toBe("publish.manual_ready");
    const { filename, zip } = await exportBundle(w.ctx, got);
    expect(filename).toBe(`amarktai-tiktok-item-${item.id}.zip`);
    const dir = `${w.ctx.dir}/unzipped`;
    await Bun.write(`${w.ctx.dir}/b.zip`, zip);
    const p = Bun.spawnSync([
      "python3",
      "-c",
      `import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; z.extractall(sys.argv[2]); print(" ".join(sorted(z.namelist())))`,
      `${w.ctx.dir}/b.zip`,
      dir,
    ]);
    expect(p.stdout.toString().trim()).toBe("README.txt caption.txt hashtags.txt post.txt title.txt video.mp4");
    expect(await Bun.file(`${dir}/hashtags.txt`).text()).toBe("#a #b\n");
    expect((await Bun.file(`${dir}/video.mp4`).arrayBuffer()).byteLength).toBe(2048);
    expect(await Bun.file(`${dir}/post.txt`).text()).toContain("utm_content=amk");
    // The README names the post by its title, or its caption's first line where the platform has no title (not the file).
    const readme = await Bun.file(`${dir}/README.txt`).text();
    expect(readme).toContain(`Post for TikTok: "${got.title || got.caption.split("\n")[0]!.slice(0, 60)}`);
    expect(readme).not.toContain('"tt.mp4"');
  });

  test("the daily cap from the table delays the overflow to the next window; none fail", async () => {
    w = xWorld();
    // 98 posts already went out on this account in the last hours (X's table cap is 100 a day).
    const earlier = new Date(w.ctx.clock.now().getTime() - 3 * 3600_000);
    for (let i = 0; i < 98; i++) {
      const old = makeItem(w.ctx, w.owner, { platform: "x", format: "text", status: "published" });
      writePhase(w.ctx.db, old.id, w.conn.id, "create_sent", {}, earlier);
    }
    const items = Array.from({ length: 5 }, (_, i) =>
      makeItem(w.ctx, w.owner, { platform: "x", format: "text", caption: `Post number ${i} about Example App` }),
    );
    await w.run();
    const statuses = () => items.map((i) => w.get(i.id).status);
    expect(statuses().filter((s) => s === "published")).toHaveLength(2);
    expect(statuses().filter((s) => s === "scheduled")).toHaveLength(3);
    // they wait until the oldest post in the moving 24 h window ages out
    expect(w.job(items.find((i) => w.get(i.id).status === "scheduled")!.id).runAt.getTime()).toBe(earlier.getTime() + 24 * 3600_000);
    w.ctx.clock.set(new Date(earlier.getTime() + 24 * 3600_000 + 1000));
    await w.run();
    expect(statuses().every((s) => s === "published")).toBe(true);
    expect(w.fake.createCalls).toBe(5);
  });
});
