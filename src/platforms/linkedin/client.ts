import type { Config } from "../../config/schema";
import { PlatformError } from "../types";

/** The scopes for posting as the member (openid/profile to read who they are). */
export const LINKEDIN_MEMBER_SCOPES = ["openid", "profile", "w_member_social"];

/** The scopes for the Pages the member administers: post, list posts (reconciliation, metrics), find the Pages. */
export const LINKEDIN_ORGANIZATION_SCOPES = ["w_organization_social", "r_organization_social", "rw_organization_admin"];

/** The scopes we ask for: the member's, plus the organization ones unless platform_linkedin.organizations is false. */
export function linkedinScopes(cfg: Config["platform_linkedin"]): string[] {
  return cfg.organizations ? [...LINKEDIN_MEMBER_SCOPES, ...LINKEDIN_ORGANIZATION_SCOPES] : LINKEDIN_MEMBER_SCOPES;
}

/** A LinkedIn REST call: versioned headers on every request, errors turned into PlatformErrors. */
export function linkedinFetch(cfg: Config["platform_linkedin"], accessToken: string, now: () => Date) {
  return async (path: string, init: { method?: string; body?: unknown; during: string }): Promise<Response> => {
    let res: Response;
    try {
      res = await fetch(`${cfg.api_base}${path}`, {
        method: init.method ?? "GET",
        headers: {
          authorization: `Bearer ${accessToken}`,
          "LinkedIn-Version": cfg.version,
          "X-Restli-Protocol-Version": "2.0.0",
          ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
        },
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      });
    } catch (e) {
      throw new PlatformError("transient", `cannot reach LinkedIn while ${init.during}: ${e instanceof Error ? e.message : e}`);
    }
    if (res.ok) return res;
    throw await linkedinError(res, init.during, now(), cfg.version);
  };
}

/** Midnight UTC after `now`, when LinkedIn's daily member and app limits reset. */
function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 0, 1));
}

/** Maps LinkedIn's documented error answers to what the queue does. */
export async function linkedinError(res: Response, during: string, now: Date, version: string): Promise<PlatformError> {
  const body = (await res.json().catch(() => ({}))) as { message?: string; serviceErrorCode?: number; code?: string };
  const msg = body.message ?? `HTTP ${res.status}`;
  const s = res.status;
  if (s === 401) {
    if (body.serviceErrorCode === 65601 || body.code === "REVOKED_ACCESS_TOKEN")
      return new PlatformError("auth_revoked", "the member revoked this app's access on LinkedIn", undefined, 401);
    return new PlatformError("auth_expired", `LinkedIn did not accept the access token (${during})`, undefined, 401);
  }
  if (s === 429) {
    const after = Number(res.headers.get("retry-after"));
    if (after > 0)
      return new PlatformError("rate_limited", `LinkedIn is throttling ${during}`, new Date(now.getTime() + after * 1000), 429);
    return new PlatformError(
      "daily_cap",
      "LinkedIn's daily limit for this member or app is reached (it resets at midnight UTC)",
      nextUtcMidnight(now),
      429,
    );
  }
  if (s === 422 && (body.code === "DUPLICATE_POST" || /duplicate/i.test(msg)))
    return new PlatformError("duplicate", `LinkedIn says this post already exists (${msg})`, undefined, 422);
  if (s === 426 || body.code === "NONEXISTENT_VERSION")
    return new PlatformError(
      "rejected",
      `LinkedIn no longer supports API version ${version}; set platform_linkedin.version to a current month (YYYYMM)`,
      undefined,
      s,
    );
  if (s >= 500) return new PlatformError("transient", `LinkedIn answered ${s} while ${during}`, undefined, s);
  return new PlatformError("rejected", `${msg} (${during})`, undefined, s);
}

const RESERVED = /[\\|{}@[\]()<>#*_~]/g;

/**
 * Commentary in LinkedIn's "little text" format: reserved characters are escaped and hashtags become
 * hashtag templates, otherwise LinkedIn truncates the post or rejects it.
 */
export function littleText(text: string): string {
  const esc = (t: string) => t.replace(RESERVED, (c) => `\\${c}`);
  const words = (t: string) =>
    t
      .split(/(#[\p{L}\p{N}_]+)/u)
      .map((seg, j, all) =>
        j % 2 === 1 && (j === 1 ? all[0] === "" || /\s$/.test(all[0]!) : /\s$/.test(all[j - 1]!))
          ? `{hashtag|\\#|${esc(seg.slice(1))}}`
          : esc(seg),
      )
      .join("");
  return text
    .split(/(https?:\/\/\S+)/)
    .map((part, i) => (i % 2 === 1 ? part.replace(/[()]/g, (c) => `\\${c}`) : words(part)))
    .join("");
}

/** Back from little text to plain words (for matching a listed post against ours). */
export function plainText(commentary: string): string {
  return commentary.replace(/\{hashtag\|\\#\|([^}]+)\}/g, (_, t: string) => `#${t.replace(/\\(.)/g, "$1")}`).replace(/\\(.)/g, "$1");
}
