import type { PlatformId } from "../platforms/ids";
import { ARM_DIMENSIONS, ARM_VALUES, type ArmDimension, type Arms } from "./arms";
import { type Engagement, rateOf } from "./metric";
import {
  DAY_DEVIATION,
  NEIGHBOUR_WEIGHT,
  PRIOR_POSTS,
  PRIOR_RATE,
  PRIOR_SPREAD,
  PRIOR_TAU2,
  PRIOR_WEIGHT_RANGE,
  TAU2_PRIOR_CELLS,
  windowPrior,
} from "./priors";
import { judgeExperiments } from "./experiments";
import { SlotClock, type WeekSlot, WINDOWS_PER_DAY } from "./slots";

/** One post the learner counts: our own published post (latest snapshot) or an imported one, both alike. */
export interface Observation extends Engagement {
  platform: PlatformId;
  postedAt: Date;
  hashtags: string[];
  arms?: Arms;
  imported: boolean;
  /** Our A/B pairs: the batch and platform they share, and which variant this is. */
  experiment?: { key: string; variant: "A" | "B" };
}

/** A rejected post's arms (those stored; older items lack the newer dimensions): the rejection lowers those arms' weight for the app. */
export interface Rejection {
  platform: PlatformId;
  arms: Partial<Arms>;
}

/**
 * A shrunk estimate of a log-lift (0 = the app's average on that platform; engagement is multiplicative, so the model
 * works on logs where noise is even): posterior mean, its standard deviation, posts behind it. `liftOf` gives the ratio.
 */
export interface Estimate {
  mean: number;
  sd: number;
  n: number;
}

/** An estimate as a ratio to the app's average engagement (1.0 = average). */
export function liftOf(e: Estimate): number {
  return Math.exp(e.mean);
}

/** Running sums of lifts for one cell. */
interface Sums {
  n: number;
  sum: number;
}

/** What the learner believes about one platform of one app. */
export interface PlatformModel {
  platform: PlatformId;
  posts: number;
  importedPosts: number;
  /** The app's typical engagement per impression there (geometric mean, shrunk towards the platform-wide prior). */
  baseRate: number;
  /** Variance of one post's log-lift around its slot mean. */
  spread: number;
  /** Overdispersion of counts against a binomial (>= 1), used to judge A/B pairs honestly. */
  dispersion: number;
  /**
   * How many posts' worth of weight each prior carries, estimated from how far the app's own cells lie from their prior
   * (empirical Bayes, `priorWeight`): windows, and each arm dimension.
   */
  priorWeight: { window: number; arms: Record<ArmDimension, number> };
  /** Log-lift of each weekday (0 Sunday). */
  dayFactor: number[];
  /** Sums of lifts per weekday (0 Sunday) x window, and per weekday/weekend kind x window. */
  slotSums: Sums[][];
  kindSums: { weekday: Sums[]; weekend: Sums[] };
  arms: Record<ArmDimension, Record<string, Estimate>>;
  hashtags: Map<string, Estimate>;
  /** Impressions (or views) behind each estimate, for the evidence shown with it: per weekday/weekend kind x window, and per arm value. */
  exposure: { weekday: number[]; weekend: number[]; arms: Record<ArmDimension, Record<string, number>> };
  /** The app's A/B pairs on this platform (judged by `experiments.ts`). */
  experiments: ExperimentInput[];
}

/** One A/B pair with each side's engagement per impression, the slot's and weekday's lift divided out, for `experiments.ts` to judge. */
export interface ExperimentInput {
  key: string;
  sides: Partial<Record<"A" | "B", { exposure: number; adjustedRate: number; arms?: Arms; postedAt: Date }>>;
}

/** Everything the learner believes about one app. */
export interface LearnedModel {
  timezone: string;
  platforms: Map<PlatformId, PlatformModel>;
}

const emptySums = (): Sums => ({ n: 0, sum: 0 });

