import { HeuristicOptimizer, type Optimizer, type PlanInput, type SlotPlan } from "../agents/optimize";
import { BEST_TIMES } from "../agents/optimize/best-times";
import { localDate, zonedTime } from "../lib/zoned-time";
import type { PlatformId } from "../platforms/ids";
import { PLATFORM_RULES } from "../platforms/rules";
import { type LearnedModel, type PlatformModel, platformModel, slotEstimate } from "./estimate";
import { DAILY_CAP, type AllowedHours, isAllowedMinute, keepsGap } from "./guardrails";
import { normalDraw, type Random } from "./random";
import { EXPLORATION_SCALE, windowPrior } from "./priors";
import { type Choice, MIN_OWN_POSTS, slotReason } from "./reasons";
import { WINDOW_HOURS, WINDOWS_PER_DAY } from "./slots";

const MINUTE = 60_000;
/** Minutes into a window tried in order: half past the window's start first, then the rest of the window. */
const OFFSETS = [30, 0, 60, 90, 15, 45, 75, 105];

/** What the learning optimizer needs beyond the model. */
export interface LearningOptions {
  rng: Random;
  /** The web app's allowed posting hours (null: any time). */
  allowedHours: AllowedHours | null;
  /** This app's other posts per platform already planned or published around the day (for gaps and daily caps). */
  appTimes: Partial<Record<PlatformId, Date[]>>;
}

/** One feasible placement in a window. */
interface Candidate {
  window: number;
  minute: number;
  at: Date;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Plans each post's slot by Thompson sampling over the app's learned windows (docs/optimizer.md): per post, one draw
 * from every feasible window's posterior, the highest draw wins. Feasible = in the future, inside the allowed hours,
 * the platform's gap from the app's other posts kept, the daily cap not reached (else the next day). Variant B of an
 * A/B pair takes the feasible window whose estimate is closest to A's, so the two are compared in like slots.
 */
export class LearningOptimizer implements Optimizer {
  /** Posts placed and posts placed away from the best estimate (the exploration share is their ratio). */
  readonly stats = { placed: 0, explored: 0 };
  private rotation = new HeuristicOptimizer();

  constructor(
    private model: LearnedModel,
    private options: LearningOptions,
  ) {}

  experiments(input: { webappId: number; localDate: string; platforms: PlatformId[] }): PlatformId[] {
    return this.rotation.experiments(input);
  }

  plan(input: PlanInput): SlotPlan[] {
    const taken = new Set(input.taken.map((d) => Math.floor(d.getTime() / MINUTE)));
    const appTimes = new Map<PlatformId, Date[]>();
    for (const p of new Set(input.posts.map((x) => x.platform))) appTimes.set(p, [...(this.options.appTimes[p] ?? [])]);
    const aWindow = new Map<PlatformId, number>();
    const ordered = [...input.posts].sort((a, b) => a.variant.localeCompare(b.variant));
    const plans = new Map<string, SlotPlan>();
    for (const post of ordered) {
      const m = platformModel(this.model, post.platform);
      const others = appTimes.get(post.platform)!;
      let date = input.localDate;
      let notes = "";
      for (let day = 0; day < 7 && this.usedOn(others, date) >= DAILY_CAP[post.platform]; day++) date = addDays(date, 1);
      if (date !== input.localDate)
        notes = `; the next day with room: ${PLATFORM_RULES[post.platform].name}'s cap of ${DAILY_CAP[post.platform]} posts a day is reached`;
      const candidates = this.candidates(post.platform, date, input, others, taken);
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      let pick: { c: Candidate; choice: Choice } | undefined;
      const target = post.variant === "B" ? aWindow.get(post.platform) : undefined;
      if (candidates.length === 0) {
        pick = undefined;
      } else if (target !== undefined) {
        const want = slotEstimate(m, weekday, target).mean;
        const c = candidates.reduce((best, c) =>
          Math.abs(slotEstimate(m, weekday, c.window).mean - want) < Math.abs(slotEstimate(m, weekday, best.window).mean - want) ? c : best,
        );
        pick = { c, choice: "best" };
      } else {
        pick = this.sample(m, weekday, candidates);
        this.stats.placed++;
      }
      let plan: SlotPlan;
      if (pick) {
        const c = pick.c;
        const ab = post.variant === "B" ? "; variant B of today's A/B test, in a window comparable to A's" : "";
        plan = {
          key: post.key,
          plannedAt: c.at,
          reason: `${slotReason(m, { weekday, minute: c.minute, window: c.window }, pick.choice, this.model.timezone)}${ab}${notes}.`,
        };
        if (post.variant === "A") aWindow.set(post.platform, c.window);
      } else {
        plan = this.fallback(post.key, input, taken);
      }
      taken.add(Math.floor(plan.plannedAt.getTime() / MINUTE));
      others.push(plan.plannedAt);
      plans.set(post.key, plan);
    }
    return input.posts.map((p) => plans.get(p.key)!);
  }

