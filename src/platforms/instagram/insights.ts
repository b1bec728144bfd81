import type { Config } from "../../config/schema";
import { graphCall } from "../meta/graph";
import type { Connection, PostMetrics } from "../types";

// Lifetime metrics every media type (feed post, reel) supports; watch time exists for reels only, so it is not asked.
const METRICS = "views,reach,likes,comments,shares,saved";
const NEEDS = "instagram_manage_insights";

/** A media's lifetime insights: GET /{media-id}/insights?metric=views,reach,likes,comments,shares,saved. */
export async function instagramMetrics(
  cfg: Config["platform_meta"],
  conn: Connection,
  mediaId: string,
  now: () => Date,
): Promise<PostMetrics> {
  const call = graphCall(cfg, conn.accessToken, now);
  const res = await call<{ data?: { name: string; values?: { value?: number }[]; total_value?: { value?: number } }[] }>(
    `/${mediaId}/insights`,
    { params: { metric: METRICS }, during: "reading the post's insights", needs: NEEDS },
  );
  const v = new Map((res.data ?? []).map((m) => [m.name, m.values?.[0]?.value ?? m.total_value?.value]));
  return {
    views: v.get("views"),
    reach: v.get("reach"),
    likes: v.get("likes"),
    comments: v.get("comments"),
    shares: v.get("shares"),
    saves: v.get("saved"),
    fetchedAt: now(),
  };
}

/** The professional account's follower count: GET /{ig-user-id}?fields=followers_count. */
export async function instagramFollowers(cfg: Config["platform_meta"], conn: Connection, now: () => Date): Promise<number> {
  const call = graphCall(cfg, conn.accessToken, now);
  const res = await call<{ followers_count?: number }>(`/${conn.accountId}`, {
    params: { fields: "followers_count" },
    during: "reading the follower count",
    needs: "instagram_basic",
  });
  return res.followers_count as number;
}
