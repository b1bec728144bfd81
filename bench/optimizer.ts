/**
 * `bun run bench optimizer`: the learner on a synthetic audience (docs/optimizer.md "The simulation"). Per seed, one
 * web app posts on three platforms for 12 weeks; each night the real path runs: the items are inserted into a real
 * batch, `optimizeStep` plans them (learner fitted from the database), each post's reading is written through the
 * metrics store a day after it goes out, and the next night learns from it. The audience's hidden best windows, day
 * seasonality and arm effects are known only to this file; the learner sees counters, as from a platform.
 */
import { insertDraftItems, batchItems, createRun, findRunTarget } from "../src/pipeline/store";
import { learningOptimizer, optimizeStep } from "../src/pipeline/steps";
import { enroll, recordReading } from "../src/metrics/store";
import { HeuristicOptimizer } from "../src/agents/optimize";
import { platformFormats } from "../src/pipeline/arms";
import { BEST_TIMES } from "../src/agents/optimize/best-times";
import { ARM_VALUES, type Arms } from "../src/learning/arms";
import { chooseArms } from "../src/learning/choose-arms";
import { MIN_GAP } from "../src/learning/guardrails";
import { loadModel } from "../src/learning/load";
import { type Random, normalDraw, seededRandom } from "../src/learning/random";
import { SlotClock, WINDOWS_PER_DAY } from "../src/learning/slots";
import { zonedTime } from "../src/lib/zoned-time";
import type { PlatformId } from "../src/platforms/ids";
import { makeTestContext } from "../tests/support/context";
import { makeUser, makeWebapp } from "../tests/support/content-factories";
import { webapps } from "../src/db/schema/webapps";
import type { Bench, Figure } from "./support";

const PLATFORMS: PlatformId[] = ["x", "linkedin", "instagram"];
const TZ = "Europe/Berlin";
const WEEKS = 12;
const START = "2026-03-02"; // a Monday
type Dim = "hook" | "structure" | "format" | "length" | "cta";
const DIMS: Dim[] = ["hook", "structure", "format", "length", "cta"];

/**
 * One simulated world: its seeds and the sizes of its hidden effects. `armLow` is how low a dimension's worse values
 * may go (the best is 1.0), `peakWidth` how many windows the peak falls off over, `postNoise` the sd of a post's log-rate.
 */
