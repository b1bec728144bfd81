import { afterAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import { listBatchItems } from "../../src/content/store";
import { mediaStoreOf } from "../../src/media/storage/open";
import { TelegramClient } from "../../src/notify/telegram";
import { sendPreviews } from "../../src/notify/telegram-digest";
import { FakeTelegram } from "../fakes/telegram";
import { makeReadyBatch, makeUser } from "../support/content-factories";
import { s3TestContext } from "../support/s3-context";

// In S3 mode a post's video and images live only in the bucket: the previews upload them from there.
const telegram = new FakeTelegram().start();
const box = await s3TestContext("telegram-media");
const ctx = box.ctx;
afterAll(async () => {
  await telegram.stop();
  await box.stop();
});

test("previews upload the video and the first image kept in the bucket, not the text alone", async () => {
  const u = makeUser(ctx);
  const { batch, items } = makeReadyBatch(ctx, u.id, { platforms: ["tiktok", "instagram", "x"] });
  const store = mediaStoreOf(ctx);
  const video = `${u.id}/${items[0]!.webappId}/2026-03-02/item-${items[0]!.id}.mp4`;
  const image = `${u.id}/${items[1]!.webappId}/2026-03-02/upload-1.png`;
  await store.put(video, { bytes: new Uint8Array(4096).fill(1) });
  await store.put(image, { bytes: new Uint8Array(1500).fill(2) });
  const setMedia = (id: number, media: Record<string, unknown>) =>
    ctx.db.update(contentItems).set({ media }).where(eq(contentItems.id, id)).run();
  setMedia(items[0]!.id, { video });
  setMedia(items[1]!.id, { images: [{ path: image, width: 1080, height: 1080 }] });

  const client = new TelegramClient(telegram.url, telegram.token);
  expect(await sendPreviews(ctx, client, "77", listBatchItems(ctx.db, u.id, batch.id))).toBe(3);
  expect(telegram.callsOf("sendVideo").map((c) => c.file)).toEqual([{ field: "video", name: `item-${items[0]!.id}.mp4`, size: 4096 }]);
  expect(telegram.callsOf("sendPhoto").map((c) => c.file)).toEqual([{ field: "photo", name: "upload-1.png", size: 1500 }]);
  expect(telegram.callsOf("sendMessage")).toHaveLength(1);
});
