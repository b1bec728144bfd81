import type { Config } from "../../config/schema";
import { graphCall } from "../meta/graph";
import { type Connection, PlatformError, type PostMetrics } from "../types";

interface Summary {
  summary?: { total_count?: number };
}

// A Reel's lifetime video insights (documented for Reels): plays, reach, average and total watch time in milliseconds.
const REEL_METRICS = "post_impressions_unique,post_video_avg_time_watched,post_video_view_time";

/**
 * A Page Reel's counters with the Page token: GET /{video-id}?fields=views,likes.summary(true),comments.summary(true),
 * then GET /{video-id}/video_insights for reach and watch time. Insights refused for the Page's permissions (read_insights,
 * the ANALYZE task) leave the counters, marked withheld; other insights errors throw.
 */
export async function facebookMetrics(
  cfg: Config["platform_meta"],
  conn: Connection,
  videoId: string,
  now: () => Date,
): Promise<PostMetrics> {
  const call = graphCall(cfg, conn.accessToken, now);
  const v = await call<{ views?: number; likes?: Summary; comments?: Summary }>(`/${videoId}`, {
    params: { fields: "views,likes.summary(true).limit(0),comments.summary(true).limit(0)" },
    during: "reading the Reel's counters",
    needs: "pages_read_engagement",
  });
  const out: PostMetrics = {
    views: v.views,
    likes: v.likes?.summary?.total_count,
    comments: v.comments?.summary?.total_count,
    fetchedAt: now(),
  };
  try {
    const res = await call<{ data?: { name: string; values?: { value?: unknown }[] }[] }>(`/${videoId}/video_insights`, {
      params: { metric: REEL_METRICS },
      during: "reading the Reel's insights",
      needs: "read_insights",
    });
    const i = new Map((res.data ?? []).map((m) => [m.name, m.values?.[0]?.value]));
    out.reach = i.get("post_impressions_unique") as number | undefined;
    out.avgViewSeconds = seconds(i.get("post_video_avg_time_watched"));
    out.watchTimeSeconds = seconds(i.get("post_video_view_time"));
  } catch (e) {
    if (!(e instanceof PlatformError) || e.kind !== "forbidden") throw e;
    out.withheld = { reason: `Facebook refused the Reel's reach and watch time: ${e.message}`, needs: e.needs ?? "read_insights" };
  }
  return out;
}

// Milliseconds as documented; anything else is passed on for the collector to refuse.
const seconds = (ms: unknown) => (typeof ms === "number" ? ms / 1000 : (ms as number | undefined));

/** The Page's follower count with the Page token: GET /{page-id}?fields=followers_count. */
export async function facebookFollowers(cfg: Config["platform_meta"], conn: Connection, now: () => Date): Promise<number> {
  const call = graphCall(cfg, conn.accessToken, now);
  const res = await call<{ followers_count?: number }>(`/${conn.accountId}`, {
    params: { fields: "followers_count" },
    during: "reading the Page's follower count",
    needs: "pages_read_engagement",
  });
  return res.followers_count as number;
}
