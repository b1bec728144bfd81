// Only the YouTube API module: the googleapis index loads every Google API (~90 MB RSS and seconds at start).
import { auth as googleAuth, youtube } from "googleapis/build/src/apis/youtube";
import type { Config } from "../../config/schema";
import { PlatformError } from "../types";

/** The YouTube Analytics API's read scope: watch time, average view duration and shares of the channel's videos. */
export const YOUTUBE_ANALYTICS_SCOPE = "https://www.googleapis.com/auth/yt-analytics.readonly";

/**
 * The scopes we ask for: upload (also what thumbnails.set needs), read the channel's uploads (reconciliation, metrics,
 * comments), and read its analytics (watch time; without it the Data API's counters still come).
 */
export const YOUTUBE_SCOPES = [
  "https://www.googleapis.com/auth/youtube.upload",
  "https://www.googleapis.com/auth/youtube.readonly",
  YOUTUBE_ANALYTICS_SCOPE,
];

/** googleapis' OAuth2 client with the configured endpoints (token, consent page). */
export function youtubeAuth(cfg: Config["platform_youtube"], redirectUri?: string) {
  return new googleAuth.OAuth2({
    clientId: cfg.client_id,
    clientSecret: cfg.client_secret,
    redirectUri,
    endpoints: { oauth2TokenUrl: cfg.token_url, oauth2AuthBaseUrl: cfg.authorize_url },
  });
}

/** The YouTube Data API client for an access token, its rootUrl pointed at the configured host. */
export function youtubeClient(cfg: Config["platform_youtube"], accessToken: string) {
  const auth = youtubeAuth(cfg);
  auth.setCredentials({ access_token: accessToken });
  return { auth, yt: youtube({ version: "v3", auth, rootUrl: `${cfg.api_root}/` }) };
}

interface GaxiosLike {
  status?: number;
  response?: { status?: number; data?: unknown; headers?: unknown };
  message?: string;
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  return (headers as Record<string, string>)[name];
}

/** The next midnight in Pacific time, when YouTube's daily quotas reset (08:00 UTC, 07:00 in summer time; we take the later). */
function nextQuotaReset(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 8, 5));
  return d > now ? d : new Date(d.getTime() + 86_400_000);
}

/** Turns a googleapis/gaxios error into a PlatformError with a sentence for a person. */
export function youtubeError(e: unknown, during: string, now: Date): PlatformError {
  if (e instanceof PlatformError) return e;
  const g = e as GaxiosLike;
  const status = g.status ?? g.response?.status;
  if (!status) return new PlatformError("transient", `cannot reach YouTube while ${during}: ${g.message ?? String(e)}`);
  const err = (
    g.response?.data as { error?: { message?: string; errors?: { reason?: string }[] } | string; error_description?: string } | undefined
  )?.error;
  const reason = typeof err === "object" ? err?.errors?.[0]?.reason : err;
  const message =
    typeof err === "object" ? (err?.message ?? "") : ((g.response?.data as { error_description?: string })?.error_description ?? "");
  const retryAfter = Number(header(g.response?.headers, "retry-after"));
  if (status === 401) return new PlatformError("auth_expired", `YouTube did not accept the access token (${during})`, undefined, 401);
  if (reason === "uploadLimitExceeded")
    return new PlatformError("daily_cap", "the channel reached YouTube's daily upload limit", undefined, status);
  if (reason === "quotaExceeded")
    return new PlatformError("daily_cap", "the YouTube API quota for today is used up", nextQuotaReset(now), status);
  if (status === 429 || reason === "rateLimitExceeded" || reason === "userRateLimitExceeded") {
    return new PlatformError(
      "rate_limited",
      `YouTube is rate limiting ${during}`,
      retryAfter > 0 ? new Date(now.getTime() + retryAfter * 1000) : undefined,
      status,
    );
  }
  if (status >= 500) return new PlatformError("transient", `YouTube answered ${status} while ${during}`, undefined, status);
  return new PlatformError("rejected", `${message || reason || `HTTP ${status}`} (${during})`, undefined, status);
}

/** Token endpoint errors: only invalid_grant (expired or revoked) means the user must reconnect. */
export function youtubeTokenError(e: unknown, now: Date): PlatformError {
  const data = (e as GaxiosLike).response?.data as { error?: string; error_description?: string } | undefined;
  if (data?.error === "invalid_grant")
    return new PlatformError(
      "auth_revoked",
      `Google says the permission was revoked or expired (${data.error_description ?? "invalid_grant"})`,
    );
  if (data?.error === "invalid_client" || data?.error === "unauthorized_client")
    return new PlatformError("transient", "Google refused the app credentials (check platform_youtube.client_id and client_secret)");
  return youtubeError(e, "refreshing the access token", now);
}
