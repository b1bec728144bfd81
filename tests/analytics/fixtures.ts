import type { AppContext } from "../../src/app/context";
import { linkClicks } from "../../src/db/schema/clicks";
import { metricCollection, metricSnapshots } from "../../src/db/schema/metrics";
import type { PlatformId } from "../../src/platforms/ids";
import { makeItem } from "../support/content-factories";

/** One reading to seed: when, and the counters (missing = the platform gives none). */
export interface Reading {
  at: string;
  views?: number;
  likes?: number;
  comments?: number;
  shares?: number;
  saves?: number;
}

/** A published post with its collection state, readings and clicks, as the collector and the redirect would have left them. */
export function seedPost(
  ctx: AppContext,
  o: {
    userId: number;
    webappId: number;
    platform: PlatformId;
    publishedAt: string;
    caption?: string;
    readings?: Reading[];
    clicks?: string[]; // times of counted clicks
    removed?: boolean;
    permalink?: string;
    media?: Record<string, unknown>;
  },
) {
  const item = makeItem(ctx, {
    userId: o.userId,
    webappId: o.webappId,
    platform: o.platform,
    status: "published",
    caption: o.caption,
    media: o.media,
  });
  const readings = o.readings ?? [];
  const last = readings.at(-1);
  ctx.db
    .insert(metricCollection)
    .values({
      itemId: item.id,
      userId: o.userId,
      platform: o.platform,
      remoteId: `r${item.id}`,
      publishedAt: new Date(o.publishedAt),
      state: o.removed ? "removed" : "collecting",
      lastGoodAt: last ? new Date(last.at) : null,
      removedAt: o.removed ? new Date(last?.at ?? o.publishedAt) : null,
    })
    .run();
  for (const r of readings)
    ctx.db
      .insert(metricSnapshots)
      .values({
        itemId: item.id,
        userId: o.userId,
        webappId: o.webappId,
        platform: o.platform,
        takenAt: new Date(r.at),
        views: r.views ?? null,
        likes: r.likes ?? null,
        comments: r.comments ?? null,
        shares: r.shares ?? null,
        saves: r.saves ?? null,
      })
      .run();
  (o.clicks ?? []).forEach((at, i) =>
    ctx.db
      .insert(linkClicks)
      .values({ itemId: item.id, day: at.slice(0, 10), visitor: `v${i}`, code: `c${item.id}`, clickedAt: new Date(at) })
      .run(),
  );
  if (o.permalink) ctx.db.$client.run("UPDATE content_items SET permalink = ? WHERE id = ?", [o.permalink, item.id]);
  return item;
}
