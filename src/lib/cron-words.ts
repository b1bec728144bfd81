import { localParts } from "./zoned-time";

const pad = (n: number) => String(n).padStart(2, "0");

/** The hour of the day, "night" or "day", the way people say a daily time ("every night at 02:00"). */
function partOfDay(hour: number): string {
  return hour < 6 ? "night" : "day";
}

/**
 * A schedule's UTC cron pattern in words and in a person's time zone: "every minute", "every 5 minutes",
 * "every night at 04:40 Europe/Paris" (a daily time is shown at its local hour on the day of `now`).
 * Patterns beyond these read as the pattern itself, marked UTC.
 */
export function cronInWords(cron: string, zone: string, now: Date): string {
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5 || f.slice(2).some((x) => x !== "*")) return `cron ${cron} (UTC)`;
  const [minute, hour] = f as [string, string];
  if (minute === "*" && hour === "*") return "every minute";
  const every = /^\*\/(\d+)$/.exec(minute);
  if (every && hour === "*") return `every ${every[1]} minutes`;
  if (/^\d+$/.test(minute) && hour === "*") return `every hour at ${pad(Number(minute))} minutes past`;
  if (/^\d+$/.test(minute) && /^\d+$/.test(hour)) {
    const at = new Date(`${now.toISOString().slice(0, 10)}T${pad(Number(hour))}:${pad(Number(minute))}:00Z`);
    const local = localParts(at, zone);
    return `every ${partOfDay(local.hour)} at ${pad(local.hour)}:${pad(local.minute)} ${zone}`;
  }
  return `cron ${cron} (UTC)`;
}

/** A daily local time ("02:00") in words: "every night at 02:00 Europe/Paris". */
export function dailyInWords(hhmm: string, zone: string): string {
  return `every ${partOfDay(Number(hhmm.slice(0, 2)))} at ${hhmm} ${zone}`;
}
