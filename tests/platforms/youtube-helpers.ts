import { createAdapters } from "../../src/publishing/adapters";
import type { PublishDeps } from "../../src/publishing/engine";
import { FakeYouTube } from "../fakes/youtube";
import { makeTestContext } from "../support/context";
import { makeConnection, makeItem, makeOwner, makeVideoFile, publishQueue, recordPublishEvents } from "../support/publishing-factories";

/** A fake YouTube, an app context pointed at it (256 KiB chunks), and an owner with a connected channel. */
export function youtubeWorld(opts: { processingMs?: number; env?: Record<string, string> } = {}) {
  const fake = new FakeYouTube({ processingMs: opts.processingMs ?? 30 }).start();
  const ctx = makeTestContext({ ...fake.env(), AMARKTAI_PLATFORM_YOUTUBE_UPLOAD_CHUNK_BYTES: String(256 * 1024), ...opts.env });
  const owner = makeOwner(ctx);
  const t = fake.issueTokens();
  const conn = makeConnection(ctx, owner.userId, "youtube", {
    accessToken: t.accessToken,
    refreshToken: t.refreshToken,
    expiresAt: new Date(ctx.clock.now().getTime() + t.expiresIn * 1000),
    accountId: fake.channel.id,
    accountName: fake.channel.title,
    extra: { uploads: fake.channel.uploads },
  });
  const deps: PublishDeps = { adapters: createAdapters(ctx, { sleep: (ms) => Bun.sleep(ms / 500) }), random: () => 0.5 };
  const events = recordPublishEvents(ctx);
  return {
    fake,
    ctx,
    owner,
    conn,
    deps,
    events,
    /** An approved YouTube item with a 600 KiB video (three chunks: 256 + 256 + 88 KiB). */
    item(o: Parameters<typeof makeItem>[2] = {}) {
      return makeItem(ctx, owner, {
        platform: "youtube",
        video: makeVideoFile(ctx, `y${Math.random().toString(36).slice(2)}.mp4`, 600 * 1024),
        ...o,
      });
    },
    ...publishQueue(ctx, deps),
    close() {
      fake.stop();
      ctx.cleanup();
    },
  };
}
