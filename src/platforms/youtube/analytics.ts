// Only the YouTube Analytics module of googleapis (the index loads every Google API).
import { youtubeAnalytics } from "googleapis/build/src/apis/youtubeAnalytics";
import type { Config } from "../../config/schema";
import { type Connection, PlatformError, type PostMetrics } from "../types";
import { YOUTUBE_ANALYTICS_SCOPE, youtubeAuth, youtubeError } from "./client";

/** What the Analytics API adds to a video's Data API counters. */
export type VideoAnalytics = Pick<PostMetrics, "watchTimeSeconds" | "avgViewSeconds" | "completionRate" | "shares">;

/** The Analytics answer for some videos: their figures by id, or the scope it withheld them for. */
export type AnalyticsAnswer = { byVideo: Map<string, VideoAnalytics> } | { withheld: NonNullable<PostMetrics["withheld"]> };

const METRICS = ["views", "estimatedMinutesWatched", "averageViewDuration", "averageViewPercentage", "shares"] as const;
// Lifetime figures: from before any upload to today in Pacific time (the day YouTube Analytics counts in).
const START_DATE = "2005-02-14";
const pacificDay = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles", year: "numeric", month: "2-digit", day: "2-digit" });

/**
 * Lifetime watch time, average view duration, average share watched and shares of up to 200 of the channel's videos in
 * one YouTube Analytics API v2 reports.query (ids=channel==MINE, dimensions=video, filters=video==a,b,...; scope
 * yt-analytics.readonly; its own quota, no Data API units). Videos without analytics data yet (the first day or two) are
 * missing from the map. A missing scope is answered as withheld, not thrown; quota and rate answers throw for backoff.
 */
export async function youtubeVideoAnalytics(
  cfg: Config["platform_youtube"],
  conn: Connection,
  videoIds: string[],
  now: Date,
): Promise<AnalyticsAnswer> {
  if (videoIds.length > 200) throw new Error("youtube: at most 200 videos per analytics report");
  const auth = youtubeAuth(cfg);
  auth.setCredentials({ access_token: conn.accessToken });
  const api = youtubeAnalytics({ version: "v2", auth, rootUrl: `${cfg.analytics_root}/` });
  let table;
  try {
    const res = await api.reports.query({
      ids: "channel==MINE",
      startDate: START_DATE,
      endDate: pacificDay.format(now),
      dimensions: "video",
      filters: `video==${videoIds.join(",")}`,
      metrics: METRICS.join(","),
      // The top-videos report requires a sort and maxResults.
      sort: "-views",
      maxResults: videoIds.length,
    });
    table = res.data;
  } catch (e) {
    const withheld = scopeMissing(e);
    if (withheld) return { withheld };
    const pe = youtubeError(e, "reading video analytics", now);
    throw new PlatformError(pe.kind, `YouTube Analytics API: ${pe.message}`, pe.retryAt, pe.status);
  }
  const names = (table.columnHeaders ?? []).map((h) => h.name ?? "");
  const col = (name: string) => names.indexOf(name);
  const [video, minutes, avg, pct, shares] = [
    "video",
    "estimatedMinutesWatched",
    "averageViewDuration",
    "averageViewPercentage",
    "shares",
  ].map(col);
  const byVideo = new Map<string, VideoAnalytics>();
  for (const row of table.rows ?? []) {
    const id = row[video!];
    if (typeof id !== "string") continue;
    byVideo.set(id, {
      // Minutes and percent as documented; anything not a number is passed on for the collector to refuse.
      watchTimeSeconds: scaled(row[minutes!], 60),
      avgViewSeconds: row[avg!] as number | undefined,
      // averageViewPercentage may pass 100 when viewers rewatch a short video; completion is capped at the whole video.
      completionRate: ((v) => (typeof v === "number" ? Math.min(1, v) : v))(scaled(row[pct!], 0.01)),
      shares: row[shares!] as number | undefined,
    });
  }
  return { byVideo };
}

function scaled(v: unknown, by: number): number | undefined {
  return typeof v === "number" ? v * by : (v as number | undefined);
}

// 403 insufficientPermissions (the grant lacks yt-analytics.readonly) or forbidden: the Data API counters still come.
function scopeMissing(e: unknown): PostMetrics["withheld"] {
  const r = (e as { response?: { status?: number; data?: { error?: { message?: string; errors?: { reason?: string }[] } } } }).response;
  const reason = r?.data?.error?.errors?.[0]?.reason;
  if (r?.status !== 403 || (reason !== "insufficientPermissions" && reason !== "forbidden")) return undefined;
  return {
    reason: `YouTube refused watch time and average view duration: ${r.data?.error?.message ?? reason}`,
    needs: YOUTUBE_ANALYTICS_SCOPE,
  };
}
