import { BEST_TIMES } from "../agents/optimize/best-times";
import type { PlatformId } from "../platforms/ids";
import { WINDOW_HOURS } from "./slots";

/**
 * Platform-wide engagement per impression used before an app has its own posts (rough medians of the platforms'
 * published benchmarks). Only the display of rates uses them once data exists: every decision is on lifts.
 */
export const PRIOR_RATE: Record<PlatformId, number> = {
  youtube: 0.04,
  tiktok: 0.05,
  instagram: 0.035,
  facebook: 0.02,
  x: 0.015,
  linkedin: 0.03,
};

/** How many posts' worth of weight a prior carries (see docs/optimizer.md "Shrinkage"). */
export const PRIOR_POSTS = { window: 3, day: 10, spread: 10, arm: 5, hashtag: 5, rate: 5 } as const;
/**
 * How far cells lie from their prior before an app's data says otherwise (variance of the log-lift between windows, and
 * between an arm dimension's values): at a typical spread of 0.09 these give the former fixed weights of 3 and 5 posts.
 */
export const PRIOR_TAU2 = { window: 0.03, arm: 0.018 } as const;
/** How many cells' worth the prior variances above weigh against the app's own cells (empirical Bayes, `estimate.ts:priorWeight`). */
export const TAU2_PRIOR_CELLS = 4;
/** Bounds on an estimated prior weight, in posts: never below half a post, never above 20. */
export const PRIOR_WEIGHT_RANGE = [0.5, 20] as const;
/** The variance of one post's log-lift around its slot's mean before data says otherwise (about 50 % either way). */
export const PRIOR_SPREAD = 0.25;
/** How far one weekday's window may sit from the same window on the other days of its kind (variance of the log-lift). */
export const DAY_DEVIATION = 0.01;

/**
 * The prior lift of a window from the fixed best-times table: the table's three times get 1.2, 1.15 and 1.1 (in rank
 * order), other daytime windows 1.0, and night windows (starting before 06 h or from 22 h) 0.8.
 */
export function windowPrior(platform: PlatformId, weekend: boolean, window: number): number {
  const times = BEST_TIMES[platform][weekend ? "weekend" : "weekday"];
  const rank = times.findIndex(([h]) => Math.floor(h / WINDOW_HOURS) === window);
  if (rank >= 0) return 1.2 - 0.05 * rank;
  const start = window * WINDOW_HOURS;
  return start < 6 || start >= 22 ? 0.8 : 1;
}

/** How much a post in the window either side counts towards a window's estimate (a kernel over the hours of the day). */
export const NEIGHBOUR_WEIGHT = 0.25;

/**
 * Thompson draws use the posterior's standard deviation times this: 1 is plain Thompson sampling; below 1 explores
 * less (docs/optimizer.md "Exploration"). The share still decays as the posteriors narrow with data.
 */
export const EXPLORATION_SCALE = 0.25;

/** Posts on a platform over which the arms' exploration narrows from plain Thompson sampling to EXPLORATION_SCALE. */
export const ARM_WARMUP_POSTS = 60;

/**
 * The scale of the arms' Thompson draws for a platform with `posts` posts: 1 (plain Thompson sampling) with none,
 * falling linearly to EXPLORATION_SCALE at ARM_WARMUP_POSTS, so every value is tried while evidence is cheap to get
 * and a value that started unlucky is drawn again before the estimates settle.
 */
export function armExplorationScale(posts: number): number {
  return EXPLORATION_SCALE + (1 - EXPLORATION_SCALE) * Math.max(0, 1 - posts / ARM_WARMUP_POSTS);
}
