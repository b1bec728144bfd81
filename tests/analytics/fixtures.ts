import type { AppContext } from "../../src/app/context";
import { linkClicks } from "../../src/db/schema/clicks";
import { metricCollection, metricSnapshots } from "../../src/db/schema/metrics";
import type { PlatformId } from "../../src/platforms/ids";
import { makeItem, makeUser, makeWebapp } from "../support/content-factories";

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

/**
 * Two web apps of a New York user: post a (X, published 28 Feb 20:30 local, read three times, 3 clicks), b (YouTube, 5 Mar),
 * c (X, never read), old (LinkedIn, in the week before), and a stranger's post that must never show.
 */
export function seedWorld(ctx: AppContext) {
  const user = makeUser(ctx, { timezone: "America/New_York" });
  const notes = makeWebapp(ctx, user.id, "Acme Notes");
  const tasks = makeWebapp(ctx, user.id, "Acme Tasks");
  // Published 1 Mar 01:30 UTC = 28 Feb 20:30 in New York: a local day the UTC date would get wrong.
  const a = seedPost(ctx, {
    userId: user.id,
    webappId: notes.id,
    platform: "x",
    publishedAt: "2026-03-01T01:30:00Z",
    readings: [
      { at: "2026-03-01T02:30:00Z", views: 100, likes: 5, comments: 1, shares: 0, saves: 0 },
      { at: "2026-03-03T02:30:00Z", views: 400, likes: 20, comments: 4, shares: 2 },
      { at: "2026-03-20T00:00:00Z", views: 900, likes: 50, comments: 9, shares: 3 },
    ],
    clicks: ["2026-03-01T05:00:00Z", "2026-03-02T05:00:00Z", "2026-03-25T00:00:00Z"],
  });
  const b = seedPost(ctx, {
    userId: user.id,
    webappId: tasks.id,
    platform: "youtube",
    publishedAt: "2026-03-05T15:00:00Z",
    readings: [{ at: "2026-03-06T15:00:00Z", views: 1000, likes: 30, comments: 10, saves: 10 }],
  });
  // Never read: counts as a post with no figures and no rate.
  const c = seedPost(ctx, { userId: user.id, webappId: tasks.id, platform: "x", publishedAt: "2026-03-06T12:00:00Z" });
  // In the previous period (22-28 Feb in New York).
  const old = seedPost(ctx, {
    userId: user.id,
    webappId: notes.id,
    platform: "linkedin",
    publishedAt: "2026-02-25T12:00:00Z",
    readings: [
      { at: "2026-02-26T12:00:00Z", views: 50, likes: 5 },
      { at: "2026-03-04T12:00:00Z", views: 80, likes: 8 },
    ],
  });
  const stranger = makeUser(ctx);
  const theirs = makeWebapp(ctx, stranger.id, "Other");
  const theirPost = seedPost(ctx, {
    userId: stranger.id,
    webappId: theirs.id,
    platform: "x",
    publishedAt: "2026-03-02T12:00:00Z",
    readings: [{ at: "2026-03-03T12:00:00Z", views: 99999 }],
  });
  return { user, notes, tasks, a, b, c, old, stranger, theirs, theirPost };
}
