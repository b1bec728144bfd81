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
}

// Posts come from the collection schedule's (user_id, published_at) index. A period ending at or after a post's latest
// reading and latest click (the usual case: periods end today) takes its counters from the post's collection row, kept by
// triggers (migrations/*_latest_reading.sql); an earlier end reads the history: a single descent of
// metric_snapshots(item_id, taken_at) and a range of link_clicks' key (click days are UTC; only the last day's rows need
// their time read).
const figuresStatement = oncePerDb((db) =>
  db.$client.prepare<
    Omit<PostFigures, "removed"> & { removed: number },
    [{ user: number; from: number; to: number; toDay: string; apps: string | null; platforms: string | null }]
  >(
    `SELECT mc.item_id AS itemId, c.webapp_id AS webappId, mc.platform AS platform, mc.published_at AS publishedAt,
       mc.state = 'removed' AS removed,
       iif(mc.latest_taken_at <= $to, mc.latest_views, s.views) AS views,
       iif(mc.latest_taken_at <= $to, mc.latest_likes, s.likes) AS likes,
       iif(mc.latest_taken_at <= $to, mc.latest_comments, s.comments) AS comments,
       iif(mc.latest_taken_at <= $to, mc.latest_shares, s.shares) AS shares,
       iif(mc.latest_taken_at <= $to, mc.latest_saves, s.saves) AS saves,
       iif(mc.latest_taken_at <= $to, mc.latest_watch_seconds, s.watch_time_seconds) AS watchTimeSeconds,
       iif(mc.latest_taken_at <= $to, mc.latest_avg_view_seconds, s.avg_view_seconds) AS avgViewSeconds,
       iif(mc.latest_taken_at <= $to, mc.latest_completion, s.completion_rate) AS completionRate,
       iif(mc.latest_taken_at <= $to, mc.latest_taken_at, s.taken_at) AS readAt,
       CASE WHEN mc.last_click_at IS NULL OR mc.last_click_at <= $to THEN mc.clicks ELSE
         (SELECT count(*) FROM link_clicks k WHERE k.item_id = mc.item_id AND (k.day < $toDay OR (k.day = $toDay AND k.clicked_at <= $to)))
       END AS clicks
     FROM metric_collection mc
     JOIN content_items c ON c.id = mc.item_id
     -- CASE, not AND: the join's key is computed before other terms of ON, so only CASE spares the kept rows the descent.
     LEFT JOIN metric_snapshots s ON s.id = CASE WHEN mc.latest_taken_at <= $to THEN NULL ELSE (
       SELECT l.id FROM metric_snapshots l WHERE l.item_id = mc.item_id AND l.taken_at <= $to ORDER BY l.taken_at DESC, l.id DESC LIMIT 1) END
     WHERE mc.user_id = $user AND mc.published_at >= $from AND mc.published_at < $to
       AND ($apps IS NULL OR c.webapp_id IN (SELECT value FROM json_each($apps)))
       AND ($platforms IS NULL OR mc.platform IN (SELECT value FROM json_each($platforms)))`,
  ),
);

/** The posts a query covers with their figures, in no particular order. */
export function postFigures(db: Db, q: FigureQuery): PostFigures[] {
  const apps = q.webappIds?.length ? JSON.stringify(q.webappIds) : null;
  const platforms = q.platforms?.length ? JSON.stringify(q.platforms) : null;
  const rows = figuresStatement(db).all({
    user: q.userId,
    from: q.from.getTime(),
    to: q.to.getTime(),
    toDay: q.to.toISOString().slice(0, 10),
    apps,
    platforms,
  });
  for (const r of rows) (r as unknown as PostFigures).removed = r.removed === 1;
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