/** A window's belief for a weekday or weekend kind, from all days of that kind: prior from the table, shrunk with the data. */
export function kindEstimate(m: PlatformModel, weekend: boolean, window: number, exclude?: Sums): Estimate {
  const cells = m.kindSums[weekend ? "weekend" : "weekday"];
  const s = cells[window]!;
  const n = s.n - (exclude?.n ?? 0);
  const sum = s.sum - (exclude?.sum ?? 0);
  // Engagement changes smoothly over the hours: each post in a neighbouring window counts NEIGHBOUR_WEIGHT of a post here.
  let nn = 0;
  let nsum = 0;
  for (const w of [window - 1, window + 1]) {
    const c = cells[(w + WINDOWS_PER_DAY) % WINDOWS_PER_DAY]!;
    nn += NEIGHBOUR_WEIGHT * c.n;
    nsum += NEIGHBOUR_WEIGHT * c.sum;
  }
  const k = m.priorWeight.window;
  const prior = Math.log(windowPrior(m.platform, weekend, window));
  return { mean: (k * prior + sum + nsum) / (k + n + nn), sd: Math.sqrt(m.spread / (k + n + nn)), n };
}

/**
 * The belief about one weekday's window: the same window on the other days of its kind (with a day-to-day deviation)
 * as prior, updated with that weekday's own posts (normal-normal; the day's posts are not counted twice).
 */
export function slotEstimate(m: PlatformModel, weekday: number, window: number): Estimate {
  const own = m.slotSums[weekday]![window]!;
  const kind = kindEstimate(m, weekday === 0 || weekday === 6, window, own);
  const priorVar = kind.sd ** 2 + DAY_DEVIATION;
  const precision = 1 / priorVar + own.n / m.spread;
  const mean = (kind.mean / priorVar + own.sum / m.spread) / precision;
  return { mean, sd: Math.sqrt(1 / precision), n: own.n + kind.n };
}

function shrink(sums: Sums, k: number, spread: number, pseudo = emptySums()): Estimate {
  const n = sums.n + pseudo.n;
  return { mean: (sums.sum + pseudo.sum) / (k + n), sd: Math.sqrt(spread / (k + n)), n: sums.n };
}

