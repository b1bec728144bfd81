import type { PlatformId } from "../../platforms/ids";
import { PLATFORM_RULES } from "../../platforms/rules";

/** A post format the pipeline can render and the adapters can publish. */
export type PostFormat = "video" | "image" | "text" | "thread" | "carousel";

/** One format that works on a platform, and why (the reason lands in the item's notes). */
export interface FormatChoice {
  format: PostFormat;
  reason: string;
}

const CAROUSEL_REASON =
  "A carousel of 3-7 slides (cover, one fact a slide, call to action) is saved and swiped more than a single image on Instagram.";

/**
 * What works on each platform, best first. Platforms with more than one entry rotate through them day by day
 * (see chooseFormat); X posts an image on the days LinkedIn posts text, and text or a thread on the days LinkedIn
 * posts an image or a carousel, so every day's batch over all six platforms carries a video, a still post (image or
 * carousel) and a text post (or thread).
 */
export const FORMAT_TABLE: Record<PlatformId, FormatChoice[]> = {
  youtube: [{ format: "video", reason: "YouTube Shorts are vertical 9:16 videos; nothing else goes to the Shorts feed." }],
  tiktok: [{ format: "video", reason: "TikTok's feed is 9:16 video; a video is what it shows to people who do not follow the account." }],
  instagram: [
    { format: "video", reason: "Instagram Reels (9:16 video) reach people beyond the account's followers." },
    { format: "image", reason: "A single 4:5 feed image keeps the grid and the followers engaged between Reels." },
    { format: "carousel", reason: CAROUSEL_REASON },
  ],
  facebook: [
    { format: "image", reason: "A Page photo post with the link in the text gets more reach on Facebook than a bare link." },
    { format: "video", reason: "A short vertical video goes to Facebook's Reels surface." },
    { format: "carousel", reason: "A multi-photo Page post shows several facts at once and each photo opens in the viewer." },
  ],
  // Images on odd places only: LinkedIn's list is image, text, carousel, text, so the two never both post an image the same day.
  x: [
    { format: "text", reason: "Text-only posts are what X's timeline is made of; the link card shows the site." },
    { format: "image", reason: "An image stands out in the X timeline on the days a plain post would not." },
    {
      format: "thread",
      reason: "A thread of 2-4 posts opens without a link (X shows posts with links to fewer people) and puts the link in the last reply.",
    },
    { format: "image", reason: "An image stands out in the X timeline on the days a plain post would not." },
  ],
  linkedin: [
    { format: "image", reason: "A single image with the post is LinkedIn's most shown organic format." },
    { format: "text", reason: "A text-only LinkedIn post reads like a person's note and draws comments." },
    { format: "carousel", reason: "A multi-image post walks through one fact per image; LinkedIn shows it as a swipeable grid." },
    { format: "text", reason: "A text-only LinkedIn post reads like a person's note and draws comments." },
  ],
};

/** What chooseFormat may weigh: the post's local date and, once the learner measures them, formats ranked best first for this app. */
export interface FormatContext {
  localDate: string;
  /** Formats ranked by what worked for this app, best first (the learner's seam); the first one the platform takes wins. */
  ranked?: PostFormat[];
}

/**
 * The format of a post on this platform: the learner's best-ranked format the platform takes, else the table's
 * entry for the day (platforms with several good formats rotate, so the account's feed varies).
 */
export function chooseFormat(platform: PlatformId, context: FormatContext): FormatChoice {
  const options = FORMAT_TABLE[platform] ?? [{ format: PLATFORM_RULES[platform].format, reason: "The platform's default format." }];
  for (const f of context.ranked ?? []) {
    const hit = options.find((o) => o.format === f);
    if (hit) return { format: hit.format, reason: `${hit.reason} (ranked first among this app's measured formats)` };
  }
  return options[dayNumber(context.localDate) % options.length]!;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date (0 for anything else). */
function dayNumber(localDate: string): number {
  const t = Date.parse(`${localDate}T00:00:00Z`);
  return Number.isFinite(t) ? Math.floor(t / 86_400_000) : 0;
}