interface World {
  name: string;
  seeds: number[];
  armLow: Record<Dim, number>;
  peakWidth: number;
  postNoise: number;
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

/** The development set: every choice in the learner was tried on these seeds and effect sizes. */
const DEV: World = {
  name: "development",
  seeds: range(1, 10),
  armLow: { hook: 0.6, structure: 0.75, format: 0.7, length: 0.75, cta: 0.8 },
  peakWidth: 1.3,
  postNoise: 0.25,
};
/**
 * Held out, run only to report (docs/optimizer.md "Development and held-out sets"): the same effect sizes with ten
 * other seeds, and a variant whose sizes differ (weaker openings, lengths and formats, stronger structures and calls to
 * action, a wider peak, noisier posts). Fixed before the learner was changed against the development set.
 */
const HELD_OUT: World[] = [
  { ...DEV, name: "held-out seeds", seeds: range(1001, 10) },
  {
    name: "held-out effect sizes",
    seeds: range(2001, 10),
    armLow: { hook: 0.75, structure: 0.6, format: 0.8, length: 0.85, cta: 0.7 },
    peakWidth: 1.8,
    postNoise: 0.35,
  },
];

/** The hidden truth of one platform's audience. */
interface Audience {
  base: number;
  /** Lift per weekday (0 Sunday): weekly seasonality, the same for every window of the day. */
  day: number[];
  /** Lift per weekday/weekend x window: the hidden best slots. */
  window: { weekday: number[]; weekend: number[] };
  arms: Record<Dim, Record<string, number>>;
}

function audience(rng: Random, platform: PlatformId, world: World): Audience {
  // A peak somewhere between 08 and 22 h (weekdays and weekends apart), falling off over about three hours, nights low.
  const shape = () => {
    const peak = 4 + Math.floor(rng() * 7);
    return Array.from(
      { length: WINDOWS_PER_DAY },
      (_, w) => 0.35 + 0.65 * Math.exp(-(((w - peak) / world.peakWidth) ** 2)) * (0.9 + 0.2 * rng()),
    );
  };
  const effects = (values: readonly string[], low: number) => {
    const best = Math.floor(rng() * values.length);
    return Object.fromEntries(values.map((v, i) => [v, i === best ? 1 : low + (1 - low) * 0.9 * rng()]));
  };
  return {
    base: 0.02 + 0.03 * rng(),
    day: [0.7, 1.05, 1.1, 1.1, 1.05, 0.95, 0.75].map((d) => d * (0.95 + 0.1 * rng())),
    window: { weekday: shape(), weekend: shape() },
    arms: {
      hook: effects(ARM_VALUES.hook, world.armLow.hook),
      structure: effects(ARM_VALUES.structure, world.armLow.structure),
      // The formats the platform takes, as the format table lists them (X: text, image, thread; Instagram: video, image).
      format: effects(platformFormats(platform), world.armLow.format),
      length: effects(ARM_VALUES.length, world.armLow.length),
      cta: effects(ARM_VALUES.cta, world.armLow.cta),
    },
  };
}

/** Expected engagement per impression of a post at `at` with `arms` (what the oracle and the baselines are scored on). */
function expected(a: Audience, slot: { weekday: number; window: number; weekend: boolean }, arms: Partial<Arms>): number {
  const w = a.window[slot.weekend ? "weekend" : "weekday"][slot.window]!;
  const armLift = DIMS.reduce((x, d) => x * (arms[d] ? a.arms[d][arms[d]!]! : mean(Object.values(a.arms[d]))), 1);
  return a.base * a.day[slot.weekday]! * w * armLift;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A post's counters as a platform would report them: impressions around 1,500, engagements binomial around a noisy rate. */
function counters(a: Audience, slot: { weekday: number; window: number; weekend: boolean }, arms: Arms, rng: Random, noise: number) {
  const impressions = Math.round(1500 * Math.exp(0.3 * normalDraw(rng)));
  const p = Math.min(0.9, expected(a, slot, arms) * Math.exp(noise * normalDraw(rng) - noise ** 2 / 2));
  const eng = Math.max(0, Math.round(impressions * p + Math.sqrt(impressions * p * (1 - p)) * normalDraw(rng)));
  const likes = Math.round(eng * 0.7);
  const comments = Math.round(eng * 0.1);
  return { impressions, likes, comments, shares: eng - likes - comments };
}

interface WeekFigures {
  learner: number[];
  oracle: number[];
  table: number[];
  slotsExplored: number;
  slotsPlaced: number;
  armsExplored: number;
  armsChosen: number;
  /** Log-loss against the oracle's choice summed over the learner's posts, per part (window and each arm), for where the gap is. */
  loss: Record<"window" | Dim, number>;
}

/** One seed: 12 weeks through the real optimize step and metrics store; per week the expected engagement of each policy. */
async function runSeed(seed: number, world: World): Promise<WeekFigures[]> {
  const rng = seededRandom(seed * 1_000_003 + 17);
  const truth = Object.fromEntries(PLATFORMS.map((p) => [p, audience(rng, p, world)])) as Record<PlatformId, Audience>;
  const ctx = makeTestContext();
  try {
    const user = makeUser(ctx, { timezone: TZ });
    const app = makeWebapp(ctx, user.id);
    ctx.db.update(webapps).set({ platforms: PLATFORMS }).run();
    const target = findRunTarget(ctx.db, app.id)!;
    const clock = new SlotClock(TZ);
    const rotation = new HeuristicOptimizer();
    const weeks: WeekFigures[] = [];
    const pending: { at: Date; itemId: number; platform: PlatformId; publishedAt: Date; c: ReturnType<typeof counters> }[] = [];
    for (let day = 0; day < WEEKS * 7; day++) {
      const date = addDays(START, day);
      const now = new Date(zonedTime(date, 0, 0, TZ).getTime() - 3_600_000);
      ctx.clock.set(now);
      // Readings a day after each post, written as the metrics collector writes them.
      for (const r of pending.filter((x) => x.at.getTime() <= now.getTime())) {
        enroll(ctx.db, [{ itemId: r.itemId, userId: user.id, platform: r.platform, publishedAt: r.publishedAt, state: "collecting" }]);
        const due = {
          itemId: r.itemId,
          userId: user.id,
          webappId: app.id,
          platform: r.platform,
          remoteId: "",
          publishedAt: r.publishedAt,
          failures: 0,
          problem: null,
          journalConnectionId: null,
        };
        recordReading(ctx.db, due, r.c, r.at, undefined);
      }
      pending.splice(0, pending.length, ...pending.filter((x) => x.at.getTime() > now.getTime()));
      const week = (weeks[Math.floor(day / 7)] ??= {
        learner: [],
        oracle: [],
        table: [],
        slotsExplored: 0,
        slotsPlaced: 0,
        armsExplored: 0,
        armsChosen: 0,
        loss: { window: 0, hook: 0, structure: 0, format: 0, length: 0, cta: 0 },
      });
      const ab = new Set(rotation.experiments({ webappId: app.id, localDate: date, platforms: PLATFORMS }));
      const model = loadModel(ctx.db, target);
      const rows = PLATFORMS.flatMap((p) =>
        (ab.has(p) ? (["A", "B"] as const) : (["A"] as const)).map((variant) => {
          const choice = chooseArms(model, p, rng, { format: platformFormats(p) });
          week.armsChosen += DIMS.length;
          week.armsExplored += choice.explored.filter((d) => (DIMS as string[]).includes(d)).length;
          return { platform: p, variant, arms: choice.arms };
        }),
      );
      const { run } = createRun(
        ctx.db,
        { userId: user.id, webappId: app.id, localDate: date, attempt: 1, jobKey: `sim-${seed}-${date}`, trigger: "cli" },
        now,
      );
      insertDraftItems(
        ctx.db,
        run.batchId,
        rows.map((r) => ({
          userId: user.id,
          webappId: app.id,
          platform: r.platform,
          format: r.arms.format,
          variant: r.variant,
          caption: "sim",
          arms: r.arms,
          writer: "sim",
        })),
        now,
      );
      // The optimize step's own default optimizer, built here only so its exploration count can be read.
      const input = { ctx, llm: undefined as never, run, app: target };
      const optimizer = learningOptimizer(input, zonedTime(date, 0, 0, TZ));
      await optimizeStep({ ...input, optimizer });
      week.slotsPlaced += optimizer.stats.placed;
      week.slotsExplored += optimizer.stats.explored;
      for (const item of batchItems(ctx.db, run.batchId).sort((x, y) => x.variant.localeCompare(y.variant))) {
        const p = item.platform as PlatformId;
        const a = truth[p];
        const slot = clock.slotOf(item.plannedAt!);
        const arms = item.arms as unknown as Arms;
        week.learner.push(expected(a, slot, arms));
        const dayWindows = a.window[slot.weekend ? "weekend" : "weekday"];
        const bestArms = Object.fromEntries(DIMS.map((d) => [d, Object.entries(a.arms[d]).sort((x, y) => y[1] - x[1])[0]![0]]));
        // The oracle keeps the same gap rule: its B goes to the best window far enough from its A.
        const wA = dayWindows.indexOf(Math.max(...dayWindows));
        const gap = MIN_GAP[p].minutes;
        const feasible = (w: number) => item.variant === "A" || Math.abs(w - wA) * 120 >= gap || (w === wA && gap <= 60);
        const oracleWindow = dayWindows.reduce((best, v, w) => (feasible(w) && (best < 0 || v > dayWindows[best]!) ? w : best), -1);
        week.oracle.push(expected(a, { ...slot, window: oracleWindow }, bestArms));
        week.loss.window += Math.log(dayWindows[oracleWindow]! / dayWindows[slot.window]!);
        for (const d of DIMS) week.loss[d] += Math.log(a.arms[d][bestArms[d]!]! / a.arms[d][arms[d]]!);
        const times = BEST_TIMES[p][slot.weekend ? "weekend" : "weekday"];
        const [h] = times[item.variant === "B" ? 1 : 0]!;
        week.table.push(expected(a, { ...slot, window: Math.floor(h / 2) }, {}));
        pending.push({
          at: new Date(item.plannedAt!.getTime() + 86_400_000),
          itemId: item.id,
          platform: p,
          publishedAt: item.plannedAt!,
          c: counters(a, slot, arms, rng, world.postNoise),
        });
      }
    }
    return weeks;
  } finally {
    ctx.cleanup();
  }
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

/** One week's figures over a world's seeds: means of the per-seed shares, exploration shares, and the gap's parts. */
interface WeekSummary {
  week: number;
  oracle: number;
  table: number;
  slotExplore: number;
  armExplore: number;
  /** Share of engagement lost against the oracle's choice per part, from the mean log-loss per post. */
  lost: Record<"window" | Dim, number>;
}

/** Runs a world's seeds; per week the learner's engagement as a share of the oracle's and of the fixed table's. */
export async function simulate(world: World = DEV): Promise<WeekSummary[]> {
  const all: WeekFigures[][] = [];
  for (const seed of world.seeds) all.push(await runSeed(seed, world));
  return Array.from({ length: WEEKS }, (_, w) => {
    const posts = sum(all.map((s) => s[w]!.learner.length));
    return {
      week: w + 1,
      oracle: mean(all.map((s) => sum(s[w]!.learner) / sum(s[w]!.oracle))),
      table: mean(all.map((s) => sum(s[w]!.learner) / sum(s[w]!.table))),
      slotExplore: sum(all.map((s) => s[w]!.slotsExplored)) / Math.max(1, sum(all.map((s) => s[w]!.slotsPlaced))),
      armExplore: sum(all.map((s) => s[w]!.armsExplored)) / Math.max(1, sum(all.map((s) => s[w]!.armsChosen))),
      lost: Object.fromEntries(
        (["window", ...DIMS] as const).map((k) => [k, 1 - Math.exp(-sum(all.map((s) => s[w]!.loss[k])) / posts)]),
      ) as WeekSummary["lost"],
    };
  });
}

const pct = (x: number, width: number) => `${(x * 100).toFixed(1).padStart(width)}%`;

function printWorld(world: World, weeks: WeekSummary[]): void {
  console.error(`\n${world.name} (seeds ${world.seeds[0]}-${world.seeds.at(-1)})`);
  console.error(
    "week | share of oracle | x fixed table | slots exploring | arms exploring | lost to: window hook struct format length cta",
  );
  for (const w of weeks)
    console.error(
      `${String(w.week).padStart(4)} | ${pct(w.oracle, 14)} | ${w.table.toFixed(2).padStart(12)}x | ${pct(w.slotExplore, 14)} | ${pct(w.armExplore, 13)} | ${(["window", ...DIMS] as const).map((k) => pct(w.lost[k], 5)).join(" ")}`,
    );
}

/**
 * More development seeds (11-30, the development effect sizes) for telling changes apart: a 10-seed mean moves by 2-3
 * points from one seed set to the next, a 30-seed mean (with 1-10) by about half that.
 */
const DEV_MORE: World = { ...DEV, name: "development, more seeds", seeds: range(11, 20) };

/**
 * Which worlds to run: all (the default, what is recorded), `OPTIMIZER_SETS=dev` for the development set alone while
 * changing the learner, `OPTIMIZER_SETS=dev30` for it and 20 more development seeds (never the held-out ones).
 */
function worlds(): World[] {
  const sets = process.env.OPTIMIZER_SETS;
  return sets === "dev" ? [DEV] : sets === "dev30" ? [DEV, DEV_MORE] : [DEV, ...HELD_OUT];
}

export const bench: Bench = {
  name: "optimizer",
  summary: `learner on a synthetic audience: ${PLATFORMS.length} platforms, ${WEEKS} weeks, 10 seeds per set (development and held out), through optimizeStep and the metrics store`,
  async run(): Promise<Figure[]> {
    const figures: Figure[] = [];
    for (const world of worlds()) {
      const weeks = await simulate(world);
      printWorld(world, weeks);
      for (const w of weeks)
        figures.push({
          name: `${world.name}, week ${w.week}: engagement / oracle`,
          value: w.oracle * 100,
          unit: "%",
          target: w.week === 8 ? ">= 85 %" : undefined,
          note: `${w.table.toFixed(2)}x the fixed table${w.week === 8 ? " (target >= 1.3x)" : ""}; exploring: slots ${(w.slotExplore * 100).toFixed(0)} %, arms ${(w.armExplore * 100).toFixed(0)} %`,
        });
    }
    return figures;
  },
};
