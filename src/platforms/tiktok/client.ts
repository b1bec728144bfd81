import type { Config } from "../../config/schema";
import { responseJsonExact } from "../../net/exact-json";
import { PlatformError, type TokenSet } from "../types";

/** Login Kit scopes for posting (video.list to find a post again and read its counters, user.info.stats for the follower count). */
export const TIKTOK_SCOPES = ["user.info.basic", "user.info.stats", "video.upload", "video.publish", "video.list"];

const REASONS: Record<string, string> = {
  spam_risk_too_many_posts: "TikTok's daily post cap for this account is reached",
  spam_risk_user_banned_from_posting: "TikTok has banned this account from posting",
  unaudited_client_can_only_post_to_private_accounts:
    "TikTok only lets this (not yet audited) app post privately: set platform_tiktok.privacy_level to SELF_ONLY",
  privacy_level_option_mismatch: "the configured privacy level is not one this TikTok account offers",
  reached_active_user_cap: "this TikTok app reached its daily limit of active users",
};

/** Maps TikTok's error.code answers to what the queue does. */
export function tiktokError(status: number, code: string, message: string, during: string, now: Date): PlatformError {
  if (code === "scope_not_authorized")
    return new PlatformError("forbidden", `TikTok says the user did not grant the scope this needs (${during})`, undefined, status);
  if (status === 401 || code === "access_token_invalid")
    return new PlatformError("auth_expired", `TikTok did not accept the access token (${during})`, undefined, status);
  if (code === "spam_risk_too_many_posts" || code === "reached_active_user_cap")
    return new PlatformError("daily_cap", REASONS[code]!, undefined, status);
  if (status === 429 || code === "rate_limit_exceeded")
    return new PlatformError(
      "rate_limited",
      `TikTok is rate limiting ${during} (6 requests a minute per account)`,
      new Date(now.getTime() + 60_000),
      status,
    );
  if (status >= 500) return new PlatformError("transient", `TikTok answered ${status} while ${during}`, undefined, status);
  return new PlatformError("rejected", REASONS[code] ?? `${message || code} (${during})`, undefined, status);
}

/** A TikTok Open API JSON call: Bearer token, { data, error } envelope, errors as PlatformErrors. */
export function tiktokCall(cfg: Config["platform_tiktok"], token: string, now: () => Date) {
  return async <T>(path: string, body: unknown, during: string): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(`${cfg.api_base}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json; charset=UTF-8" },
        body: JSON.stringify(body),
      });
    } catch (e) {
      throw new PlatformError("transient", `cannot reach TikTok while ${during}: ${e instanceof Error ? e.message : e}`);
    }
    // Post ids are int64 JSON numbers: parse so they stay exact.
    const json = (await responseJsonExact(res)) as { data?: T; error?: { code?: string; message?: string } };
    if (!res.ok || (json.error?.code && json.error.code !== "ok"))
      throw tiktokError(res.status, json.error?.code ?? "", json.error?.message ?? "", during, now());
    return json.data as T;
  };
}

/** Calls the Login Kit v2 token endpoint; only invalid_grant means the user must reconnect. */
export async function tiktokToken(
  cfg: Config["platform_tiktok"],
  form: Record<string, string>,
  now: Date,
): Promise<TokenSet & { openId?: string }> {
  let res: Response;
  try {
    res = await fetch(`${cfg.api_base}/v2/oauth/token/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...form, client_key: cfg.client_key, client_secret: cfg.client_secret }),
    });
  } catch (e) {
    throw new PlatformError("transient", `cannot reach TikTok's token endpoint: ${e instanceof Error ? e.message : e}`);
  }
  const b = (await res.json().catch(() => ({}))) as {
    access_token?: string;
    refresh_token?: string;
    expires_in?: number;
    scope?: string;
    open_id?: string;
    error?: string;
    error_description?: string;
  };
  if (!res.ok || !b.access_token) {
    if (b.error === "invalid_grant")
      throw new PlatformError(
        "auth_revoked",
        `TikTok says the permission was revoked or expired (${b.error_description ?? "invalid_grant"})`,
      );
    throw new PlatformError(
      res.status >= 500 || b.error === "invalid_client" ? "transient" : "rejected",
      `TikTok refused the token request: ${b.error_description ?? b.error ?? res.status}`,
    );
  }
  return {
    accessToken: b.access_token,
    refreshToken: b.refresh_token || undefined,
    expiresAt: b.expires_in ? new Date(now.getTime() + b.expires_in * 1000) : undefined,
    scopes: b.scope ? b.scope.split(",").filter(Boolean) : undefined,
    openId: b.open_id,
  };
}
