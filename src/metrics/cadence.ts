const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** When a post's metrics are read, counted from its publication: hourly for 48 h, daily to day 30, weekly to day 90, then never. */
export const CADENCE = { hourlyUntil: 48 * HOUR, dailyUntil: 30 * DAY, weeklyUntil: 90 * DAY } as const;

/** Every reading time of a post published at `publishedAt`, in order (85 of them). */
export function readingTimes(publishedAt: Date): Date[] {
  const out: Date[] = [];
  for (let at = readingAfter(publishedAt, publishedAt); at; at = readingAfter(publishedAt, at)) out.push(at);
  return out;
}

/**
 * The first reading time strictly after `after` for a post published at `publishedAt`, or undefined once the
 * schedule is over (after day 90). A collector that was off skips the readings it missed instead of catching up.
 */
export function readingAfter(publishedAt: Date, after: Date): Date | undefined {
  const t0 = publishedAt.getTime();
  const age = Math.max(0, after.getTime() - t0);
  const next = (step: number, from: number) => from + (Math.floor((age - from) / step) + 1) * step;
  let offset: number;
  if (age < CADENCE.hourlyUntil) offset = next(HOUR, 0);
  else if (age < CADENCE.dailyUntil) offset = Math.max(next(DAY, 0), CADENCE.hourlyUntil + DAY);
  else offset = Math.min(next(7 * DAY, CADENCE.dailyUntil), CADENCE.weeklyUntil);
  if (age >= CADENCE.weeklyUntil) return undefined;
  return new Date(t0 + offset);
}
