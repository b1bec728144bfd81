// What engagement rate means, as a plain value: the analytics page, its CSV and the PDF report all quote this one sentence.

/** The definition of engagement rate in words (src/analytics/query.ts:engagementRate computes it). */
export const ENGAGEMENT_RATE_TEXT =
  "Engagement rate = (likes + comments + shares + saves) ÷ views, from each post's latest reading. A counter a platform does not give counts as 0; " +
  "posts whose views are unknown or 0 have no rate and are left out of a group's rate.";

/** Counters as a reading holds them: null where the platform gives none. */
export interface EngagementCounters {
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
}

/** One post's engagement rate by the definition above (null when its views are unknown or 0). */
export function engagementRateOf(p: EngagementCounters): number | null {
  if (!p.views || p.views <= 0) return null;
  return ((p.likes ?? 0) + (p.comments ?? 0) + (p.shares ?? 0) + (p.saves ?? 0)) / p.views;
}
