import { ApiRequestError, ApiResponseError } from "twitter-api-v2";
import { PlatformError } from "../types";

/** Turns what twitter-api-v2 throws into a PlatformError the queue acts on, with a sentence for a person. */
export function xError(e: unknown, during: string): PlatformError {
  if (e instanceof PlatformError) return e;
  if (e instanceof ApiResponseError) {
    const data = (e.data ?? {}) as { detail?: string; title?: string; error?: string; error_description?: string };
    const detail = data.detail ?? data.error_description ?? data.title ?? e.message;
    const rl = e.rateLimit;
    if (e.code === 429) {
      if (rl?.userDay && rl.userDay.remaining === 0) {
        return new PlatformError(
          "daily_cap",
          `X's 24-hour posting limit for this account is reached (${during})`,
          rl.userDay.reset ? new Date(rl.userDay.reset * 1000) : undefined,
          429,
        );
      }
      return new PlatformError("rate_limited", `X is rate limiting ${during}`, rl?.reset ? new Date(rl.reset * 1000) : undefined, 429);
    }
    if (e.code === 401) return new PlatformError("auth_expired", `X did not accept the access token (${during})`, undefined, 401);
    if (e.code === 403 && /duplicate/i.test(detail))
      return new PlatformError("duplicate", "X says this exact post already exists (duplicate content)", undefined, 403);
    if (e.code >= 500) return new PlatformError("transient", `X answered ${e.code} while ${during}`, undefined, e.code);
    return new PlatformError("rejected", `${detail} (${during})`, undefined, e.code);
  }
  if (e instanceof ApiRequestError)
    return new PlatformError("transient", `cannot reach X while ${during}: ${e.requestError?.message ?? e.message}`);
  return new PlatformError("transient", `${during}: ${e instanceof Error ? e.message : String(e)}`);
}

/**
 * A read's error (replies, metrics). X answers 403 client-not-enrolled when the app's plan does not include the endpoint:
 * a permanent refusal naming `needs.plan`; with `needs.scopes`, any other 403 but a duplicate is the token lacking a
 * scope, also permanent. The monthly post cap used up (429 UsageCapExceeded) waits for the first of the next month.
 */
export function xReadError(e: unknown, during: string, now: Date, needs: { plan: string; scopes?: string }): PlatformError {
  const pe = xError(e, during);
  const data = (e instanceof ApiResponseError ? e.data : {}) as { reason?: string; title?: string; detail?: string };
  if (pe.status === 403 && data.reason === "client-not-enrolled")
    return new PlatformError("forbidden", `X refused: ${data.detail ?? pe.message}`, undefined, 403, needs.plan);
  if (needs.scopes && pe.status === 403 && pe.kind !== "duplicate")
    return new PlatformError("forbidden", `X refused: ${data.detail ?? pe.message}`, undefined, 403, needs.scopes);
  if (pe.status === 429 && data.title === "UsageCapExceeded")
    return new PlatformError(
      "daily_cap",
      `the X app's monthly post cap for its plan is used up (${data.detail ?? "UsageCapExceeded"})`,
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
      429,
    );
  return pe;
}

/** Token endpoint errors: only OAuth's documented invalid grant / invalid token answers mean "revoked". */
export function xTokenError(e: unknown): PlatformError {
  if (e instanceof ApiResponseError && (e.code === 400 || e.code === 401)) {
    const data = (e.data ?? {}) as { error?: string; error_description?: string };
    if (data.error === "invalid_grant" || (data.error === "invalid_request" && /token was invalid/i.test(data.error_description ?? ""))) {
      return new PlatformError(
        "auth_revoked",
        "X no longer accepts this app's access (the permission was revoked or the refresh token is no longer valid)",
      );
    }
    if (data.error === "unauthorized_client" || data.error === "invalid_client") {
      return new PlatformError("transient", "X refused the app credentials (check platform_x.client_id and client_secret)");
    }
  }
  return xError(e, "refreshing the access token");
}
