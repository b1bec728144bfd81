import type { Config } from "../../config/schema";
import { type Connection, PlatformError, type PostMetrics } from "../types";
import { youtubeVideoAnalytics } from "./analytics";
import { youtubeClient, youtubeError } from "./client";

// Counters arrive as strings (uint64 as JSON strings); anything else is passed on for the collector to refuse.
const count = (v: unknown) =>
  v === null || v === undefined ? undefined : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : (v as number);

/** How many ids videos.list takes per call (each call costs 1 quota unit whatever the count). */
export const YOUTUBE_IDS_PER_CALL = 50;

/**
 * Counters of up to 50 videos: views, likes and comments from one videos.list part=statistics call (1 Data API unit),
 * then watch time, average view duration, completion and shares from one Analytics API report (its own quota). YouTube
 * leaves deleted or private videos out of `items`; those are missing from the map. Without the Analytics scope the
 * Data API counters come alone, marked withheld; an Analytics quota or rate answer throws, so the account backs off.
 */
export async function youtubeMetricsBatch(
  cfg: Config["platform_youtube"],
  conn: Connection,
  videoIds: string[],
  now: Date,
): Promise<Map<string, PostMetrics>> {
  if (videoIds.length > YOUTUBE_IDS_PER_CALL) throw new Error(`youtube: at most ${YOUTUBE_IDS_PER_CALL} ids per videos.list call`);
  const { yt } = youtubeClient(cfg, conn.accessToken);
  let items;
  try {
    // One comma-separated id parameter, as the reference documents it.
    const res = await yt.videos.list({ part: ["statistics"], id: [videoIds.join(",")] });
    items = res.data.items ?? [];
  } catch (e) {
    throw metricsError(e, now);
  }
  const out = new Map<string, PostMetrics>();
  for (const v of items) {
    const s = v.statistics ?? {};
    if (v.id) out.set(v.id, { views: count(s.viewCount), likes: count(s.likeCount), comments: count(s.commentCount), fetchedAt: now });
  }
  if (out.size === 0) return out;
  const analytics = await youtubeVideoAnalytics(cfg, conn, [...out.keys()], now);
  for (const [id, m] of out) {
    if ("withheld" in analytics) m.withheld = analytics.withheld;
    else Object.assign(m, analytics.byVideo.get(id));
  }
  return out;
}

/** One video's counters (videos.list part=statistics). */
export async function youtubeMetrics(cfg: Config["platform_youtube"], conn: Connection, videoId: string, now: Date): Promise<PostMetrics> {
  const m = (await youtubeMetricsBatch(cfg, conn, [videoId], now)).get(videoId);
  if (!m) throw new PlatformError("not_found", `YouTube says video ${videoId} does not exist (deleted or private)`);
  return m;
}

/** The channel's subscriber count: channels.list part=statistics&mine=true (1 unit); hidden counts give none. */
export async function youtubeSubscribers(cfg: Config["platform_youtube"], conn: Connection, now: Date): Promise<number> {
  const { yt } = youtubeClient(cfg, conn.accessToken);
  let stats;
  try {
    stats = (await yt.channels.list({ part: ["statistics"], mine: true })).data.items?.[0]?.statistics;
  } catch (e) {
    throw metricsError(e, now);
  }
  if (!stats || stats.hiddenSubscriberCount) throw new PlatformError("rejected", "the channel hides its subscriber count");
  return count(stats.subscriberCount) as number;
}

/** A metrics read's error: a missing scope is a permanent refusal naming the scope to add. */
function metricsError(e: unknown, now: Date): PlatformError {
  const pe = youtubeError(e, "reading video statistics", now);
  const reason = (e as { response?: { data?: { error?: { errors?: { reason?: string }[] } } } }).response?.data?.error?.errors?.[0]?.reason;
  if (pe.status === 403 && (reason === "insufficientPermissions" || reason === "forbidden"))
    return new PlatformError(
      "forbidden",
      `YouTube refused: ${pe.message}`,
      undefined,
      403,
      "https://www.googleapis.com/auth/youtube.readonly",
    );
  return pe;
}
