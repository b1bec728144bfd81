import { expect } from "bun:test";
import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import { createAdapters } from "../../src/publishing/adapters";
import { getConnectionRow, openConnection } from "../../src/publishing/connections";
import { publishHandlers } from "../../src/publishing/handlers";
import { runDuePublishJobs } from "../../src/publishing/runner";
import { schedulePublishing } from "../../src/publishing/schedule";
import { FakeMeta } from "../fakes/meta";
import { makeTestContext } from "../support/context";
import { makeConnection, makeItem, makeOwner, makeVideoFile } from "../support/publishing-factories";

/** A Reel published to Instagram or a Facebook Page through the queue against the Graph API fake, ready for comments. */
export async function metaWorld(platform: "instagram" | "facebook") {
  const fake = new FakeMeta({ processingMs: 0 }).start();
  const ctx = makeTestContext(fake.env());
  const owner = makeOwner(ctx);
  const ig = platform === "instagram";
  const token = ig ? fake.issueLongToken() : fake.issuePageToken();
  const row = makeConnection(ctx, owner.userId, platform, {
    accessToken: token,
    refreshToken: ig ? token : fake.issueLongToken(),
    expiresAt: new Date(ctx.clock.now().getTime() + 60 * 86_400_000),
    accountId: ig ? fake.ig.id : fake.page.id,
    extra: ig ? { username: fake.ig.username } : {},
  });
  const deps = { adapters: createAdapters(ctx, { sleep: (ms: number) => Bun.sleep(ms / 500) }), random: () => 0.5 };
  const item = makeItem(ctx, owner, { platform, video: makeVideoFile(ctx, "reel.mp4", 100 * 1024) });
  schedulePublishing(ctx, ctx.clock.now());
  await runDuePublishJobs(ctx, publishHandlers(ctx, deps));
  const published = ctx.db.select().from(contentItems).where(eq(contentItems.id, item.id)).get()!;
  expect(published.remoteId).toBeTruthy();
  return {
    fake,
    ctx,
    owner,
    itemId: item.id,
    webappId: published.webappId,
    adapters: deps.adapters,
    conn: openConnection(ctx, getConnectionRow(ctx, row.id)!),
    id: published.remoteId!,
    close: () => (fake.stop(), ctx.cleanup()),
  };
}
