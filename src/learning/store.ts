import { and, eq, gte, inArray, isNotNull, lt, ne } from "drizzle-orm";
import type { Db } from "../db/client";
import { oncePerDb } from "../db/prepared";
import { contentItems } from "../db/schema/content";
import { historyPosts } from "../db/schema/learning";
import { users } from "../db/schema/accounts";
import { webapps } from "../db/schema/webapps";

/** One of our published posts with its latest snapshot's counters and its counted clicks. */
export interface OwnPostRow {
  id: number;
  platform: string;
  format: "video" | "image" | "text";
  variant: string;
  batchId: number | null;
  hashtags: string;
  arms: string | null;
  caption: string;
  linkUrl: string;
  publishedAt: number;
  impressions: number | null;
  views: number | null;
  reach: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  clicks: number;
}

// The latest snapshot per item through the (item_id, taken_at) index; clicks through link_clicks' primary key.
const ownPosts = oncePerDb((db) =>
  db.$client.query<OwnPostRow, [number]>(
    `SELECT ci.id, ci.platform, ci.format, ci.variant, ci.batch_id AS batchId, ci.hashtags, ci.arms, ci.caption,
            ci.link_url AS linkUrl, mc.published_at AS publishedAt,
            s.impressions, s.views, s.reach, s.likes, s.comments, s.shares, s.saves,
            (SELECT count(*) FROM link_clicks lc WHERE lc.item_id = ci.id) AS clicks
       FROM content_items ci
       JOIN metric_collection mc ON mc.item_id = ci.id
       JOIN metric_snapshots s ON s.id = (SELECT s2.id FROM metric_snapshots s2 WHERE s2.item_id = ci.id ORDER BY s2.taken_at DESC LIMIT 1)
      WHERE ci.webapp_id = ?`,
  ),
);

/** The app's published posts that have at least one metrics reading. */
export function ownPostsOf(db: Db, webappId: number): OwnPostRow[] {
  return ownPosts(db).all(webappId);
}

/** An imported past post. */
export type HistoryRow = typeof historyPosts.$inferSelect;
/** An imported post as the import writes it. */
export type NewHistoryRow = Omit<typeof historyPosts.$inferInsert, "id">;

/** The app's imported past posts. */
export function historyOf(db: Db, webappId: number): HistoryRow[] {
  return db.select().from(historyPosts).where(eq(historyPosts.webappId, webappId)).all();
}

/** Stores one file's rows in one transaction: all or nothing. */
export function insertHistory(db: Db, rows: NewHistoryRow[]): void {
  try {
    db.transaction((tx) => {
      for (let i = 0; i < rows.length; i += 500)
        tx.insert(historyPosts)
          .values(rows.slice(i, i + 500))
          .run();
    });
  } catch (e) {
    throw new Error(`learning.store: cannot insert ${rows.length} imported posts: ${e instanceof Error ? e.message : e}`);
  }
}

/** How many posts the app has imported, per platform. */
export function importedCounts(db: Db, webappId: number): { platform: string; posts: number }[] {
  return db.$client
    .query<{ platform: string; posts: number }, [number]>(
      "SELECT platform, count(*) AS posts FROM history_posts WHERE webapp_id = ? GROUP BY platform ORDER BY platform",
    )
    .all(webappId);
}

/** The app's rejected posts that recorded their arms. */
export function rejectedArms(db: Db, webappId: number): { platform: string; arms: Record<string, string> | null }[] {
  return db
    .select({ platform: contentItems.platform, arms: contentItems.arms })
    .from(contentItems)
    .where(and(eq(contentItems.webappId, webappId), eq(contentItems.status, "rejected"), isNotNull(contentItems.arms)))
    .all();
}

/** The app's other posts planned (or published) in [from, to), outside one batch, per platform: for gaps and daily caps. */
export function appPlannedTimes(db: Db, webappId: number, from: Date, to: Date, exceptBatchId: number): { platform: string; at: Date }[] {
  return db
    .select({ platform: contentItems.platform, at: contentItems.plannedAt })
    .from(contentItems)
    .where(
      and(
        eq(contentItems.webappId, webappId),
        isNotNull(contentItems.plannedAt),
        gte(contentItems.plannedAt, from),
        lt(contentItems.plannedAt, to),
        ne(contentItems.batchId, exceptBatchId),
        inArray(contentItems.status, ["draft", "pending_approval", "approved", "scheduled", "publishing", "published", "manual_ready"]),
      ),
    )
    .all()
    .map((r) => ({ platform: r.platform, at: r.at! }));
}

/** What the learner needs of a web app: owner, zone (the owner's), platforms and allowed hours. */
export interface LearningApp {
  id: number;
  userId: number;
  name: string;
  timezone: string;
  platforms: string[];
  allowedHours: string;
}

const appColumns = {
  id: webapps.id,
  userId: webapps.userId,
  name: webapps.name,
  timezone: users.timezone,
  platforms: webapps.platforms,
  allowedHours: webapps.allowedHours,
};

/** One of the user's web apps (another user's id answers undefined). */
export function appForUser(db: Db, userId: number, webappId: number): LearningApp | undefined {
  return db
    .select(appColumns)
    .from(webapps)
    .innerJoin(users, eq(users.id, webapps.userId))
    .where(and(eq(webapps.id, webappId), eq(webapps.userId, userId)))
    .get();
}

/** The user's web apps, by name. */
export function appsOfUser(db: Db, userId: number): LearningApp[] {
  return db
    .select(appColumns)
    .from(webapps)
    .innerJoin(users, eq(users.id, webapps.userId))
    .where(eq(webapps.userId, userId))
    .orderBy(webapps.name)
    .all();
}
