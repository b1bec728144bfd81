import type { PlatformId } from "../platforms/ids";
import { ARM_DIMENSIONS, ARM_LABELS, ARM_VALUES, type Arms } from "./arms";
import { type Estimate, kindEstimate, type LearnedModel, liftOf, platformModel } from "./estimate";
import { judgeExperiments } from "./experiments";
import { MIN_GAP, DAILY_CAP } from "./guardrails";
import { MIN_OWN_POSTS, MIN_WINDOW_POSTS } from "./reasons";
import { WINDOWS_PER_DAY, windowLabel } from "./slots";
import { windowPrior } from "./priors";
import { armReason, windowReasons } from "./insight-reasons";

/** One posting window as the learner sees it. */
export interface WindowInsight {
  days: "weekdays" | "weekends";
  window: string;
  startHour: number;
  /** Ratio to the app's average engagement there, and its 80 % interval. */
  lift: number;
  low: number;
  high: number;
  posts: number;
  /** Impressions (or views) of the posts in the window. */
  impressions: number;
  /** What the general table expected of the window (its prior lift), and the learned lift against it. */
  prior: number;
  vsPrior: number;
  source: "learned" | "prior";
}

/** One arm value's estimate with its evidence. */
export interface ArmValueInsight {
  value: string;
  lift: number;
  low: number;
  high: number;
  posts: number;
  impressions: number;
}

/** What the learner believes about one platform: the data behind it, best windows, arms, experiments, guardrails. */
export interface PlatformInsight {
  platform: PlatformId;
  posts: number;
  importedPosts: number;
  postsNeeded: number;
  engagementRate: number;
  bestWindows: WindowInsight[];
  arms: { dimension: string; label: string; values: ArmValueInsight[] }[];
  /** What works in plain words with the evidence: the best windows, then each arm whose values the data tells apart. */
  reasons: string[];
  experiments: { key: string; status: string; pA: number | null; winner: string | null; summary: string }[];
  minGapMinutes: number;
  dailyCap: number;
}

/** An estimate as a lift with its 80 % interval. */
function interval(e: Estimate): { lift: number; low: number; high: number } {
  return { lift: liftOf(e), low: Math.exp(e.mean - 1.28 * e.sd), high: Math.exp(e.mean + 1.28 * e.sd) };
}

/** The "What works" data for an app: per platform, the best windows in the app's zone, arm estimates and experiments. */
export function insightsOf(
  model: LearnedModel,
  platforms: PlatformId[],
  topWindows = 3,
): { timezone: string; platforms: PlatformInsight[] } {
  return {
    timezone: model.timezone,
    platforms: platforms.map((p) => {
      const m = platformModel(model, p);
      const windows: WindowInsight[] = [];
      for (const weekend of [false, true])
        for (let w = 0; w < WINDOWS_PER_DAY; w++) {
          const e = kindEstimate(m, weekend, w);
          const learned = m.posts >= MIN_OWN_POSTS && e.n >= MIN_WINDOW_POSTS;
          const prior = windowPrior(p, weekend, w);
          windows.push({
            days: weekend ? "weekends" : "weekdays",
            window: windowLabel(w),
            startHour: w * 2,
            ...interval(e),
            posts: e.n,
            impressions: m.exposure[weekend ? "weekend" : "weekday"][w]!,
            prior,
            vsPrior: liftOf(e) / prior,
            source: learned ? "learned" : "prior",
          });
        }
      const best = (days: WindowInsight["days"]) =>
        windows
          .filter((w) => w.days === days)
          .sort((a, b) => b.lift - a.lift)
          .slice(0, topWindows);
      const arms = ARM_DIMENSIONS.map((d) => ({
        dimension: d,
        label: ARM_LABELS[d],
        values: (ARM_VALUES[d] as readonly Arms[typeof d][]).map((v) => ({
          value: v,
          ...interval(m.arms[d][v]!),
          posts: m.arms[d][v]!.n,
          impressions: m.exposure.arms[d][v] ?? 0,
        })),
      }));
      const bestWindows = [...best("weekdays"), ...best("weekends")];
      return {
        platform: p,
        posts: m.posts,
        importedPosts: m.importedPosts,
        postsNeeded: Math.max(0, MIN_OWN_POSTS - m.posts),
        engagementRate: m.baseRate,
        bestWindows,
        arms,
        reasons: [...windowReasons(m, bestWindows), ...arms.flatMap((a) => armReason(a.label, a.values))],
        experiments: judgeExperiments(m).map((e) => ({
          key: e.key,
          status: e.status,
          pA: e.pA ?? null,
          winner: e.winner ?? null,
          summary: e.summary,
        })),
        minGapMinutes: MIN_GAP[p].minutes,
        dailyCap: DAILY_CAP[p],
      };
    }),
  };
}

/** The insights' shape, for the API document and the page. */
export type Insights = ReturnType<typeof insightsOf>;
