/** Calendar parts of an instant in a time zone. */
export interface LocalParts {
  date: string; // YYYY-MM-DD
  hour: number;
  minute: number;
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone: tz,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      weekday: "short",
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True when the name is a time zone this runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The local date, hour, minute and weekday of an instant in a time zone (UTC when the zone is unknown). */
export function localParts(at: Date, tz: string): LocalParts {
  const parts = Object.fromEntries(
    formatter(isValidTimeZone(tz) ? tz : "UTC")
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: days.indexOf(parts.weekday!),
  };
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDateOf(at: Date, tz: string): string {
  return localParts(at, tz).date;
}

/**
 * The instant a local wall-clock time happens in a zone. A time skipped by a DST jump resolves to
 * the same wall time shifted forward by the jump; a repeated time resolves to its first occurrence.
 */
export function zonedTime(localDate: string, hour: number, minute: number, tz: string): Date {
  const wall = Date.parse(`${localDate}T00:00:00Z`) + (hour * 60 + minute) * 60_000;
  // Offsets a day either side: no zone changes its offset twice within two days.
  const before = wall - offsetMs(new Date(wall - 86_400_000), tz);
  const after = wall - offsetMs(new Date(wall + 86_400_000), tz);
  const matches = [before, after].filter((t) => {
    const p = localParts(new Date(t), tz);
    return p.date === localDate && p.hour === hour && p.minute === minute;
  });
  return new Date(matches.length > 0 ? Math.min(...matches) : before);
}

function offsetMs(at: Date, tz: string): number {
  const p = localParts(at, tz);
  const asUtc = Date.parse(`${p.date}T00:00:00Z`) + (p.hour * 60 + p.minute) * 60_000;
  return asUtc - Math.floor(at.getTime() / 60_000) * 60_000;
}

/** Checks a YYYY-MM-DD string names a real date. */
export function isLocalDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
}
