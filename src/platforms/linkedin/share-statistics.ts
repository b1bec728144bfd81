import type { Config } from "../../config/schema";
import { type Connection, PlatformError, type PostMetrics } from "../types";
import { linkedinFetch } from "./client";

interface ShareStatistics {
  impressionCount?: number;
  uniqueImpressionsCount?: number;
  clickCount?: number;
  likeCount?: number;
  commentCount?: number;
  shareCount?: number;
}

/** The scope and Page role LinkedIn requires for an organization's share statistics. */
export const SHARE_STATISTICS_NEEDS = "rw_organization_admin and the ADMINISTRATOR role on the Page";

/**
 * An organization post's lifetime statistics: GET /rest/organizationalEntityShareStatistics?q=organizationalEntity
 * &organizationalEntity={org}&shares=List(urn) (or ugcPosts=List(urn)), without timeIntervals (lifetime; LinkedIn keeps
 * the last 12 months). Impressions, unique impressions (reach), likes, comments and reshares; clicks are not kept (we
 * count our own). Undefined when LinkedIn has no statistics for the post; a 403 throws forbidden naming what to add.
 */
export async function organizationShareStatistics(
  cfg: Config["platform_linkedin"],
  conn: Connection,
  org: string,
  urn: string,
  now: () => Date,
): Promise<PostMetrics | undefined> {
  const list = urn.startsWith("urn:li:ugcPost:") ? "ugcPosts" : "shares";
  const path =
    `/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=${encodeURIComponent(org)}` +
    `&${list}=List(${encodeURIComponent(urn)})`;
  let res: Response;
  try {
    res = await linkedinFetch(cfg, conn.accessToken, now)(path, { during: "reading the Page post's statistics" });
  } catch (e) {
    if (e instanceof PlatformError && e.status === 403)
      throw new PlatformError(
        "forbidden",
        `LinkedIn refused the Page post's statistics: ${e.message}`,
        undefined,
        403,
        SHARE_STATISTICS_NEEDS,
      );
    throw e;
  }
  const body = (await res.json()) as { elements?: { share?: string; ugcPost?: string; totalShareStatistics?: ShareStatistics }[] };
  const s = body.elements?.find((e) => (e.share ?? e.ugcPost) === urn)?.totalShareStatistics;
  if (!s) return undefined;
  return {
    views: s.impressionCount,
    impressions: s.impressionCount,
    reach: s.uniqueImpressionsCount,
    likes: s.likeCount,
    comments: s.commentCount,
    shares: s.shareCount,
    fetchedAt: now(),
  };
}
