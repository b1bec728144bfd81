import type { PlatformId } from "../../platforms/ids";
import { PLATFORM_RULES } from "../../platforms/rules";
import { localParts, zonedTime } from "../../lib/zoned-time";
import { dayNumber } from "../creative/builtin/text";
import type { Variant } from "../creative/types";
import { BEST_TIMES } from "./best-times";

/** One post to place. */
export interface SlotRequest {
  key: string;
  platform: PlatformId;
  variant: Variant;
}

/** Where and why a post lands. */
export interface SlotPlan {
  key: string;
  plannedAt: Date;
  reason: string;
}

/** What an optimizer knows when planning a day. */
export interface PlanInput {
  webappId: number;
  localDate: string;
  timezone: string;
  now: Date;
  posts: SlotRequest[];
  /** Instants already planned for this user's other posts (no two posts share a minute). */
  taken: Date[];
}

/**
 * The seam for optimizers: the heuristic one below today, a learning one (fed by metrics) later.
 * Both decide which platforms run an A/B experiment and when each post goes out.
 */
export interface Optimizer {
  experiments(input: { webappId: number; localDate: string; platforms: PlatformId[] }): PlatformId[];
  plan(input: PlanInput): SlotPlan[];
}

const MINUTE = 60_000;

/** Best-times table + rotation: one platform per day runs an A/B test; variant A takes the best slot, B the next. */
export class HeuristicOptimizer implements Optimizer {
  experiments(input: { webappId: number; localDate: string; platforms: PlatformId[] }): PlatformId[] {
    if (input.platforms.length === 0) return [];
    return [input.platforms[(dayNumber(input.localDate) + input.webappId) % input.platforms.length]!];
  }

  plan(input: PlanInput): SlotPlan[] {
    const taken = new Set(input.taken.map((d) => Math.floor(d.getTime() / MINUTE)));
    const weekday = localParts(zonedTime(input.localDate, 12, 0, input.timezone), input.timezone).weekday;
    const weekend = weekday === 0 || weekday === 6;
    return input.posts.map((post) => {
      const times = BEST_TIMES[post.platform][weekend ? "weekend" : "weekday"];
      const rank = post.variant === "A" ? 0 : 1;
      const future = times
        .map(([h, m]) => zonedTime(input.localDate, h, m, input.timezone))
        .filter((t) => t.getTime() > input.now.getTime() + 10 * MINUTE);
      const base =
        future[Math.min(rank, future.length - 1)] ?? new Date(Math.ceil((input.now.getTime() + 30 * MINUTE) / (15 * MINUTE)) * 15 * MINUTE);
      let minute = Math.floor(base.getTime() / MINUTE);
      while (taken.has(minute)) minute += 7;
      taken.add(minute);
      const at = new Date(minute * MINUTE);
      const local = localParts(at, input.timezone);
      const hhmm = `${String(local.hour).padStart(2, "0")}:${String(local.minute).padStart(2, "0")}`;
      const why =
        future.length > 0
          ? `${hhmm} (${input.timezone}) is among ${PLATFORM_RULES[post.platform].label}'s best ${weekend ? "weekend" : "weekday"} times`
          : `today's best times have passed, so the first free slot, ${hhmm} (${input.timezone})`;
      return { key: post.key, plannedAt: at, reason: `${why}${post.variant === "B" ? "; variant B of today's A/B test" : ""}.` };
    });
  }
}
