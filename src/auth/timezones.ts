/** Every IANA time zone this runtime knows, with UTC first (some engines leave it out of the list). */
export const TIME_ZONES: readonly string[] = (() => {
  const zones = Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC");
  return ["UTC", ...zones];
})();

const KNOWN = new Set(TIME_ZONES);

/** Whether a time zone name is one we offer. */
export function isTimeZone(zone: string): boolean {
  return KNOWN.has(zone);
}

/** A date and time shown in a user's time zone, e.g. "2 Mar 2026, 13:00". */
export function formatInZone(date: Date, zone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}
