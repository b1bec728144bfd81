import { localParts, zonedTime } from "../lib/zoned-time";

/** How long a report's period is: the report email's frequency without "off". */
export type PeriodKind = "day" | "week" | "month";

/** One complete reporting period in a user's zone: local dates [start, end) and the instants they begin and end. */
export interface ReportPeriod {
  kind: PeriodKind;
  start: string; // YYYY-MM-DD, first local day
  end: string; // YYYY-MM-DD, the local day after the last one
  from: Date;
  to: Date;
  timeZone: string;
  /** "the previous week" etc., for sentences comparing against the period before. */
  previousName: string;
}

const DAY_MS = 86_400_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A YYYY-MM-DD date moved by whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function firstOfMonth(date: string, monthsBack: number): string {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - monthsBack);
  return d.toISOString().slice(0, 10);
}

/** The period of `kind` that ends at `end` (a local date, exclusive). */
function periodEndingAt(kind: PeriodKind, end: string, timeZone: string): ReportPeriod {
  const start = kind === "day" ? addDays(end, -1) : kind === "week" ? addDays(end, -7) : firstOfMonth(end, 1);
  return {
    kind,
    start,
    end,
    from: zonedTime(start, 0, 0, timeZone),
    to: zonedTime(end, 0, 0, timeZone),
    timeZone,
    previousName: kind === "day" ? "the day before" : kind === "week" ? "the previous week" : "the previous month",
  };
}

/**
 * The last complete period before `now` in the zone: yesterday, last week (Monday to Sunday) or last calendar month.
 * This is what the report email and the "Download PDF" links cover.
 */
export function lastCompletePeriod(kind: PeriodKind, now: Date, timeZone: string): ReportPeriod {
  const { date, weekday } = localParts(now, timeZone);
  if (kind === "day") return periodEndingAt(kind, date, timeZone);
  if (kind === "week") return periodEndingAt(kind, addDays(date, -((weekday + 6) % 7)), timeZone);
  return periodEndingAt(kind, firstOfMonth(date, 0), timeZone);
}

/** The period just before this one, of the same kind (a month before a month, whatever their lengths). */
export function previousPeriod(p: ReportPeriod): ReportPeriod {
  return periodEndingAt(p.kind, p.start, p.timeZone);
}

function dayMonth(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;
}

/** The period in words: "Mon 30 Nov – Sun 6 Dec 2026", "November 2026", "Sat 5 Dec 2026". */
export function periodLabel(p: Pick<ReportPeriod, "kind" | "start" | "end">): string {
  const last = addDays(p.end, -1);
  const year = last.slice(0, 4);
  if (p.kind === "month") {
    const name = new Date(`${p.start}T00:00:00Z`).toLocaleString("en-GB", { month: "long", timeZone: "UTC" });
    return `${name} ${p.start.slice(0, 4)}`;
  }
  if (p.kind === "day") return `${dayMonth(last)} ${year}`;
  const startYear = p.start.slice(0, 4) === year ? "" : ` ${p.start.slice(0, 4)}`;
  return `${dayMonth(p.start)}${startYear} – ${dayMonth(last)} ${year}`;
}

/** The local dates [start, end) of a period, one per day (charts draw one point per day). */
export function daysOf(p: Pick<ReportPeriod, "start" | "end">): string[] {
  const days: string[] = [];
  for (let d = p.start; d < p.end; d = addDays(d, 1)) days.push(d);
  return days;
}
