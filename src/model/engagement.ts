// What engagement rate means, as a plain value: the analytics page, its CSV and the PDF report all quote this one sentence.

/** The definition of engagement rate in words (src/analytics/query.ts:engagementRate computes it). */
export const ENGAGEMENT_RATE_TEXT =
  "Engagement rate = (likes + comments + shares + saves) ÷ views, from each post's latest reading. A counter a platform does not give counts as 0; " +
  "posts whose views are unknown or 0 have no rate and are left out of a group's rate.";
