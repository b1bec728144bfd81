import { formatLocal } from "../lib/format";
import { localMinutes } from "../lib/zoned-time";
import { isAllowedMinute, MIN_GAP, parseAllowedHours } from "../learning/guardrails";
import type { PlatformId } from "../platforms/ids";
import { PLATFORM_RULES } from "../platforms/rules";

/** What a move is checked against beyond "not in the past": the app's allowed hours and the account's other posts there. */
export interface MoveContext {
  platform: PlatformId;
  /** The web app's allowed hours as stored ("HH:MM-HH:MM", "" for any time). */
  allowedHours: string;
  /** The account's other posts on this platform near the new time. */
  neighbours: { id: number; at: Date }[];
  timezone: string;
}

/**
 * The planner's guardrails for a time a person picked, as a sentence saying what to do, or undefined when it fits:
 * inside the web app's allowed hours, and the platform's least gap from the account's other posts kept.
 */
export function moveProblem(at: Date, m: MoveContext): string | undefined {
  const hours = parseAllowedHours(m.allowedHours) ?? null;
  if (!isAllowedMinute(hours, localMinutes(at, m.timezone)))
    return `${formatLocal(at, m.timezone)} is outside this web app's posting hours (${m.allowedHours.trim()}); pick a time inside them, or change the hours on the web app.`;
  const gap = MIN_GAP[m.platform];
  const near = m.neighbours.find((n) => Math.abs(n.at.getTime() - at.getTime()) < gap.minutes * 60_000);
  if (near)
    return `Item ${near.id} goes out on ${PLATFORM_RULES[m.platform].label} at ${formatLocal(near.at, m.timezone)}: posts of one account there need ${gap.minutes} minutes between them (${gap.why}). Pick a time at least that far from it.`;
  return undefined;
}

/** How far around a new time other posts can break the gap (the widest platform gap). */
export const GAP_REACH_MS = Math.max(...Object.values(MIN_GAP).map((g) => g.minutes)) * 60_000;
