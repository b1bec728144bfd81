import { eq } from "drizzle-orm";
import type { AppContext } from "../../src/app/context";
import { contentEvents, contentItems } from "../../src/db/schema/content";
import type { PlatformId } from "../../src/platforms/ids";
import { type CollectDeps, collectMetrics } from "../../src/metrics/collect";
import { collectionOf, snapshotsOf } from "../../src/metrics/store";
import { createAdapters } from "../../src/publishing/adapters";
import { makeItem } from "../support/publishing-factories";

/** The collector's dependencies for a test context: the real adapters, no jitter. */
export function collectDeps(ctx: AppContext): CollectDeps {
  return { adapters: createAdapters(ctx, { sleep: (ms) => Bun.sleep(ms / 500) }), random: () => 0.5 };
}

/** An item already published on `platform` as `remoteId` (or marked as posted by hand with `permalink`), published now. */
export function publishedItem(
  ctx: AppContext,
  owner: { userId: number; webappId: number },
  platform: PlatformId,
  post: { remoteId?: string; permalink?: string },
) {
  const item = makeItem(ctx, owner, { platform, status: "published" });
  ctx.db
    .update(contentItems)
    .set({ remoteId: post.remoteId ?? null, permalink: post.permalink ?? "" })
    .where(eq(contentItems.id, item.id))
    .run();
  return item;
}

/** The collector's view of one item: its state and its readings. */
export function metricsOf(ctx: AppContext, itemId: number) {
  return { state: collectionOf(ctx.db, itemId), snapshots: snapshotsOf(ctx.db, itemId) };
}

/** The item's history lines written by the collector. */
export function metricEvents(ctx: AppContext, itemId: number) {
  return ctx.db
    .select()
    .from(contentEvents)
    .where(eq(contentEvents.itemId, itemId))
    .all()
    .filter((e) => e.action.startsWith("metrics."));
}

/** Runs the collector as the schedule would. */
export function collect(ctx: AppContext, deps: CollectDeps, itemId?: number) {
  return collectMetrics(ctx, deps, { itemId });
}
