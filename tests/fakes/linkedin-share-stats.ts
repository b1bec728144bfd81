import { liError } from "./linkedin-errors";
import type { FakeOrg } from "./linkedin-orgs";

/** A Page post's lifetime statistics as organizationalEntityShareStatistics reports them (likes and comments come from the post). */
export interface FakeShareStats {
  impressionCount: number;
  uniqueImpressionsCount: number;
  clickCount: number;
  shareCount: number;
}

/**
 * GET /rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity={org}&shares=List(...)
 * [&ugcPosts=List(...)]: one element per listed post of that organization with its totalShareStatistics (lifetime: no
 * timeIntervals). 403 ACCESS_DENIED unless the token has rw_organization_admin and the member is the Page's ADMINISTRATOR.
 */
export function shareStatistics(
  url: URL,
  scopes: string[],
  orgs: FakeOrg[],
  posts: { urn: string; author: string; likes?: number; comments?: unknown[]; stats?: FakeShareStats }[],
): Response {
  const q = url.searchParams;
  if (q.get("q") !== "organizationalEntity") return liError(400, "q=organizationalEntity is required");
  const org = q.get("organizationalEntity") ?? "";
  const o = orgs.find((x) => `urn:li:organization:${x.id}` === org);
  if (!o || (o.role ?? "ADMINISTRATOR") !== "ADMINISTRATOR" || !scopes.includes("rw_organization_admin"))
    return liError(403, "Not enough permissions to access: organizationalEntityShareStatistics.FINDER-organizationalEntity", {
      serviceErrorCode: 100,
      code: "ACCESS_DENIED",
    });
  const listed = (name: string) => (/^List\((.*)\)$/.exec(q.get(name) ?? "")?.[1] ?? "").split(",").filter(Boolean);
  const elements = [...listed("shares").map((u) => ["share", u]), ...listed("ugcPosts").map((u) => ["ugcPost", u])]
    .map(([kind, urn]) => [kind, posts.find((p) => p.urn === urn && p.author === org)] as const)
    .filter(([, p]) => p)
    .map(([kind, p]) => {
      const s = p!.stats ?? { impressionCount: 0, uniqueImpressionsCount: 0, clickCount: 0, shareCount: 0 };
      const likeCount = p!.likes ?? 0;
      const commentCount = p!.comments?.length ?? 0;
      return {
        organizationalEntity: org,
        [kind!]: p!.urn,
        totalShareStatistics: {
          ...s,
          likeCount,
          commentCount,
          engagement: s.impressionCount ? (likeCount + commentCount + s.clickCount + s.shareCount) / s.impressionCount : 0,
        },
      };
    });
  return Response.json({ paging: { count: 10, start: 0, links: [] }, elements });
}
