// How numbers, money and dates read on pages and in messages: pure, the one place each format is written.
import { zoneOrUtc } from "./zoned-time";

/** Dollars as the UI and messages show them ("$0.0042" under a cent, else "$1.50"). */
export function formatUsd(usd: number): string {
  return usd > 0 && usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** A count with thousands separators ("12,345"). */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

// Building an Intl.DateTimeFormat costs far more than using one; pages format hundreds of times.
const plannedFormats = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const zone = zoneOrUtc(timeZone);
  let f = map.get(zone);
  if (!f) map.set(zone, (f = new Intl.DateTimeFormat("en-GB", { ...options, timeZone: zone })));
  return f;
}

/** A planned time as people read it, in their time zone: "Mon 2 Mar, 14:30". */
export function formatLocal(at: Date, timeZone: string): string {
  return cached(plannedFormats, timeZone, {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
}

/** A date and time with the year, in a person's time zone: "2 Mar 2026, 13:00". */
export function formatInZone(at: Date, timeZone: string): string {
  return cached(dateTimeFormats, timeZone, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(
    at,
  );
}
