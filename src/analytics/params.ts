// Reading the analytics filters from a query string (the page's GET form, its links and the API share the same names):
// range (7, 30, 90 or custom), from and to (local dates, or ISO 8601 instants in the API), webapp_id and platform (repeatable).
import { isLocalDate, localDate, zonedTime } from "../lib/zoned-time";
import { PLATFORM_IDS, type PlatformId } from "../platforms/ids";
import type { AnalyticsFilter } from "./query";

/** The quick ranges the page offers, in days. */
export const RANGES = [7, 30, 90] as const;

/** The longest period the page and API accept, in days. */
export const MAX_RANGE_DAYS = 400;

/** How the posts table can be ranked. */
export const SORTS = ["views", "engagement", "clicks", "time"] as const;

/** One way of ranking the posts table. */
export type Sort = (typeof SORTS)[number];

/** What the page's form shows back: the range chosen, the local dates, and the filters as given. */
export interface FormState {
  range: "7" | "30" | "90" | "custom";
  fromDate: string; // YYYY-MM-DD, local
  toDate: string; // YYYY-MM-DD, local, inclusive
  webappIds: number[];
  platforms: PlatformId[];
  sort: Sort;
}

/** A query that cannot be answered: 400 (bad range, bad value) or 404 (a web app that is not the user's). */
export interface FilterProblem {
  status: 400 | 404;
  message: string;
  field: string;
}

type Query = Record<string, string | string[] | undefined>;

const all = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s !== "");
const first = (v: string | string[] | undefined): string => all(v)[0] ?? "";
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The filter a query asks for, or why it cannot be answered. `ownWebappIds` are the user's web apps (another id is a 404);
 * without from/to the last `range` days (30 by default) up to the end of today in `timeZone`.
 */
export function parseFilter(
  q: Query,
  o: { userId: number; timeZone: string; now: Date; ownWebappIds: number[] },
): { filter: AnalyticsFilter; form: FormState } | FilterProblem {
  const webappIds: number[] = [];
  for (const raw of all(q.webapp_id)) {
    if (!/^\d{1,12}$/.test(raw)) return { status: 400, field: "webapp_id", message: `"${raw}" is not a web app id (a whole number).` };
    const id = Number(raw);
    if (!o.ownWebappIds.includes(id)) return { status: 404, field: "webapp_id", message: `There is no web app ${id} among yours.` };
    if (!webappIds.includes(id)) webappIds.push(id);
  }
  const platforms: PlatformId[] = [];
  for (const p of all(q.platform)) {
    if (!(PLATFORM_IDS as readonly string[]).includes(p))
      return { status: 400, field: "platform", message: `"${p}" is not a platform; use one of ${PLATFORM_IDS.join(", ")}.` };
    if (!platforms.includes(p as PlatformId)) platforms.push(p as PlatformId);
  }
  const sortRaw = first(q.sort) || "views";
  if (!(SORTS as readonly string[]).includes(sortRaw))
    return { status: 400, field: "sort", message: `"${sortRaw}" is not a way to sort; use one of ${SORTS.join(", ")}.` };
  const period = parsePeriod(q, o);
  if ("status" in period) return period;
  const filter: AnalyticsFilter = { userId: o.userId, from: period.from, to: period.to, timeZone: o.timeZone };
  if (webappIds.length) filter.webappIds = webappIds;
  if (platforms.length) filter.platforms = platforms;
  return { filter, form: { ...period.form, webappIds, platforms, sort: sortRaw as Sort } };
}

function parsePeriod(
  q: Query,
  o: { timeZone: string; now: Date },
): { from: Date; to: Date; form: Pick<FormState, "range" | "fromDate" | "toDate"> } | FilterProblem {
  const range = first(q.range);
  const fromRaw = first(q.from);
  const toRaw = first(q.to);
  const today = localDate(o.now, o.timeZone);
  if (range !== "custom" && (range !== "" || (fromRaw === "" && toRaw === ""))) {
    const days = range === "" ? 30 : Number(range);
    if (!(RANGES as readonly number[]).includes(days))
      return { status: 400, field: "range", message: `"${range}" is not a range; use 7, 30, 90 or custom with from and to.` };
    const fromDate = addDays(today, 1 - days);
    return {
      from: zonedTime(fromDate, 0, 0, o.timeZone),
      to: zonedTime(addDays(today, 1), 0, 0, o.timeZone),
      form: { range: String(days) as FormState["range"], fromDate, toDate: today },
    };
  }
  if (fromRaw === "")
    return {
      status: 400,
      field: "from",
      message: "A custom period needs a start date: fill in From (or pick one of the last 7, 30 or 90 days).",
    };
  const from = instant(fromRaw, o.timeZone, 0);
  const to = toRaw === "" ? zonedTime(addDays(today, 1), 0, 0, o.timeZone) : instant(toRaw, o.timeZone, 1);
  if (from === undefined)
    return { status: 400, field: "from", message: `"${fromRaw}" is not a start date; give from as YYYY-MM-DD or an ISO 8601 time.` };
  if (to === undefined)
    return { status: 400, field: "to", message: `"${toRaw}" is not an end date; give to as YYYY-MM-DD or an ISO 8601 time.` };
  if (to.getTime() <= from.getTime())
    return { status: 400, field: "to", message: "The end of the period comes before its start; swap from and to." };
  if (Math.round((to.getTime() - from.getTime()) / 86_400_000) > MAX_RANGE_DAYS)
    return { status: 400, field: "to", message: `The period is longer than ${MAX_RANGE_DAYS} days; choose a shorter one.` };
  const lastDay = localDate(new Date(to.getTime() - 1), o.timeZone);
  return { from, to, form: { range: "custom", fromDate: localDate(from, o.timeZone), toDate: lastDay } };
}

// A local date is its day's start (`dayShift` 1: the next day's start, so an end date includes its whole day); an ISO time is itself.
function instant(s: string, timeZone: string, dayShift: number): Date | undefined {
  // Years outside 1970-9000 are no period anyone measures, and time zone arithmetic fails on some of them.
  const year = Number(s.slice(0, 4));
  if (!(year >= 1970 && year <= 9000)) return undefined;
  if (isLocalDate(s)) return zonedTime(addDays(s, dayShift), 0, 0, timeZone);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return undefined;
  const t = Date.parse(s);
  return Number.isFinite(t) ? new Date(t) : undefined;
}
