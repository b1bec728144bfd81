// Wall-clock arithmetic in IANA time zones: the one place that turns instants into local dates and
// times and back. Pure (Intl only). A zone this runtime does not know is read as UTC everywhere.

/** Every IANA time zone this runtime knows, with UTC first (some engines leave it out of the list): the zones people may pick. */
export const TIME_ZONES: readonly string[] = (() => {
  const zones = Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC");
  return ["UTC", ...zones];
})();

const OFFERED = new Set(TIME_ZONES);

/** Whether a time zone name is one we offer (the check on what people type). */
export function isTimeZone(zone: string): boolean {
  return OFFERED.has(zone);
}

/** Calendar parts of an instant in a time zone. */
export interface LocalParts {
  date: string; // YYYY-MM-DD
  hour: number;
  minute: number;
  weekday: number; // 0 = Sunday
}

// Building an Intl.DateTimeFormat costs far more than using one; pages and runs format hundreds of times.
const wallFormats = new Map<string, Intl.DateTimeFormat | null>();

function wallFormat(timeZone: string): Intl.DateTimeFormat | null {
  let f = wallFormats.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat("en-GB", {
        timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        weekday: "short",
      });
    } catch {
      f = null;
    }
    wallFormats.set(timeZone, f);
  }
  return f;
}

/** The zone itself when this runtime knows it, else "UTC": the one fallback every reader of a stored zone shares. */
export function zoneOrUtc(timeZone: string): string {
  return wallFormat(timeZone) ? timeZone : "UTC";
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const pad = (n: number) => String(n).padStart(2, "0");

/** The local date, hour, minute and weekday of an instant in a time zone (UTC when the zone is unknown). */
export function localParts(at: Date, timeZone: string): LocalParts {
  const parts = (wallFormat(timeZone) ?? wallFormat("UTC")!).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return {
    date: `${get("year")}-${get("month")}-${get("day")}`,
    hour: Number(get("hour")),
    minute: Number(get("minute")),
    weekday: WEEKDAYS.indexOf(get("weekday")),
  };
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return localParts(at, timeZone).date;
}

/** Minutes since local midnight of an instant in a time zone. */
export function localMinutes(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  return p.hour * 60 + p.minute;
}

/** "HH:MM" as minutes since midnight (undefined when malformed). */
export function parseHhMm(hhmm: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Checks a YYYY-MM-DD string names a real date. */
export function isLocalDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** The value of an <input type="datetime-local"> for an instant shown in a time zone. */
export function toDatetimeLocal(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.date}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * The instant a wall-clock time "YYYY-MM-DDTHH:MM" names in a time zone (undefined when malformed).
 * Two passes over the zone's offset settle DST edges on the later offset.
 */
export function fromDatetimeLocal(value: string, timeZone: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(asUtc)) return undefined;
  let guess = asUtc;
  for (let i = 0; i < 2; i++) guess += asUtc - wallAsUtc(new Date(guess), timeZone);
  return new Date(guess);
}

/**
 * The instant a local wall-clock time happens in a zone. A time skipped by a DST jump resolves to
 * the same wall time shifted forward by the jump; a repeated time resolves to its first occurrence.
 */
export function zonedTime(date: string, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + (hour * 60 + minute) * 60_000;
  // Offsets a day either side: no zone changes its offset twice within two days.
  const before = wall - offsetMs(new Date(wall - 86_400_000), timeZone);
  const after = wall - offsetMs(new Date(wall + 86_400_000), timeZone);
  const matches = [before, after].filter((t) => {
    const p = localParts(new Date(t), timeZone);
    return p.date === date && p.hour === hour && p.minute === minute;
  });
  return new Date(matches.length > 0 ? Math.min(...matches) : before);
}

// The wall clock shown at an instant, read as if it were UTC (milliseconds).
function wallAsUtc(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  return Date.parse(`${p.date}T00:00:00Z`) + (p.hour * 60 + p.minute) * 60_000;
}

function offsetMs(at: Date, timeZone: string): number {
  return wallAsUtc(at, timeZone) - Math.floor(at.getTime() / 60_000) * 60_000;
}