/** Fits one platform's model from its posts, its rejected posts' arms and the arms that lost an A/B test. */
function fitPlatform(
  platform: PlatformId,
  clock: SlotClock,
  obs: Observation[],
  rejections: Rejection[],
  losers: Partial<Arms>[],
): PlatformModel {
  const slots = obs.map((o) => clock.slotOf(o.postedAt));
  const rates = obs.map(rateOf);
  const armIndex = armIndexOf(obs);
  const prior = PRIOR_RATE[platform];
  // The app's typical rate: a geometric mean (logs, as everything below), shrunk towards the platform-wide prior.
  const base = Math.exp(
    (PRIOR_POSTS.rate * Math.log(prior) + rates.reduce((a, r) => a + Math.log(r), 0)) / (PRIOR_POSTS.rate + obs.length),
  );
  const daySums = Array.from({ length: 7 }, emptySums);
  rates.forEach((r, i) => {
    const d = daySums[slots[i]!.weekday]!;
    d.n++;
    d.sum += Math.log(r / base);
  });
  // Day factors as log-lifts too (weekly seasonality: the same for every window of that weekday).
  const dayFactor = daySums.map((d) => d.sum / (PRIOR_POSTS.day + d.n));
  const lifts = rates.map((r, i) => Math.log(r / base) - dayFactor[slots[i]!.weekday]!);
  const meanExposure = obs.reduce((a, o) => a + o.exposure, 0) / Math.max(1, obs.length);
  const rateVar = rates.reduce((a, r) => a + (r - base) ** 2, 0) / Math.max(1, rates.length - 1);
  const m: PlatformModel = {
    platform,
    posts: obs.length,
    importedPosts: obs.filter((o) => o.imported).length,
    baseRate: base,
    spread: PRIOR_SPREAD,
    dispersion: obs.length < 5 ? 10 : Math.max(1, (rateVar * meanExposure) / (base * (1 - base))),
    priorWeight: {
      window: PRIOR_POSTS.window,
      arms: Object.fromEntries(ARM_DIMENSIONS.map((d) => [d, PRIOR_POSTS.arm])) as Record<ArmDimension, number>,
    },
    dayFactor,
    slotSums: [],
    kindSums: { weekday: [], weekend: [] },
    arms: {} as PlatformModel["arms"],
    hashtags: new Map(),
    experiments: [],
    exposure: exposureOf(obs, slots, armIndex),
  };
  // Backfitting: windows are fitted on lifts with the arms' estimated effect taken out, arms on lifts with the window's
  // taken out; two rounds settle it. The spread is then the residual's, so noise the arms explain does not blur slots.
  let armFactor: Float64Array = new Float64Array(lifts.length);
  let windowMean: number[][] = [];
  for (let round = 0; round < 2; round++) {
    fillSlots(
      m,
      slots,
      lifts.map((z, i) => z - armFactor[i]!),
    );
    m.priorWeight.window = priorWeight(
      [false, true].flatMap((weekend) =>
        m.kindSums[weekend ? "weekend" : "weekday"].map((c, w) => ({ ...c, prior: Math.log(windowPrior(platform, weekend, w)) })),
      ),
      m.spread,
      PRIOR_TAU2.window,
    );
    windowMean = [false, true].map((weekend) => Array.from({ length: WINDOWS_PER_DAY }, (_, w) => kindEstimate(m, weekend, w).mean));
    const armLift = lifts.map((z, i) => z - windowMean[slots[i]!.weekend ? 1 : 0]![slots[i]!.window]!);
    armFactor = fitArms(m, armIndex, armLift, rejections, losers);
    // The spread is the pooled variance within windows (around each window's raw mean), so shrinkage is not read as noise.
    const cells = m.kindSums;
    let sq = 0;
    let cellsUsed = 0;
    lifts.forEach((z, i) => {
      const c = cells[slots[i]!.weekend ? "weekend" : "weekday"][slots[i]!.window]!;
      sq += (z - armFactor[i]! - c.sum / c.n) ** 2;
    });
    for (const kind of [cells.weekday, cells.weekend]) cellsUsed += kind.filter((c) => c.n > 0).length;
    const dof = Math.max(0, lifts.length - cellsUsed);
    m.spread = (PRIOR_POSTS.spread * PRIOR_SPREAD + sq) / (PRIOR_POSTS.spread + dof);
    if (round === 1) fitHashtags(m, obs, armLift);
  }
  const pairs = new Map<string, ExperimentInput>();
  obs.forEach((o, i) => {
    if (!o.experiment) return;
    const pair = pairs.get(o.experiment.key) ?? { key: o.experiment.key, sides: {} };
    const slotMean = Math.exp(windowMean[slots[i]!.weekend ? 1 : 0]![slots[i]!.window]! + dayFactor[slots[i]!.weekday]!);
    pair.sides[o.experiment.variant] = { exposure: o.exposure, adjustedRate: rates[i]! / slotMean, arms: o.arms, postedAt: o.postedAt };
    pairs.set(o.experiment.key, pair);
  });
  m.experiments = [...pairs.values()];
  return m;
}

/** Impressions per weekday/weekend kind x window and per arm value. */
function exposureOf(obs: Observation[], slots: WeekSlot[], armIndex: Int16Array[]): PlatformModel["exposure"] {
  const out: PlatformModel["exposure"] = {
    weekday: Array(WINDOWS_PER_DAY).fill(0),
    weekend: Array(WINDOWS_PER_DAY).fill(0),
    arms: Object.fromEntries(ARM_DIMENSIONS.map((d) => [d, {}])) as PlatformModel["exposure"]["arms"],
  };
  const byValue = ARM_DIMENSIONS.map((d) => new Float64Array(ARM_VALUES[d].length));
  obs.forEach((o, i) => {
    const s = slots[i]!;
    out[s.weekend ? "weekend" : "weekday"][s.window]! += o.exposure;
    for (let j = 0; j < armIndex.length; j++) if (armIndex[j]![i]! >= 0) byValue[j]![armIndex[j]![i]!]! += o.exposure;
  });
  ARM_DIMENSIONS.forEach((d, j) =>
    (ARM_VALUES[d] as readonly string[]).forEach((v, k) => {
      if (byValue[j]![k]! > 0) out.arms[d][v] = byValue[j]![k]!;
    }),
  );
  return out;
}

/** Each post's value index per arm dimension (-1: no arms, or a value the dimension does not list), computed once per fit. */
function armIndexOf(obs: Observation[]): Int16Array[] {
  return ARM_DIMENSIONS.map((d) => {
    const position = new Map((ARM_VALUES[d] as readonly string[]).map((v, k) => [v, k]));
    const idx = new Int16Array(obs.length);
    for (let i = 0; i < obs.length; i++) idx[i] = obs[i]!.arms ? (position.get(obs[i]!.arms![d]) ?? -1) : -1;
    return idx;
  });
}

