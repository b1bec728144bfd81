import type { PlatformId } from "./ids";

/**
 * What each platform's API lets an app do to a comment besides replying, as documented: Facebook likes and hides,
 * Instagram hides (no like of a comment), YouTube hides (setModerationStatus, no like), LinkedIn likes (a LIKE
 * reaction) but has no hide, X neither for our scopes, TikTok nothing (no comments API for our scopes).
 */
export const COMMENT_ACTIONS: Record<PlatformId, { like: boolean; hide: boolean }> = {
  youtube: { like: false, hide: true },
  tiktok: { like: false, hide: false },
  instagram: { like: false, hide: true },
  facebook: { like: true, hide: true },
  x: { like: false, hide: false },
  linkedin: { like: true, hide: false },
};

/** The sentence shown where a platform's API has no hide, so the user knows to act on the platform itself. */
export function noHideReason(platform: PlatformId, label: string): string | undefined {
  if (COMMENT_ACTIONS[platform]?.hide !== false) return undefined;
  return platform === "linkedin"
    ? "LinkedIn's API has no way to hide a comment; remove it on LinkedIn if it must go."
    : `${label}'s API gives apps no way to hide a comment.`;
}
