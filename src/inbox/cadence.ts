const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How often a post's comments are read, by its age (as metrics/cadence.ts does for counters): a new post's
 * conversation is the busiest and most worth answering fast, an old one rarely moves. After 90 days: never.
 */
export const COMMENT_CADENCE = [
  { until: 2 * DAY, every: 30 * MINUTE },
  { until: 7 * DAY, every: 3 * HOUR },
  { until: 30 * DAY, every: DAY },
  { until: 90 * DAY, every: 7 * DAY },
] as const;

/** When the post's comments are read next after a read at `at`, or null once the post is older than 90 days. */
export function nextCommentRead(publishedAt: Date, at: Date): Date | null {
  const age = Math.max(0, at.getTime() - publishedAt.getTime());
  const step = COMMENT_CADENCE.find((c) => age < c.until);
  return step ? new Date(at.getTime() + step.every) : null;
}
