import type { PlatformId } from "../../platforms/ids";
import type { Box } from "./tokens";

/** How far the platform's own buttons and captions reach into a vertical frame, as fractions of its width and height. */
export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * Overlay areas of each vertical player, from the platforms' published guides (1080 x 1920 templates):
 * TikTok keeps text out of the right action rail (like, comment, share: ~140 px), the bottom caption, sound and
 * progress area (~480 px, 25 %) and the Following/For You tabs (~150 px). Meta's Reels guide (Instagram and Facebook)
 * leaves the top 14 %, the bottom 35 % and 6 % at the sides clear; the action rail sits in the bottom third. YouTube
 * Shorts overlays the title, channel and subscribe button at the bottom (~25 %), its action rail on the right (~12 %)
 * and the search/menu bar at the top (~10 %). Other platforms play the video in a frame with controls at the bottom.
 */
export const SAFE_INSETS: Record<"tiktok" | "reels" | "shorts" | "player", Insets> = {
  tiktok: { top: 0.08, right: 0.13, bottom: 0.25, left: 0.06 },
  reels: { top: 0.14, right: 0.08, bottom: 0.35, left: 0.06 },
  shorts: { top: 0.1, right: 0.12, bottom: 0.25, left: 0.06 },
  player: { top: 0.06, right: 0.06, bottom: 0.1, left: 0.06 },
};

/** Which player a platform's shorts are watched in. */
export function playerOf(platform: PlatformId | string): keyof typeof SAFE_INSETS {
  if (platform === "tiktok") return "tiktok";
  if (platform === "instagram" || platform === "facebook") return "reels";
  if (platform === "youtube") return "shorts";
  return "player";
}

/** The part of a w x h frame no overlay of the platform's player covers: all text goes inside it. */
export function safeZoneFor(platform: PlatformId | string, w: number, h: number): Box {
  const i = SAFE_INSETS[playerOf(platform)];
  const x = Math.round(w * i.left);
  const y = Math.round(h * i.top);
  return { x, y, w: Math.round(w * (1 - i.right)) - x, h: Math.round(h * (1 - i.bottom)) - y };
}
