import { localParts } from "../lib/zoned-time";

/** Width of a posting window in hours: two hours, so a few months of one post a day do not spread thin over 168 hours. */
export const WINDOW_HOURS = 2;
/** Windows in a day (0 = 00-02 h, 7 = 14-16 h, ...). */
export const WINDOWS_PER_DAY = 24 / WINDOW_HOURS;
/** Short weekday names, Sunday first (as `Date.getUTCDay`). */
export const WEEKDAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

/** Where an instant falls in the user's week: weekday (0 Sunday), window of the day, and whether it is a weekend day. */
export interface WeekSlot {
  weekday: number;
  window: number;
  weekend: boolean;
}

/** Window's local hours as words: 7 -> "14-16 h". */
export function windowLabel(window: number): string {
  return `${window * WINDOW_HOURS}-${window * WINDOW_HOURS + WINDOW_HOURS} h`;
}

/**
 * Turns instants into week slots in one time zone. The zone's offset is looked up once per UTC day (at noon) and
 * cached, so placing 5,000 posts costs a few hundred Intl calls, not 5,000; an hour either side of a DST change may land
 * in the neighbouring window, which the 2-hour windows absorb.
 */
export class SlotClock {
  private offsets = new Map<number, number>();
  constructor(private timeZone: string) {}

  /** The instant's week slot in the zone. */
  slotOf(at: Date): WeekSlot {
    const t = at.getTime();
    const day = Math.floor(t / 86_400_000);
    let offset = this.offsets.get(day);
    if (offset === undefined) {
      const noon = new Date(day * 86_400_000 + 12 * 3_600_000);
      const p = localParts(noon, this.timeZone);
      const wall = Date.UTC(Number(p.date.slice(0, 4)), Number(p.date.slice(5, 7)) - 1, Number(p.date.slice(8, 10)), p.hour, p.minute);
      offset = wall - noon.getTime();
      this.offsets.set(day, offset);
    }
    // Plain arithmetic on the local instant (1970-01-01 was a Thursday): no Date object per post.
    const local = t + offset;
    const localDay = Math.floor(local / 86_400_000);
    const weekday = (((localDay + 4) % 7) + 7) % 7;
    const hour = Math.floor((local - localDay * 86_400_000) / 3_600_000);
    return { weekday, window: Math.floor(hour / WINDOW_HOURS), weekend: weekday === 0 || weekday === 6 };
  }
}
