// The organization side of the fake LinkedIn: Pages, who administers them, and who may post or read as whom.

import { liError } from "./linkedin-errors";

/** Every scope the fake's app may ask for (Share on LinkedIn, OpenID Connect, Community Management API). */
export const ALL_LINKEDIN_SCOPES = [
  "openid",
  "profile",
  "w_member_social",
  "w_organization_social",
  "r_organization_social",
  "rw_organization_admin",
];

/** A Page and the member's role on it. */
export interface FakeOrg {
  id: string;
  name: string;
  vanityName: string;
  /** digitalmediaAsset id of the logo; none: the Page has no logo. */
  logo?: string;
  role?: "ADMINISTRATOR" | "ANALYST" | "CONTENT_ADMINISTRATOR";
  state?: "APPROVED" | "REQUESTED" | "REVOKED";
}

const denied = (what: string) =>
  liError(403, `Not enough permissions to access: ${what}`, { serviceErrorCode: 100, code: "ACCESS_DENIED" });
const isAdmin = (o: FakeOrg) => (o.role ?? "ADMINISTRATOR") === "ADMINISTRATOR" && (o.state ?? "APPROVED") === "APPROVED";
const canAdmin = (scopes: string[]) => scopes.includes("rw_organization_admin") || scopes.includes("r_organization_admin");

/** Answers /rest/organizationAcls, /rest/organizations/{id} and the logos' /rest/images/{urn}; checks authors. */
export class FakeLinkedInOrgs {
  constructor(
    readonly list: FakeOrg[],
    private readonly memberUrn: string,
  ) {}

  /** The route's answer, or undefined when the path is not an organization route. */
  route(req: Request, url: URL, scopes: string[]): Response | undefined {
    if (req.method !== "GET") return undefined;
    const p = url.pathname;
    if (p === "/rest/organizationAcls") return this.acls(url, scopes);
    const org = p.match(/^\/rest\/organizations\/(\d+)$/);
    if (org) return this.organization(org[1]!, scopes);
    const logo = decodeURIComponent(p).match(/^\/rest\/images\/urn:li:image:(.+)$/);
    const owner = logo && this.list.find((o) => o.logo === logo[1]);
    if (owner)
      return Response.json({
        id: `urn:li:image:${owner.logo}`,
        owner: `urn:li:organization:${owner.id}`,
        status: "AVAILABLE",
        downloadUrl: `https://media.licdn.com/dms/image/${owner.logo}/company-logo_200_200/0?e=1790000000&v=beta`,
        downloadUrlExpiresAt: 1_790_000_000_000,
      });
    return undefined;
  }

  /** GET /rest/organizationAcls?q=roleAssignee (role and state filter; start/count paging). */
  private acls(url: URL, scopes: string[]): Response {
    const q = url.searchParams;
    if (q.get("q") !== "roleAssignee") return liError(400, "q=roleAssignee or q=organization is required");
    if (!canAdmin(scopes)) return denied("organizationAcls.FINDER-roleAssignee.20260501");
    const start = Number(q.get("start") ?? 0);
    const count = Number(q.get("count") ?? 10);
    const all = this.list
      .filter(
        (o) =>
          (!q.get("role") || (o.role ?? "ADMINISTRATOR") === q.get("role")) &&
          (!q.get("state") || (o.state ?? "APPROVED") === q.get("state")),
      )
      .map((o) => ({
        role: o.role ?? "ADMINISTRATOR",
        organization: `urn:li:organization:${o.id}`,
        roleAssignee: this.memberUrn,
        state: o.state ?? "APPROVED",
        created: { time: 1_700_000_000_000 },
        lastModified: { time: 1_700_000_000_000 },
      }));
    return Response.json({ paging: { start, count, links: [], total: all.length }, elements: all.slice(start, start + count) });
  }

  /** GET /rest/organizations/{id}: all fields for an administrator (the lookup needs rw_organization_admin). */
  private organization(id: string, scopes: string[]): Response {
    const o = this.list.find((x) => x.id === id);
    if (!o) return liError(404, `Not Found: urn:li:organization:${id}`, { code: "NOT_FOUND" });
    if (!canAdmin(scopes) || !isAdmin(o)) return denied("organizations.GET.20260501");
    return Response.json({
      id: Number(o.id),
      vanityName: o.vanityName,
      localizedName: o.name,
      name: { localized: { en_US: o.name }, preferredLocale: { country: "US", language: "en" } },
      primaryOrganizationType: "NONE",
      locations: [],
      ...(o.logo
        ? {
            logoV2: {
              original: `urn:li:digitalmediaAsset:${o.logo}`,
              cropped: `urn:li:digitalmediaAsset:${o.logo}`,
              cropInfo: { x: 0, y: 0, width: 0, height: 0 },
            },
          }
        : {}),
    });
  }

  /** 403 unless the token may post as `author`: the member with w_member_social, or a Page they administer with w_organization_social. */
  mayPost(author: string, scopes: string[]): Response | undefined {
    if (author === this.memberUrn) return scopes.includes("w_member_social") ? undefined : denied("posts.CREATE.NO_VERSION");
    const o = this.list.find((x) => `urn:li:organization:${x.id}` === author);
    if (!o || !isAdmin(o) || !scopes.includes("w_organization_social"))
      return liError(403, `Member is not authorized to create a post as ${author}`, { serviceErrorCode: 100, code: "ACCESS_DENIED" });
    return undefined;
  }

  /** 403 unless the token may list the posts of `author` (a Page's need r_organization_social). */
  mayList(author: string, scopes: string[]): Response | undefined {
    if (!author.startsWith("urn:li:organization:")) return undefined;
    const o = this.list.find((x) => `urn:li:organization:${x.id}` === author);
    return o && isAdmin(o) && scopes.includes("r_organization_social") ? undefined : denied("posts.FINDER-author.20260501");
  }
}
