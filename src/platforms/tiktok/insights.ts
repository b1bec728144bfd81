import type { Config } from "../../config/schema";
import { type Connection, PlatformError, type PostMetrics } from "../types";
import { tiktokCall } from "./client";

interface QueriedVideo {
  id: string;
  like_count?: number;
  comment_count?: number;
  share_count?: number;
  view_count?: number;
}

/**
 * A video's counters: POST /v2/video/query/?fields=id,like_count,comment_count,share_count,view_count with
 * filters.video_ids (scope video.list). TikTok offers no comments API for this scope, so there is no fetchComments.
 */
export async function tiktokMetrics(
  cfg: Config["platform_tiktok"],
  conn: Connection,
  videoId: string,
  now: () => Date,
): Promise<PostMetrics> {
  const call = tiktokCall(cfg, conn.accessToken, now);
  const res = await call<{ videos?: QueriedVideo[] }>(
    "/v2/video/query/?fields=id,like_count,comment_count,share_count,view_count",
    { filters: { video_ids: [videoId] } },
    "reading the video's counters",
  );
  const v = res.videos?.find((x) => String(x.id) === videoId);
  if (!v) throw new PlatformError("rejected", `TikTok does not list video ${videoId} for this account (deleted or private)`);
  return { views: v.view_count, likes: v.like_count, comments: v.comment_count, shares: v.share_count, fetchedAt: now() };
}