/** Sums of lifts per weekday x window and per weekday/weekend kind x window. */
function fillSlots(m: PlatformModel, slots: WeekSlot[], values: number[]): void {
  m.slotSums = Array.from({ length: 7 }, () => Array.from({ length: WINDOWS_PER_DAY }, emptySums));
  m.kindSums = { weekday: Array.from({ length: WINDOWS_PER_DAY }, emptySums), weekend: Array.from({ length: WINDOWS_PER_DAY }, emptySums) };
  values.forEach((z, i) => {
    const s = slots[i]!;
    for (const cell of [m.slotSums[s.weekday]![s.window]!, m.kindSums[s.weekend ? "weekend" : "weekday"][s.window]!]) {
      cell.n++;
      cell.sum += z;
    }
  });
}

/**
 * Penalties, in pseudo-posts: a rejection counts as one post at 0.7x on its opening, body structure, length and call to
 * action (the words a person reads; format and hashtags rarely decide a rejection); a lost A/B test as two posts at 0.8x on
 * each arm it differed in.
 */
const REJECTED = { lift: 0.7, weight: 1, dims: ["hook", "structure", "length", "cta"] as ArmDimension[] };
const LOST = { lift: 0.8, weight: 2 };

/** Passes of backfitting among the arm dimensions: each is fitted with the others' current effects taken out. */
const ARM_PASSES = 3;

/** Fits every arm dimension (backfitted among themselves); returns each post's summed arm effect (log-lift). */
function fitArms(m: PlatformModel, index: Int16Array[], armLift: number[], rejections: Rejection[], losers: Partial<Arms>[]): Float64Array {
  const posts = armLift.length;
  const add = (map: Map<string, Sums>, v: string, lift: number, w: number) => {
    const s = map.get(v) ?? emptySums();
    s.n += w;
    s.sum += lift * w;
    map.set(v, s);
  };
  const pseudo = new Map<ArmDimension, Map<string, Sums>>();
  for (const d of ARM_DIMENSIONS) {
    const map = new Map<string, Sums>();
    for (const r of rejections) if (REJECTED.dims.includes(d) && r.arms[d]) add(map, r.arms[d]!, Math.log(REJECTED.lift), REJECTED.weight);
    for (const l of losers) if (l[d]) add(map, l[d]!, Math.log(LOST.lift), LOST.weight);
    pseudo.set(d, map);
  }
  // The arms a learner picks go together (good openings with good lengths), so each dimension is fitted with the
  // others' estimated effects taken out, a few passes (backfitting); the first pass starts from the previous round's.
  // Values are indexed once per fit (`armIndexOf`), so a pass is a few typed-array sweeps.
  const means = ARM_DIMENSIONS.map((d) => Float64Array.from(ARM_VALUES[d] as readonly string[], (v) => m.arms[d]?.[v]?.mean ?? 0));
  const total = new Float64Array(posts);
  ARM_DIMENSIONS.forEach((_, j) => index[j]!.forEach((k, i) => k >= 0 && (total[i]! += means[j]![k]!)));
  // One prior weight for every dimension (how large arm effects are is one question for the app on this platform; a
  // dimension's two to five values alone are too few to say), estimated from the previous pass's cells.
  let weight = m.priorWeight.arms.hook;
  for (let pass = 0; pass < ARM_PASSES; pass++) {
    const cells: { n: number; sum: number; prior: number }[] = [];
    ARM_DIMENSIONS.forEach((d, j) => {
      const values = ARM_VALUES[d] as readonly string[];
      const idx = index[j]!;
      const mean = means[j]!;
      const n = new Float64Array(values.length);
      const sum = new Float64Array(values.length);
      for (let i = 0; i < posts; i++) {
        const k = idx[i]!;
        if (k < 0) continue;
        n[k]!++;
        sum[k]! += armLift[i]! - total[i]! + mean[k]!;
      }
      m.arms[d] = {};
      const next = new Float64Array(values.length);
      values.forEach((v, k) => {
        cells.push({ n: n[k]!, sum: sum[k]!, prior: 0 });
        const e = shrink({ n: n[k]!, sum: sum[k]! }, weight, m.spread, pseudo.get(d)!.get(v));
        m.arms[d][v] = e;
        next[k] = e.mean;
      });
      for (let i = 0; i < posts; i++) if (idx[i]! >= 0) total[i]! += next[idx[i]!]! - mean[idx[i]!]!;
      means[j] = next;
    });
    weight = priorWeight(cells, m.spread, PRIOR_TAU2.arm);
    for (const d of ARM_DIMENSIONS) m.priorWeight.arms[d] = weight;
  }
  return total;
}

