import type { Config } from "../../config/schema";
import { PlatformError, type TokenSet } from "../types";

interface GraphErrorBody {
  error?: { message?: string; code?: number; error_subcode?: number; type?: string };
}

const THROTTLE_CODES = new Set([4, 17, 32, 613, 80001, 80002, 80006]);

/** Minutes until a throttled account may call again, from X-Business-Use-Case-Usage or X-App-Usage (when present). */
function regainAfterMinutes(res: Response): number | undefined {
  const buc = res.headers.get("x-business-use-case-usage");
  if (!buc) return undefined;
  try {
    const all = Object.values(JSON.parse(buc) as Record<string, { estimated_time_to_regain_access?: number }[]>).flat();
    const m = Math.max(...all.map((u) => u.estimated_time_to_regain_access ?? 0));
    return m > 0 ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Maps Graph API errors (error.code / error_subcode) to what the queue does. */
export async function graphError(res: Response, during: string, now: Date): Promise<PlatformError> {
  return graphErrorOf(res, (await res.json().catch(() => ({}))) as GraphErrorBody, during, now);
}

/**
 * A metrics read's error: a deleted object (code 100, subcode 33) is gone, a missing permission (code 10 other
 * than "not enough viewers", codes 200-299) is a permanent refusal naming `needs`; the rest as graphError.
 */
export async function graphReadError(res: Response, during: string, now: Date, needs: string): Promise<PlatformError> {
  const body = (await res.json().catch(() => ({}))) as GraphErrorBody;
  const e = body.error ?? {};
  const msg = e.message ?? `HTTP ${res.status}`;
  if (e.code === 100 && e.error_subcode === 33) return new PlatformError("not_found", `Meta says: ${msg}`, undefined, res.status);
  if ((e.code === 10 && !/not enough viewers/i.test(msg)) || (e.code !== undefined && e.code >= 200 && e.code < 300))
    return new PlatformError("forbidden", `Meta refused: ${msg}`, undefined, res.status, needs);
  return graphErrorOf(res, body, during, now);
}

function graphErrorOf(res: Response, body: GraphErrorBody, during: string, now: Date): PlatformError {
  const e = body.error ?? {};
  const msg = e.message ?? `HTTP ${res.status}`;
  if (e.code === 190) {
    // 458 app removed, 460 password changed, 452 session invalidated: the user must log in again.
    if (e.error_subcode === 458 || e.error_subcode === 460 || e.error_subcode === 452)
      return new PlatformError("auth_revoked", `Facebook says: ${msg}`, undefined, res.status);
    return new PlatformError("auth_expired", `the Facebook access token is no longer valid (${during})`, undefined, res.status);
  }
  if (e.code === 9 && e.error_subcode === 2207042)
    return new PlatformError("daily_cap", "Instagram's 24-hour publishing limit for this account is reached", undefined, res.status);
  if (e.code !== undefined && THROTTLE_CODES.has(e.code)) {
    const mins = regainAfterMinutes(res);
    return new PlatformError(
      "rate_limited",
      `Meta is throttling ${during} (${msg})`,
      mins ? new Date(now.getTime() + mins * 60_000) : undefined,
      res.status,
    );
  }
  if (res.status >= 500 || e.code === 1 || e.code === 2)
    return new PlatformError("transient", `Meta answered "${msg}" while ${during}`, undefined, res.status);
  return new PlatformError("rejected", `${msg} (${during})`, undefined, res.status);
}

/** A Graph API call with the token as a parameter; JSON in, JSON out, errors as PlatformErrors. */
export function graphCall(cfg: Config["platform_meta"], token: string, now: () => Date) {
  return async <T>(
    path: string,
    o: {
      method?: "GET" | "POST";
      params?: Record<string, string>;
      during: string /** A read's permission, for graphReadError. */;
      needs?: string;
    },
  ): Promise<T> => {
    const url = new URL(`${cfg.graph_base}${path}`);
    const params = { ...(o.params ?? {}), access_token: token };
    let res: Response;
    try {
      if ((o.method ?? "GET") === "GET") {
        for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
        res = await fetch(url);
      } else {
        res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(params),
        });
      }
    } catch (e) {
      throw new PlatformError("transient", `cannot reach Meta while ${o.during}: ${e instanceof Error ? e.message : e}`);
    }
    if (!res.ok) throw o.needs ? await graphReadError(res, o.during, now(), o.needs) : await graphError(res, o.during, now());
    return (await res.json()) as T;
  };
}

/**
 * Exchanges a (short- or long-lived) user token for a new long-lived one (about 60 days). Facebook has no
 * refresh token: the long-lived token itself is exchanged again before it expires.
 */
export async function exchangeLongLived(cfg: Config["platform_meta"], token: string, now: Date): Promise<TokenSet> {
  const url = new URL(`${cfg.graph_base}/oauth/access_token`);
  url.search = new URLSearchParams({
    grant_type: "fb_exchange_token",
    client_id: cfg.client_id,
    client_secret: cfg.client_secret,
    fb_exchange_token: token,
  }).toString();
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new PlatformError("transient", `cannot reach Meta's token endpoint: ${e instanceof Error ? e.message : e}`);
  }
  if (!res.ok) {
    const pe = await graphError(res, "renewing the access token", now);
    // An invalid token cannot be exchanged: only a new login helps.
    throw pe.kind === "auth_expired"
      ? new PlatformError("auth_revoked", "the Facebook login expired; log in again", undefined, pe.status)
      : pe;
  }
  const t = (await res.json()) as { access_token: string; expires_in?: number };
  return {
    accessToken: t.access_token,
    refreshToken: t.access_token,
    expiresAt: t.expires_in ? new Date(now.getTime() + t.expires_in * 1000) : undefined,
  };
}
