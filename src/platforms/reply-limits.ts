import type { PlatformId } from "./ids";

/**
 * The longest reply each platform takes, in characters, from its documentation: YouTube 10,000 (comment
 * textOriginal), Facebook 8,000 (comment message), Instagram 2,200 (IG comment text), X 280 (a post, weighted),
 * LinkedIn 1,250 (comment text). TikTok: no replies through the API for our scopes (0).
 */
export const REPLY_LIMITS: Record<PlatformId, number> = {
  youtube: 10_000,
  tiktok: 0,
  instagram: 2_200,
  facebook: 8_000,
  x: 280,
  linkedin: 1_250,
};

/** Why a reply cannot be sent as written (over the platform's limit, with the count), or undefined when it can. */
export function replyTooLong(platform: PlatformId, text: string): string | undefined {
  const limit = REPLY_LIMITS[platform];
  const n = [...text].length;
  if (limit === 0) return "this platform takes no replies through its API";
  return n > limit ? `the reply has ${n} characters; the limit here is ${limit}` : undefined;
}
