import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import { jobs } from "../../src/db/schema/jobs";
import { createAdapters } from "../../src/platforms/registry";
import type { PublishDeps } from "../../src/publishing/engine";
import { publishHandlers } from "../../src/publishing/handlers";
import { runDuePublishJobs } from "../../src/publishing/runner";
import { schedulePublishing } from "../../src/publishing/schedule";
import { FakeYouTube } from "../fakes/youtube";
import { makeTestContext } from "../support/context";
import { makeConnection, makeItem, makeOwner, makeVideoFile } from "../support/publishing-factories";

/** A fake YouTube, an app context pointed at it (256 KiB chunks), and an owner with a connected channel. */
export function youtubeWorld(opts: { processingMs?: number } = {}) {
  const fake = new FakeYouTube({ processingMs: opts.processingMs ?? 30 }).start();
  const ctx = makeTestContext({ ...fake.env(), AMARKTAI_PLATFORM_YOUTUBE_UPLOAD_CHUNK_BYTES: String(256 * 1024) });
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
  const events: string[] = [];
  ctx.events.on("content.attention", () => void events.push("content.attention"));
  ctx.events.on("connection.revoked", () => void events.push("connection.revoked"));
  return {
    fake,
    ctx,
    owner,
    conn,
    deps,
    events,
    /** An approved YouTube item with a 600 KiB video (three chunks: 256 + 256 + 88 KiB). */
    item(o: Parameters<typeof makeItem>[2] = {}) {
      return makeItem(ctx, owner, { platform: "youtube", video: makeVideoFile(ctx, `y${Math.random().toString(36).slice(2)}.mp4`, 600 * 1024), ...o });
    },
    async run() {
      schedulePublishing(ctx, ctx.clock.now());
      return runDuePublishJobs(ctx, publishHandlers(ctx, deps));
    },
    get: (id: number) => ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!,
    job: (id: number) => ctx.db.select().from(jobs).where(eq(jobs.key, `publish:${id}`)).get()!,
    close() {
      fake.stop();
      ctx.cleanup();
    },
  };
}
