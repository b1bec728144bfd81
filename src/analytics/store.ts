import type { Db } from "../db/client";
import { oncePerDb } from "../db/prepared";

/** What a store query of the analytics page is limited to: one user's posts published in [from, to), figures as they stood at `to`. */
export interface FigureQuery {
  userId: number;
  from: Date;
  to: Date;
  webappIds?: number[];
  platforms?: string[];
}

/** How postFigures reads: figures as they stood at `at` (default: the query's end), and only the posts read or clicked after it. */
export interface FigureOptions {
  at?: Date;
  lateOnly?: boolean;
}

/** One published post with its latest reading at or before the query's end (counters null where unknown or never read). */
export interface PostFigures {
  itemId: number;
  webappId: number;
  platform: string;
  publishedAt: number; // ms
  removed: boolean;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  watchTimeSeconds: number | null;
  avgViewSeconds: number | null;
  completionRate: number | null;
  clicks: number;
  readAt: number | null; // ms: when the reading used was taken
  late: boolean; // read or clicked after the instant the figures are taken at (so they are not its latest ones)
}

// Posts come from the collection schedule's (user_id, published_at) index. A period ending at or after a post's latest
// reading and latest click (the usual case: periods end today) takes its counters from the post's collection row, kept by
// triggers (migrations/*_latest_reading.sql); an earlier end reads the history: a single descent of
// metric_snapshots(item_id, taken_at) and a range of link_clicks' key (click days are UTC; only the last day's rows need
// their time read).
const figuresStatement = oncePerDb((db) =>
  db.$client.prepare<
    Omit<PostFigures, "removed" | "late"> & { removed: number; late: number },
    [{ user: number; from: number; to: number; at: number; atDay: string; late: number; apps: string | null; platforms: string | null }]
  >(
    `SELECT mc.item_id AS itemId, mc.webapp_id AS webappId, mc.platform AS platform, mc.published_at AS publishedAt,
       mc.state = 'removed' AS removed, coalesce(mc.latest_taken_at > $at OR mc.last_click_at > $at, 0) AS late,
       iif(mc.latest_taken_at <= $at, mc.latest_views, s.views) AS views,
       iif(mc.latest_taken_at <= $at, mc.latest_likes, s.likes) AS likes,
       iif(mc.latest_taken_at <= $at, mc.latest_comments, s.comments) AS comments,
       iif(mc.latest_taken_at <= $at, mc.latest_shares, s.shares) AS shares,
       iif(mc.latest_taken_at <= $at, mc.latest_saves, s.saves) AS saves,
       iif(mc.latest_taken_at <= $at, mc.latest_watch_seconds, s.watch_time_seconds) AS watchTimeSeconds,
       iif(mc.latest_taken_at <= $at, mc.latest_avg_view_seconds, s.avg_view_seconds) AS avgViewSeconds,
       iif(mc.latest_taken_at <= $at, mc.latest_completion, s.completion_rate) AS completionRate,
       iif(mc.latest_taken_at <= $at, mc.latest_taken_at, s.taken_at) AS readAt,
       CASE WHEN mc.last_click_at IS NULL OR mc.last_click_at <= $at THEN mc.clicks ELSE
         (SELECT count(*) FROM link_clicks k WHERE k.item_id = mc.item_id AND (k.day < $atDay OR (k.day = $atDay AND k.clicked_at <= $at)))
       END AS clicks
     FROM metric_collection mc
     -- CASE, not AND: the join's key is computed before other terms of ON, so only CASE spares the kept rows the descent.
     LEFT JOIN metric_snapshots s ON s.id = CASE WHEN mc.latest_taken_at <= $at THEN NULL ELSE (
       SELECT l.id FROM metric_snapshots l WHERE l.item_id = mc.item_id AND l.taken_at <= $at ORDER BY l.taken_at DESC, l.id DESC LIMIT 1) END
     WHERE mc.user_id = $user AND mc.published_at >= $from AND mc.published_at < $to
       AND ($late = 0 OR mc.latest_taken_at > $at OR mc.last_click_at > $at)
       AND ($apps IS NULL OR mc.webapp_id IN (SELECT value FROM json_each($apps)))
       AND ($platforms IS NULL OR mc.platform IN (SELECT value FROM json_each($platforms)))`,
  ),
);

/** The posts a query covers with their figures (as they stood at the query's end unless `o.at` says), in no particular order. */
export function postFigures(db: Db, q: FigureQuery, o: FigureOptions = {}): PostFigures[] {
  const at = o.at ?? q.to;
  const apps = q.webappIds?.length ? JSON.stringify(q.webappIds) : null;
  const platforms = q.platforms?.length ? JSON.stringify(q.platforms) : null;
  const rows = figuresStatement(db).all({
    user: q.userId,
    from: q.from.getTime(),
    to: q.to.getTime(),
    at: at.getTime(),
    atDay: at.toISOString().slice(0, 10),
    late: o.lateOnly ? 1 : 0,
    apps,
    platforms,
  });
  for (const r of rows) {
    (r as unknown as PostFigures).removed = r.removed === 1;
    (r as unknown as PostFigures).late = r.late === 1;
  }
  return rows as unknown as PostFigures[];
}

