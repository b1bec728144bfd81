import type { Config } from "../../config/schema";
import { type Connection, PlatformError, type PostComment, type PostMetrics } from "../types";
import { youtubeClient, youtubeError } from "./client";

const count = (v: string | null | undefined) => (v === null || v === undefined ? undefined : Number(v));

/** A video's counters through googleapis: videos.list part=statistics (counters arrive as strings). */
export async function youtubeMetrics(cfg: Config["platform_youtube"], conn: Connection, videoId: string, now: Date): Promise<PostMetrics> {
  const { yt } = youtubeClient(cfg, conn.accessToken);
  let stats;
  try {
    const res = await yt.videos.list({ part: ["statistics"], id: [videoId] });
    stats = res.data.items?.[0]?.statistics;
  } catch (e) {
    throw youtubeError(e, "reading the video's statistics", now);
  }
  if (!stats) throw new PlatformError("rejected", `YouTube says video ${videoId} does not exist (deleted or private)`);
  return { views: count(stats.viewCount), likes: count(stats.likeCount), comments: count(stats.commentCount), fetchedAt: now };
}

/** Top-level comments through googleapis: commentThreads.list, newest first; none when comments are turned off. */
export async function youtubeComments(
  cfg: Config["platform_youtube"],
  conn: Connection,
  videoId: string,
  now: Date,
  since?: Date,
): Promise<PostComment[]> {
  const { yt } = youtubeClient(cfg, conn.accessToken);
  try {
    const res = await yt.commentThreads.list({ part: ["snippet"], videoId, order: "time", textFormat: "plainText", maxResults: 100 });
    return (res.data.items ?? [])
      .map((t) => {
        const c = t.snippet?.topLevelComment;
        return {
          id: c?.id ?? t.id ?? "",
          author: c?.snippet?.authorDisplayName ?? "unknown",
          text: c?.snippet?.textOriginal ?? c?.snippet?.textDisplay ?? "",
          createdAt: new Date(c?.snippet?.publishedAt ?? 0),
        };
      })
      .filter((c) => !since || c.createdAt > since);
  } catch (e) {
    // A video with comments turned off has no comments: documented as 403 commentsDisabled.
    const reason = (e as { response?: { data?: { error?: { errors?: { reason?: string }[] } } } }).response?.data?.error?.errors?.[0]
      ?.reason;
    if (reason === "commentsDisabled") return [];
    throw youtubeError(e, "reading the video's comments", now);
  }
}
