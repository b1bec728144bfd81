import type { Config } from "../../config/schema";
import type { OAuthAccount } from "../oauth";
import { PlatformError } from "../types";
import { linkedinFetch } from "./client";

type Call = ReturnType<typeof linkedinFetch>;

const PAGE = 100;
const MAX_PAGES = 10;

/** The author URN of an organization (a LinkedIn Page). */
export function organizationUrn(id: string): string {
  return `urn:li:organization:${id}`;
}

/**
 * The Pages the member administers, as accounts to post as (sharing the member's tokens):
 * GET /rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED, then GET /rest/organizations/{id}
 * for each Page's name and logo. A 403 (the token lacks rw_organization_admin) means none: the member is still
 * connected and the card shows the missing scope. Other failures throw, so the connect can be tried again.
 */
export async function administeredOrganizations(
  cfg: Config["platform_linkedin"],
  accessToken: string,
  now: () => Date,
): Promise<OAuthAccount[]> {
  const call = linkedinFetch(cfg, accessToken, now);
  let ids: string[];
  try {
    ids = await administeredIds(call);
  } catch (e) {
    if (e instanceof PlatformError && e.status === 403) return [];
    throw e;
  }
  const accounts: OAuthAccount[] = [];
  for (const id of ids) accounts.push(await organizationAccount(call, id));
  return accounts;
}

async function administeredIds(call: Call): Promise<string[]> {
  const ids = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await call(`/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&start=${page * PAGE}&count=${PAGE}`, {
      during: "listing the Pages you administer",
    });
    const elements = ((await res.json()) as { elements?: { organization?: string; role?: string; state?: string }[] }).elements ?? [];
    for (const acl of elements) {
      const id = acl.organization?.match(/^urn:li:organization:(\d+)$/)?.[1];
      if (id && acl.role === "ADMINISTRATOR" && acl.state === "APPROVED") ids.add(id);
    }
    if (elements.length < PAGE) break;
  }
  return [...ids];
}

interface Organization {
  localizedName?: string;
  vanityName?: string;
  logoV2?: { original?: string; cropped?: string };
}

/** One Page as an account; a Page whose details cannot be read is still offered, named by its id. */
async function organizationAccount(call: Call, id: string): Promise<OAuthAccount> {
  let org: Organization = {};
  try {
    org = (await (await call(`/rest/organizations/${id}`, { during: `reading Page ${id}` })).json()) as Organization;
  } catch (e) {
    if (!(e instanceof PlatformError) || (e.status !== 403 && e.status !== 404)) throw e;
  }
  return {
    accountId: id,
    accountName: `${org.localizedName || org.vanityName || id} (Page)`,
    avatarUrl: await logoUrl(call, org.logoV2?.cropped ?? org.logoV2?.original),
    extra: { author: organizationUrn(id) },
  };
}

/**
 * The logo's download URL through the Images API (a digitalmediaAsset id is the image id); "" when there is none
 * or it cannot be read, since a missing logo must not stop the connect.
 */
async function logoUrl(call: Call, asset: string | undefined): Promise<string> {
  const imageId = asset?.match(/^urn:li:digitalmediaAsset:(.+)$/)?.[1];
  if (!imageId) return "";
  try {
    const res = await call(`/rest/images/${encodeURIComponent(`urn:li:image:${imageId}`)}`, { during: "reading the Page's logo" });
    return ((await res.json()) as { downloadUrl?: string }).downloadUrl ?? "";
  } catch {
    return "";
  }
}
