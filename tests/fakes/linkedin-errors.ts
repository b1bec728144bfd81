// Error answers of the fake LinkedIn, as its REST API documents them.

/** A LinkedIn error body as the REST API sends it. */
export function liError(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return Response.json({ message, status, ...extra }, { status, headers });
}

/** A scripted failure the fake LinkedIn answers once for the next matching call. */
export type LinkedInFault =
  | "expired_token" // 401 serviceErrorCode 65600
  | "revoked" // 401 serviceErrorCode 65601, refresh answers invalid_grant
  | "rate_limit_retry_after" // 429 with Retry-After
  | "daily_limit" // 429 without headers: a daily member/app limit (resets at midnight UTC)
  | "processing_failed" // the video ends PROCESSING_FAILED
  | "duplicate" // 422 DUPLICATE_POST
  | "server_error" // 503
  | "accept_then_503" // the post IS created, but the answer is a 503
  | "old_version" // 426 NONEXISTENT_VERSION
  | "forbidden"; // 403 ACCESS_DENIED (the app lacks the restricted r_member_social permission)

/** The answer to a scripted fault; undefined for faults that are not a plain error answer (handled by the route). */
export function faultAnswer(f: LinkedInFault): Response | undefined {
  switch (f) {
    case "expired_token":
      return liError(401, "Invalid access token", { serviceErrorCode: 65600, code: "INVALID_ACCESS_TOKEN" });
    case "revoked":
      return liError(401, "The token used in the request has been revoked by the user", {
        serviceErrorCode: 65601,
        code: "REVOKED_ACCESS_TOKEN",
      });
    case "rate_limit_retry_after":
      return liError(429, "Resource level throttle limit for calls to this resource is reached.", {}, { "retry-after": "300" });
    case "daily_limit":
      return liError(429, "Resource level throttle APPLICATION DAY limit for calls to this resource is reached.");
    case "duplicate":
      return liError(422, "Content is a duplicate of urn:li:share:0", { code: "DUPLICATE_POST" });
    case "server_error":
      return liError(503, "Service unavailable");
    case "forbidden":
      return liError(403, "Not enough permissions to access: partnerApiSocialActions.GET.20250601", {
        serviceErrorCode: 100,
        code: "ACCESS_DENIED",
      });
    case "old_version":
      return liError(426, "Requested version 202001 is not active", { code: "NONEXISTENT_VERSION" });
    default:
      return undefined;
  }
}
