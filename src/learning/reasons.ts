import { PLATFORM_RULES } from "../platforms/rules";
import { type Estimate, kindEstimate, liftOf, type PlatformModel } from "./estimate";
import { WEEKDAY_NAMES, windowLabel } from "./slots";

/** Own posts on a platform before its times count as learned rather than taken from the general table. */
export const MIN_OWN_POSTS = 20;
/** Posts in a window (of weekdays or of weekend days) before that window's figure is quoted as the app's own. */
export const MIN_WINDOW_POSTS = 3;

/** "Tue 14:30" from a weekday and local minutes. */
export function dayTime(weekday: number, minute: number): string {
  return `${WEEKDAY_NAMES[weekday]} ${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

function times(x: number): string {
  return `${x.toFixed(1)}x`;
}

/** What the app's own posts say about one window, in words with the evidence (undefined while there are too few). */
export function windowEvidence(m: PlatformModel, weekend: boolean, window: number): string | undefined {
  if (m.posts < MIN_OWN_POSTS) return undefined;
  const est = kindEstimate(m, weekend, window);
  if (est.n < MIN_WINDOW_POSTS) return undefined;
  return `your ${PLATFORM_RULES[m.platform].name} posts at ${windowLabel(window)} get ${times(liftOf(est))} your average engagement (${est.n} posts)`;
}

/** Why there is no learned figure yet, in words. */
export function notEnough(m: PlatformModel): string {
  return `not enough of your own ${PLATFORM_RULES[m.platform].name} posts yet (${m.posts} of ${MIN_OWN_POSTS} needed)`;
}

/** How a planned post's slot was chosen. */
export type Choice = "best" | "explore" | "table";

/** The reason written on a planned post: the time, how it was chosen and the evidence. */
export function slotReason(
  m: PlatformModel,
  at: { weekday: number; minute: number; window: number },
  choice: Choice,
  zone: string,
): string {
  const when = `${dayTime(at.weekday, at.minute)} (${zone})`;
  const weekend = at.weekday === 0 || at.weekday === 6;
  const evidence = windowEvidence(m, weekend, at.window);
  if (choice === "table") return `${when} from the general table: ${notEnough(m)}`;
  if (m.posts < MIN_OWN_POSTS) return `${when} to learn: ${notEnough(m)}, so some posts try times beyond the general table`;
  if (choice === "explore" || !evidence) {
    const est = kindEstimate(m, weekend, at.window);
    return `${when} to check ${windowLabel(at.window)}, still uncertain for you (${times(liftOf(est))}, likely ${times(Math.exp(est.mean - 1.28 * est.sd))}-${times(Math.exp(est.mean + 1.28 * est.sd))}, ${est.n} posts); a shrinking share of posts explores so the best times stay checked`;
  }
  return `${when}: ${evidence}`;
}

/** The reason that replaces the planner's when a person moves a post: their choice, and what the app's data says of that time. */
export function movedReason(m: PlatformModel, at: { weekday: number; minute: number; window: number }): string {
  const evidence = windowEvidence(m, at.weekday === 0 || at.weekday === 6, at.window);
  return `${dayTime(at.weekday, at.minute)}, moved by you; ${evidence ?? `${notEnough(m)} to judge this time`}.`;
}

/** Posts in a format before its figure is quoted as the app's own rather than a trial. */
export const MIN_FORMAT_POSTS = 5;

/** Why the learner put a format first for a post, with the evidence (or that it is trying it to learn). */
export function formatReason(m: PlatformModel, format: string, est: Estimate, explored: boolean): string {
  const name = PLATFORM_RULES[m.platform].name;
  const range = `${times(Math.exp(est.mean - 1.28 * est.sd))}-${times(Math.exp(est.mean + 1.28 * est.sd))}`;
  if (explored || est.n < MIN_FORMAT_POSTS)
    return `Learner: trying ${format} to learn, still uncertain for you (${times(liftOf(est))}, likely ${range}, ${est.n} ${name} posts).`;
  return `Learner: your ${name} ${format} posts get ${times(liftOf(est))} your average engagement (${est.n} posts).`;
}
