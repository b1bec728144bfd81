import { ARM_DIMENSIONS, type Arms } from "./arms";
import type { PlatformModel } from "./estimate";
import { normalCdf } from "./random";

/** A winner needs this probability of being better ... */
export const WIN_PROBABILITY = 0.95;
/** ... and at least this many impressions (or views) on each side. */
export const MIN_EXPOSURE_EACH = 1000;

/** One A/B pair as the learner judges it. */
export interface ExperimentResult {
  key: string;
  status: "waiting" | "undecided" | "decided";
  /** P(A is better than B) after the slot is taken out; undefined while a side has no figures. */
  pA?: number;
  winner?: "A" | "B";
  /** The loser's arms where they differ from the winner's (the ones demoted). */
  loserArms?: Partial<Arms>;
  exposure: { A: number; B: number };
  /** Plain words: why this status. */
  summary: string;
}

/** A Beta posterior on a side's slot-adjusted engagement per impression, its counts divided by the platform's overdispersion. */
function posterior(side: { exposure: number; adjustedRate: number }, dispersion: number): { mean: number; variance: number } {
  const trials = side.exposure / dispersion;
  const successes = Math.min(trials, side.adjustedRate * trials);
  const a = 1 + successes;
  const b = 1 + trials - successes;
  return { mean: a / (a + b), variance: (a * b) / ((a + b) ** 2 * (a + b + 1)) };
}

/**
 * Judges every A/B pair of a platform (docs/optimizer.md "A/B experiments"): a winner only when P(better) >= 0.95
 * under the overdispersed Beta posteriors and each side had at least MIN_EXPOSURE_EACH impressions.
 */
export function judgeExperiments(m: PlatformModel): ExperimentResult[] {
  return m.experiments.map((e) => {
    const A = e.sides.A;
    const B = e.sides.B;
    const exposure = { A: A?.exposure ?? 0, B: B?.exposure ?? 0 };
    if (!A || !B) return { key: e.key, status: "waiting", exposure, summary: "Waiting for both variants' figures." };
    const pa = posterior(A, m.dispersion);
    const pb = posterior(B, m.dispersion);
    const pA = normalCdf((pa.mean - pb.mean) / Math.sqrt(pa.variance + pb.variance || 1e-12));
    const enough = exposure.A >= MIN_EXPOSURE_EACH && exposure.B >= MIN_EXPOSURE_EACH;
    const best = pA >= 0.5 ? "A" : "B";
    const pBest = Math.max(pA, 1 - pA);
    if (!enough)
      return {
        key: e.key,
        status: "undecided",
        pA,
        exposure,
        summary: `Not enough impressions yet (${Math.min(exposure.A, exposure.B)} of ${MIN_EXPOSURE_EACH} on each side).`,
      };
    if (pBest < WIN_PROBABILITY)
      return {
        key: e.key,
        status: "undecided",
        pA,
        exposure,
        summary: `No winner: ${best} leads with P = ${pBest.toFixed(2)}, below ${WIN_PROBABILITY}.`,
      };
    return {
      key: e.key,
      status: "decided",
      pA,
      winner: best,
      loserArms: differing((best === "A" ? B : A).arms, (best === "A" ? A : B).arms),
      exposure,
      summary: `${best} won with P = ${pBest.toFixed(3)}.`,
    };
  });
}

function differing(loser: Arms | undefined, winner: Arms | undefined): Partial<Arms> | undefined {
  if (!loser || !winner) return undefined;
  const out: Partial<Record<string, string>> = {};
  for (const d of ARM_DIMENSIONS) if (loser[d] !== winner[d]) out[d] = loser[d];
  return out as Partial<Arms>;
}