  private usedOn(times: Date[], date: string): number {
    const start = Date.parse(`${date}T00:00:00Z`) - 14 * 3_600_000;
    const end = start + 52 * 3_600_000;
    // A loose bound around the local day (any zone); the exact local date is checked below.
    return times.filter((t) => t.getTime() >= start && t.getTime() < end && localDate(t, this.model.timezone) === date).length;
  }

  private candidates(platform: PlatformId, date: string, input: PlanInput, others: Date[], taken: Set<number>): Candidate[] {
    const weekend = [0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay());
    const table = BEST_TIMES[platform][weekend ? "weekend" : "weekday"].map(([h, mm]) => h * 60 + mm);
    const out: Candidate[] = [];
    for (let w = 0; w < WINDOWS_PER_DAY; w++) {
      const start = w * WINDOW_HOURS * 60;
      const tableMinute = table.find((t) => t >= start && t < start + WINDOW_HOURS * 60);
      const minutes = [...(tableMinute !== undefined ? [tableMinute] : []), ...OFFSETS.map((o) => start + o)];
      for (const minute of minutes) {
        if (!isAllowedMinute(this.options.allowedHours, minute)) continue;
        const at = zonedTime(date, Math.floor(minute / 60), minute % 60, this.model.timezone);
        if (at.getTime() <= input.now.getTime() + 10 * MINUTE || taken.has(Math.floor(at.getTime() / MINUTE))) continue;
        if (!keepsGap(platform, at, others)) continue;
        out.push({ window: w, minute, at });
        break;
      }
    }
    return out;
  }

  private sample(m: PlatformModel, weekday: number, candidates: Candidate[]): { c: Candidate; choice: Choice } {
    const estimates = candidates.map((c) => slotEstimate(m, weekday, c.window));
    const greedy = estimates.reduce((bi, e, i) => (e.mean > estimates[bi]!.mean ? i : bi), 0);
    if (m.posts === 0) return { c: candidates[greedy]!, choice: "table" };
    let best = 0;
    let bestDraw = -Infinity;
    estimates.forEach((e, i) => {
      const draw = e.mean + EXPLORATION_SCALE * e.sd * normalDraw(this.options.rng);
      if (draw > bestDraw) [best, bestDraw] = [i, draw];
    });
    const c = candidates[best]!;
    const fromTable = windowPrior(m.platform, weekday === 0 || weekday === 6, c.window) > 1;
    const choice: Choice = m.posts < MIN_OWN_POSTS ? (fromTable ? "table" : "explore") : best !== greedy ? "explore" : "best";
    if (best !== greedy) this.stats.explored++;
    return { c, choice };
  }

  private fallback(key: string, input: PlanInput, taken: Set<number>): SlotPlan {
    let minute = Math.ceil((input.now.getTime() + 30 * MINUTE) / (15 * MINUTE)) * 15;
    while (taken.has(minute)) minute += 7;
    return {
      key,
      plannedAt: new Date(minute * MINUTE),
      reason: "No window left today keeps the gaps and allowed hours, so the first free slot; move it if another time suits better.",
    };
  }
}
