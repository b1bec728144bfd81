import type { Config } from "../../config/schema";
import { type Connection, PlatformError, type PostMetrics } from "../types";
import { linkedinFetch } from "./client";

/** A post's like and comment totals: GET /rest/socialActions/{urn}. LinkedIn gives no view counts to this API. */
export async function linkedinMetrics(
  cfg: Config["platform_linkedin"],
  conn: Connection,
  urn: string,
  now: () => Date,
): Promise<PostMetrics> {
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
