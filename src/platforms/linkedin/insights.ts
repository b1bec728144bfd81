import type { Config } from "../../config/schema";
import { type Connection, PlatformError, type PostMetrics } from "../types";
import { linkedinFetch } from "./client";
import { organizationShareStatistics, SHARE_STATISTICS_NEEDS } from "./share-statistics";

/**
 * A post's counters. A Page's post: its organization share statistics (impressions, reach, likes, comments, reshares);
 * without the Page admin scope or role, or for a post LinkedIn keeps no statistics of, the likes and comments below,
 * the rest marked withheld. A member's post: like and comment totals (GET /rest/socialActions/{urn}); LinkedIn gives
 * member posts' impressions only to its Member Post Analytics API (r_member_postAnalytics), which this app does not use.
 */
export async function linkedinMetrics(
  cfg: Config["platform_linkedin"],
  conn: Connection,
  urn: string,
  now: () => Date,
): Promise<PostMetrics> {
  const org = conn.extra.author?.startsWith("urn:li:organization:") ? conn.extra.author : undefined;
  if (!org) return socialActionCounts(cfg, conn, urn, now);
  let withheld: PostMetrics["withheld"];
  try {
    const stats = await organizationShareStatistics(cfg, conn, org, urn, now);
    if (stats) return stats;
  } catch (e) {
    if (!(e instanceof PlatformError) || e.kind !== "forbidden") throw e;
    withheld = { reason: e.message, needs: e.needs ?? SHARE_STATISTICS_NEEDS };
  }
  const counts = await socialActionCounts(cfg, conn, urn, now);
  return withheld ? { ...counts, withheld } : counts;
}

/** A post's like and comment totals: GET /rest/socialActions/{urn}. */
async function socialActionCounts(cfg: Config["platform_linkedin"], conn: Connection, urn: string, now: () => Date): Promise<PostMetrics> {
  let res: Response;
  try {
    res = await linkedinFetch(
      cfg,
      conn.accessToken,
      now,
    )(`/rest/socialActions/${encodeURIComponent(urn)}`, { during: "reading the post's likes and comments" });
  } catch (e) {
    throw metricsError(e, urn, conn.accountId);
  }
  const b = (await res.json()) as {
    likesSummary?: { totalLikes?: number; aggregatedTotalLikes?: number };
    commentsSummary?: { totalFirstLevelComments?: number; aggregatedTotalComments?: number };
  };
  return {
    likes: b.likesSummary?.aggregatedTotalLikes ?? b.likesSummary?.totalLikes,
    comments: b.commentsSummary?.aggregatedTotalComments ?? b.commentsSummary?.totalFirstLevelComments,
    fetchedAt: now(),
  };
}

/**
 * A metrics read's error: 404 means the post is gone; 403 is a missing permission (r_member_social for a member's
 * posts, r_organization_social for a Page's), a permanent refusal.
 */
function metricsError(e: unknown, urn: string, author: string): unknown {
  if (!(e instanceof PlatformError)) return e;
  if (e.status === 404) return new PlatformError("not_found", `LinkedIn says post ${urn} does not exist: ${e.message}`, undefined, 404);
  if (e.status === 403)
    return new PlatformError(
      "forbidden",
      `LinkedIn refused: ${e.message}`,
      undefined,
      403,
      author.includes("organization") ? "r_organization_social" : "r_member_social",
    );
  return e;
}
