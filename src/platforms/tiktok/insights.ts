import type { Config } from "../../config/schema";
import { type Connection, PlatformError, type PostMetrics } from "../types";
import { tiktokCall, tiktokError } from "./client";

/** How many ids one /v2/video/query/ call takes. */
export const TIKTOK_IDS_PER_CALL = 20;

interface QueriedVideo {
  id: string;
  like_count?: number;
  comment_count?: number;
  share_count?: number;
  view_count?: number;
}

/**
 * Counters of up to 20 videos: POST /v2/video/query/?fields=id,like_count,comment_count,share_count,view_count with
 * filters.video_ids (scope video.list). Only the account's own public videos come back: a deleted or private one is
 * missing from the map. TikTok offers no comments API for this scope, so there is no fetchComments.
 */
export async function tiktokMetricsBatch(
  cfg: Config["platform_tiktok"],
  conn: Connection,
  videoIds: string[],
  now: () => Date,
): Promise<Map<string, PostMetrics>> {
  if (videoIds.length > TIKTOK_IDS_PER_CALL) throw new Error(`tiktok: at most ${TIKTOK_IDS_PER_CALL} ids per video/query call`);
  const call = tiktokCall(cfg, conn.accessToken, now);
  let res: { videos?: QueriedVideo[] };
  try {
    res = await call(
      "/v2/video/query/?fields=id,like_count,comment_count,share_count,view_count",
      { filters: { video_ids: videoIds } },
      "reading the videos' counters",
    );
  } catch (e) {
    throw scopeRefusal(e, "video.list");
  }
  const at = now();
  return new Map(
    (res.videos ?? []).map((v) => [
      String(v.id),
      { views: v.view_count, likes: v.like_count, comments: v.comment_count, shares: v.share_count, fetchedAt: at },
    ]),
  );
}

/** One video's counters. */
export async function tiktokMetrics(
  cfg: Config["platform_tiktok"],
  conn: Connection,
  videoId: string,
  now: () => Date,
): Promise<PostMetrics> {
  const m = (await tiktokMetricsBatch(cfg, conn, [videoId], now)).get(videoId);
  if (!m) throw new PlatformError("not_found", `TikTok does not list video ${videoId} for this account (deleted or private)`);
  return m;
}

/** The account's follower count: GET /v2/user/info/?fields=follower_count (scope user.info.stats). */
export async function tiktokFollowers(cfg: Config["platform_tiktok"], conn: Connection, now: Date): Promise<number> {
  let res: Response;
  try {
    res = await fetch(`${cfg.api_base}/v2/user/info/?fields=open_id,follower_count`, {
      headers: { authorization: `Bearer ${conn.accessToken}` },
    });
  } catch (e) {
    throw new PlatformError("transient", `cannot reach TikTok while reading the follower count: ${e instanceof Error ? e.message : e}`);
  }
  const json = (await res.json().catch(() => ({}))) as {
    data?: { user?: { follower_count?: number } };
    error?: { code?: string; message?: string };
  };
  if (!res.ok || (json.error?.code && json.error.code !== "ok"))
    throw scopeRefusal(
      tiktokError(res.status, json.error?.code ?? "", json.error?.message ?? "", "reading the follower count", now),
      "user.info.stats",
    );
  return json.data?.user?.follower_count as number;
}

// TikTok answers scope_not_authorized when the user did not grant the scope the endpoint needs: name it.
function scopeRefusal(e: unknown, scope: string): unknown {
  if (e instanceof PlatformError && e.kind === "forbidden") return new PlatformError("forbidden", e.message, undefined, e.status, scope);
  return e;
}
