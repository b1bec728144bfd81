import type { Config } from "../../config/schema";
import { graphCall } from "../meta/graph";
import type { Connection, PostMetrics } from "../types";

interface Summary {
  summary?: { total_count?: number };
}

/** A Page video's (Reel's) counters with the Page token: GET /{video-id}?fields=views,likes.summary(true),comments.summary(true). */
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
  return { views: v.views, likes: v.likes?.summary?.total_count, comments: v.comments?.summary?.total_count, fetchedAt: now() };
}

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