/**
 * Empirical Bayes: how many posts' worth a prior should weigh, from how far the cells' own means lie from it. Each
 * cell's raw mean differs from its prior by the true deviation (variance tau2) plus noise (spread / n), so the mean of
 * (raw - prior)^2 - spread / n over cells with two posts or more estimates tau2; that estimate is itself shrunk towards
 * `tau2Prior` with the weight of TAU2_PRIOR_CELLS cells, so a few cells cannot swing it. The weight is spread / tau2.
 */
export function priorWeight(cells: { n: number; sum: number; prior: number }[], spread: number, tau2Prior: number): number {
  let total = 0;
  let used = 0;
  for (const c of cells) {
    if (c.n < 2) continue;
    total += (c.sum / c.n - c.prior) ** 2 - spread / c.n;
    used++;
  }
  const tau2 = (TAU2_PRIOR_CELLS * tau2Prior + Math.max(0, total)) / (TAU2_PRIOR_CELLS + used);
  return Math.min(PRIOR_WEIGHT_RANGE[1], Math.max(PRIOR_WEIGHT_RANGE[0], spread / Math.max(tau2, 1e-6)));
}

function fitHashtags(m: PlatformModel, obs: Observation[], armLift: number[]): void {
  const sums = new Map<string, Sums>();
  // The same few tags recur on most posts: each distinct spelling is normalised once.
  const normal = new Map<string, string>();
  obs.forEach((o, i) => {
    for (const raw of o.hashtags) {
      let tag = normal.get(raw);
      if (tag === undefined) normal.set(raw, (tag = raw.replace(/^#/, "").toLowerCase()));
      const s = sums.get(tag) ?? emptySums();
      s.n++;
      s.sum += armLift[i]!;
      sums.set(tag, s);
    }
  });
  for (const [tag, s] of sums) m.hashtags.set(tag, shrink(s, PRIOR_POSTS.hashtag, m.spread));
}

/** An empty platform model: the priors alone (an app with no posts there yet). */
export function priorModel(platform: PlatformId, timezone: string): PlatformModel {
  return fitPlatform(platform, new SlotClock(timezone), [], [], []);
}

/**
 * The learner's update: fits every platform's model from the app's posts (own and imported alike), rejections and
 * lost A/B arms. Pure (no database): the store gathers the inputs, the simulation feeds its own.
 */
export function fitModel(input: { timezone: string; observations: Observation[]; rejections: Rejection[] }): LearnedModel {
  const clock = new SlotClock(input.timezone);
  const byPlatform = new Map<PlatformId, Observation[]>();
  for (const o of input.observations) {
    const list = byPlatform.get(o.platform);
    if (list) list.push(o);
    else byPlatform.set(o.platform, [o]);
  }
  const platforms = new Map<PlatformId, PlatformModel>();
  const names = new Set<PlatformId>([...byPlatform.keys(), ...input.rejections.map((r) => r.platform)]);
  for (const p of names) {
    const obs = byPlatform.get(p) ?? [];
    const rejections = input.rejections.filter((r) => r.platform === p);
    const first = fitPlatform(p, clock, obs, rejections, []);
    // A decided A/B test demotes the loser's arms: the second pass counts them (the slots do not change).
    const losers = judgeExperiments(first).flatMap((e) => (e.loserArms ? [e.loserArms] : []));
    platforms.set(p, losers.length ? fitPlatform(p, clock, obs, rejections, losers) : first);
  }
  return { timezone: input.timezone, platforms };
}

/** The app's model for one platform, or the priors alone when it has no posts there. */
export function platformModel(model: LearnedModel, platform: PlatformId): PlatformModel {
  return model.platforms.get(platform) ?? priorModel(platform, model.timezone);
}