/** What a posts table shows of a post beside its figures. */
export interface PostDetails {
  itemId: number;
  webappName: string;
  caption: string;
  title: string;
  cover: string | null;
  firstImage: string | null;
  permalink: string | null;
}

/** The caption, cover and permalink of some posts of a user (others' items are left out). */
export function postDetails(db: Db, userId: number, itemIds: number[]): Map<number, PostDetails> {
  const out = new Map<number, PostDetails>();
  for (let i = 0; i < itemIds.length; i += 500) {
    const rows = detailsStatement(db).all(userId, JSON.stringify(itemIds.slice(i, i + 500)));
    for (const r of rows) out.set(r.itemId, r);
  }
  return out;
}

const detailsStatement = oncePerDb((db) =>
  db.$client.prepare<PostDetails, [number, string]>(
    `SELECT c.id AS itemId, w.name AS webappName, c.caption AS caption, c.title AS title,
       json_extract(c.media, '$.cover') AS cover, json_extract(c.media, '$.images[0].path') AS firstImage,
       c.permalink AS permalink
     FROM content_items c
     JOIN webapps w ON w.id = c.webapp_id
     WHERE c.user_id = ?1 AND c.id IN (SELECT value FROM json_each(?2))`,
  ),
);

const namesStatement = oncePerDb((db) =>
  db.$client.prepare<{ id: number; name: string }, [number]>("SELECT id, name FROM webapps WHERE user_id = ? ORDER BY name, id"),
);

/** A user's web apps (id and name), by name. */
export function webappNames(db: Db, userId: number): { id: number; name: string }[] {
  return namesStatement(db).all(userId);
}

/** How rankedFigures orders posts: by a figure, highest first, unknown last, then newest first (as the page's ranking). */
export type RankKey = "views" | "engagement" | "clicks" | "time";

const RANK_SQL: Record<RankKey, string> = {
  views: "coalesce(latest_views, -1)",
  engagement:
    "coalesce(iif(latest_views > 0, (coalesce(latest_likes, 0) + coalesce(latest_comments, 0) + coalesce(latest_shares, 0) + coalesce(latest_saves, 0)) * 1.0 / latest_views, NULL), -1)",
  clicks: "clicks",
  time: "published_at",
};

const rankedStatements = oncePerDb((db) => {
  const make = (key: RankKey) =>
    db.$client.prepare<
      Omit<PostFigures, "removed" | "late"> & { removed: number; late: number },
      [{ user: number; from: number; to: number; apps: string | null; platforms: string | null; limit: number; offset: number }]
    >(
      `SELECT item_id AS itemId, webapp_id AS webappId, platform, published_at AS publishedAt, state = 'removed' AS removed,
         latest_views AS views, latest_likes AS likes, latest_comments AS comments, latest_shares AS shares, latest_saves AS saves,
         latest_watch_seconds AS watchTimeSeconds, latest_avg_view_seconds AS avgViewSeconds, latest_completion AS completionRate,
         latest_taken_at AS readAt, clicks, 0 AS late
       FROM metric_collection
       WHERE user_id = $user AND published_at >= $from AND published_at < $to
         AND ($apps IS NULL OR webapp_id IN (SELECT value FROM json_each($apps)))
         AND ($platforms IS NULL OR platform IN (SELECT value FROM json_each($platforms)))
       ORDER BY ${RANK_SQL[key]} DESC, published_at DESC, item_id DESC LIMIT $limit OFFSET $offset`,
    );
  return { views: make("views"), engagement: make("engagement"), clicks: make("clicks"), time: make("time") };
});

/**
 * One page of a query's posts ranked by `key`, with their latest figures: right only when no post of the query was read
 * or clicked after its end (the usual period that ends today); otherwise rank postFigures' answer.
 */
export function rankedFigures(db: Db, q: FigureQuery, key: RankKey, limit: number, offset = 0): PostFigures[] {
  const rows = rankedStatements(db)[key].all({
    user: q.userId,
    from: q.from.getTime(),
    to: q.to.getTime(),
    apps: q.webappIds?.length ? JSON.stringify(q.webappIds) : null,
    platforms: q.platforms?.length ? JSON.stringify(q.platforms) : null,
    limit,
    offset,
  });
  for (const r of rows) {
    (r as unknown as PostFigures).removed = r.removed === 1;
    (r as unknown as PostFigures).late = false;
  }
  return rows as unknown as PostFigures[];
}

const countStatement = oncePerDb((db) =>
  db.$client.prepare<{ n: number }, [{ user: number; from: number; to: number; apps: string | null; platforms: string | null }]>(
    `SELECT count(*) AS n FROM metric_collection
     WHERE user_id = $user AND published_at >= $from AND published_at < $to
       AND ($apps IS NULL OR webapp_id IN (SELECT value FROM json_each($apps)))
       AND ($platforms IS NULL OR platform IN (SELECT value FROM json_each($platforms)))`,
  ),
);

/** How many posts a query covers. */
export function countPosts(db: Db, q: FigureQuery): number {
  return countStatement(db).get({
    user: q.userId,
    from: q.from.getTime(),
    to: q.to.getTime(),
    apps: q.webappIds?.length ? JSON.stringify(q.webappIds) : null,
    platforms: q.platforms?.length ? JSON.stringify(q.platforms) : null,
  })!.n;
}
