// The one engagement metric the learner optimises, written down once (docs/optimizer.md "The metric").

/** The counters of one post that the learner reads: a snapshot's, an imported row's, plus counted clicks. */
export interface PostCounters {
  impressions?: number | null;
  views?: number | null;
  reach?: number | null;
  likes?: number | null;
  comments?: number | null;
  shares?: number | null;
  saves?: number | null;
  clicks?: number | null;
}

/** A post's exposure and engagement: engagements = likes + comments + shares + saves + clicks; exposure = impressions, else views, else reach. */
export interface Engagement {
  exposure: number;
  engagements: number;
}

/** The post's engagement, or undefined when the platform gave no exposure counter (such a post teaches nothing). */
export function engagementOf(c: PostCounters): Engagement | undefined {
  const exposure = c.impressions ?? c.views ?? c.reach ?? null;
  if (exposure === null || !(exposure > 0)) return undefined;
  const engagements = (c.likes ?? 0) + (c.comments ?? 0) + (c.shares ?? 0) + (c.saves ?? 0) + (c.clicks ?? 0);
  return { exposure, engagements: Math.min(engagements, exposure * 10) };
}

/** Engagement per impression, with half a pseudo-count so a post with no engagement is not read as exactly zero. */
export function rateOf(e: Engagement): number {
  return (e.engagements + 0.5) / (e.exposure + 1);
}
