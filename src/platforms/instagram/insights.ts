import type { Config } from "../../config/schema";
import { graphCall } from "../meta/graph";
import type { Connection, PostComment, PostMetrics } from "../types";

// Lifetime metrics every media type (feed post, reel) supports; watch time exists for reels only, so it is not asked.
const METRICS = "views,reach,likes,comments,shares,saved";
const NEEDS = "instagram_manage_insights";
const graphDate = (t: string) => new Date(t.replace(/\+0000$/, "Z"));

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

/** A media's comments: GET /{media-id}/comments?fields=id,text,timestamp,username, newest first. */
export async function instagramComments(
  cfg: Config["platform_meta"],
  conn: Connection,
  mediaId: string,
  now: () => Date,
  since?: Date,
): Promise<PostComment[]> {
  const call = graphCall(cfg, conn.accessToken, now);
  const res = await call<{ data?: { id: string; text?: string; timestamp?: string; username?: string }[] }>(`/${mediaId}/comments`, {
    params: { fields: "id,text,timestamp,username", limit: "50" },
    during: "reading the post's comments",
  });
  return (res.data ?? [])
    .map((c) => ({
      id: c.id,
      author: c.username ?? "unknown",
      text: c.text ?? "",
      createdAt: c.timestamp ? graphDate(c.timestamp) : new Date(0),
    }))
    .filter((c) => !since || c.createdAt > since)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}
