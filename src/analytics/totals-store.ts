// The hourly totals the triggers keep (metric_hourly_totals, migrations/*_hourly_totals.sql) and the posts read one by one
// beside them: those of a period's ragged edges, and those read or clicked after the period's end (their figures then).
import type { Db } from "../db/client";
import { oncePerDb } from "../db/prepared";
import type { FigureQuery, PostFigures } from "./store";

/** One web app's posts on one platform published in one UTC hour, with the sums of their latest figures. */
export interface HourTotals {
  webappId: number;
  platform: string;
  hour: number; // published_at / 3,600,000
  posts: number;
  views: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  clicks: number;
  watchSeconds: number;
  watchedPosts: number;
  engaged: number;
  ratedViews: number;
  lastActivity: number | null;
}

const hoursStatement = oncePerDb((db) =>
  db.$client.prepare<HourTotals, [{ user: number; from: number; to: number; skip: string; apps: string | null; platforms: string | null }]>(
    `SELECT webapp_id AS webappId, platform, hour, posts, views, likes, comments, shares, saves, clicks,
       watch_seconds AS watchSeconds, watched_posts AS watchedPosts, engaged, rated_views AS ratedViews, last_activity AS lastActivity
     FROM metric_hourly_totals
     WHERE user_id = $user AND hour >= $from AND hour < $to AND posts <> 0
       AND ($skip = '[]' OR hour NOT IN (SELECT value FROM json_each($skip)))
       AND ($apps IS NULL OR webapp_id IN (SELECT value FROM json_each($apps)))
       AND ($platforms IS NULL OR platform IN (SELECT value FROM json_each($platforms)))`,
  ),
);

/** The kept totals of a user's hours in [fromHour, toHour) but `skipHours`, under the query's web app and platform filters. */
export function hourTotals(db: Db, q: FigureQuery, fromHour: number, toHour: number, skipHours: number[]): HourTotals[] {
  return hoursStatement(db).all({
    user: q.userId,
    from: fromHour,
    to: toHour,
    skip: JSON.stringify(skipHours),
    apps: q.webappIds?.length ? JSON.stringify(q.webappIds) : null,
    platforms: q.platforms?.length ? JSON.stringify(q.platforms) : null,
  });
}

/** A post read after a period's end: its figures at the end, and the latest ones the hourly totals hold for it. */
export interface LatePost extends PostFigures {
  kept: Pick<PostFigures, "views" | "likes" | "comments" | "shares" | "saves" | "watchTimeSeconds" | "clicks">;
}

const lateStatement = oncePerDb((db) =>
  db.$client.prepare<
    {
      itemId: number;
      keptViews: number | null;
      keptLikes: number | null;
      keptComments: number | null;
      keptShares: number | null;
      keptSaves: number | null;
      keptWatch: number | null;
      keptClicks: number;
    },
    [{ user: number; from: number; to: number; at: number; apps: string | null; platforms: string | null }]
  >(
    `SELECT item_id AS itemId, latest_views AS keptViews, latest_likes AS keptLikes, latest_comments AS keptComments,
       latest_shares AS keptShares, latest_saves AS keptSaves, latest_watch_seconds AS keptWatch, clicks AS keptClicks
     FROM metric_collection
     WHERE user_id = $user AND published_at >= $from AND published_at < $to AND (latest_taken_at > $at OR last_click_at > $at)
       AND ($apps IS NULL OR webapp_id IN (SELECT value FROM json_each($apps)))
       AND ($platforms IS NULL OR platform IN (SELECT value FROM json_each($platforms)))`,
  ),
);

/** The ids of the posts published in [from, to) read or clicked after `at`, with the latest figures kept for them. */
export function latePosts(db: Db, q: FigureQuery, at: Date): Map<number, LatePost["kept"]> {
  const rows = lateStatement(db).all({
    user: q.userId,
    from: q.from.getTime(),
    to: q.to.getTime(),
    at: at.getTime(),
    apps: q.webappIds?.length ? JSON.stringify(q.webappIds) : null,
    platforms: q.platforms?.length ? JSON.stringify(q.platforms) : null,
  });
  return new Map(
    rows.map((r) => [
      r.itemId,
      {
        views: r.keptViews,
        likes: r.keptLikes,
        comments: r.keptComments,
        shares: r.keptShares,
        saves: r.keptSaves,
        watchTimeSeconds: r.keptWatch,
        clicks: r.keptClicks,
      },
    ]),
  );
}

const lastActivityStatement = oncePerDb((db) =>
  db.$client.prepare<{ at: number | null }, [number, number, number]>(
    "SELECT max(last_activity) AS at FROM metric_hourly_totals WHERE user_id = ? AND hour >= ? AND hour <= ?",
  ),
);

/** The latest reading or click any post of a user published in [from, to) ever had (at least; null when none): whole hours. */
export function lastActivityIn(db: Db, userId: number, from: Date, to: Date): number | null {
  return (
    lastActivityStatement(db).get(userId, Math.floor(from.getTime() / 3_600_000), Math.floor((to.getTime() - 1) / 3_600_000))?.at ?? null
  );
}
