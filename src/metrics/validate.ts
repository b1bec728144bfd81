import type { PostMetrics } from "../platforms/types";
import type { Counters } from "./store";

/** The counters a reading can hold, with the words used for them in problems. */
export const COUNTER_NAMES = {
  views: "views",
  impressions: "impressions",
  reach: "reach",
  likes: "likes",
  comments: "comments",
  shares: "shares",
  saves: "saves",
  watchTimeSeconds: "watch time",
  avgViewSeconds: "average view duration",
  completionRate: "completion",
  profileVisits: "profile visits",
} as const;

type Key = keyof typeof COUNTER_NAMES;
const KEYS = Object.keys(COUNTER_NAMES) as Key[];
const WHOLE = new Set<Key>(["views", "impressions", "reach", "likes", "comments", "shares", "saves", "profileVisits"]);

/**
 * Checks a platform's answer before it is stored: every counter must be a finite number, not negative (a whole
 * number for counts, at most 1 for completion); a counter the last good reading had must not vanish; an answer
 * with no counter at all is refused. Returns the counters (null where not given) or the problem in words.
 */
export function checkCounters(m: PostMetrics, last?: Partial<Record<Key, number | null>>): { counters: Counters } | { problem: string } {
  const out: Counters = {};
  const bad: string[] = [];
  const gone: string[] = [];
  for (const k of KEYS) {
    const v: unknown = m[k];
    if (v === undefined || v === null) {
      if (last?.[k] !== undefined && last[k] !== null) gone.push(COUNTER_NAMES[k]);
      out[k] = null;
      continue;
    }
    const ok =
      typeof v === "number" && Number.isFinite(v) && v >= 0 && (!WHOLE.has(k) || Number.isInteger(v)) && (k !== "completionRate" || v <= 1);
    if (ok) out[k] = v;
    else bad.push(`${COUNTER_NAMES[k]} = ${typeof v === "string" ? JSON.stringify(v) : String(v)}`);
  }
  if (bad.length > 0) return { problem: `the platform answered counters that are not valid numbers (${bad.join(", ")})` };
  if (KEYS.every((k) => out[k] === null)) return { problem: "the platform's answer held no counters" };
  if (gone.length > 0) return { problem: `the platform's answer left out counters it gave before (${gone.join(", ")})` };
  return { counters: out };
}
