import { isLocalDate, localDate, zonedTime } from "../lib/zoned-time";

/** The two layouts of the calendar. */
export type CalendarView = "week" | "month";

/** The days a calendar page shows and the instants that bound them, in the user's zone. */
export interface CalendarRange {
  view: CalendarView;
  /** The day the page is anchored on (YYYY-MM-DD); prev/next/today move it. */
  anchor: string;
  /** Every local date shown, Monday first, whole weeks. */
  days: string[];
  /** The first instant of the first day and the first instant after the last day. */
  from: Date;
  to: Date;
  prev: string;
  next: string;
  today: string;
  /** The month (YYYY-MM) a month view is about; days outside it are shown dimmed. */
  month: string;
}

const DAY_MS = 86_400_000;

/** A local date `n` days after `date` (negative goes back). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function mondayOf(date: string): string {
  return addDays(date, -((weekday(date) + 6) % 7));
}

function addMonths(date: string, n: number): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 10);
}

/** Reads ?view= and ?date= (ignoring bad values) into the range to show; `now` decides today in the zone. */
export function calendarRange(query: { view?: string; date?: string }, now: Date, timeZone: string): CalendarRange {
  const view: CalendarView = query.view === "month" ? "month" : "week";
  const today = localDate(now, timeZone);
  // Years the zone arithmetic handles (a 9999 anchor ran past what Intl formats): others show today.
  const usable = (d: string) => isLocalDate(d) && Number(d.slice(0, 4)) >= 1970 && Number(d.slice(0, 4)) <= 9000;
  const anchor = query.date && usable(query.date) ? query.date : today;
  let first: string;
  let last: string;
  if (view === "week") {
    first = mondayOf(anchor);
    last = addDays(first, 6);
  } else {
    const start = `${anchor.slice(0, 7)}-01`;
    first = mondayOf(start);
    last = addDays(mondayOf(addDays(addMonths(start, 1), -1)), 6);
  }
  const days: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) days.push(d);
  return {
    view,
    anchor,
    days,
    from: zonedTime(first, 0, 0, timeZone),
    to: zonedTime(addDays(last, 1), 0, 0, timeZone),
    prev: view === "week" ? addDays(anchor, -7) : addMonths(anchor, -1),
    next: view === "week" ? addDays(anchor, 7) : addMonths(anchor, 1),
    today,
    month: anchor.slice(0, 7),
  };
}
