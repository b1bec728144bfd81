import { ARM_DIMENSIONS, ARM_VALUES, type ArmDimension, type Arms } from "./arms";
import { type Estimate, type LearnedModel, platformModel } from "./estimate";
import type { PlatformId } from "../platforms/ids";
import { armExplorationScale } from "./priors";
import { normalDraw, type Random } from "./random";

/**
 * Thompson sampling over a post's creative arms: per dimension one draw from each value's posterior (its spread scaled by
 * `armExplorationScale`: wide while the platform has few posts, bounded after), the highest wins; `allowed` narrows a
 * dimension to what the writer can make (e.g. the formats a platform takes).
 * Returns the arms and which dimensions explored (drew a value other than the best estimate).
 */
export function chooseArms(
  model: LearnedModel,
  platform: PlatformId,
  rng: Random,
  allowed: Partial<Record<ArmDimension, readonly string[]>> = {},
): { arms: Arms; explored: ArmDimension[] } {
  const m = platformModel(model, platform);
  const arms: Record<string, string> = {};
  const explored: ArmDimension[] = [];
  const scale = armExplorationScale(m.posts);
  for (const d of ARM_DIMENSIONS) {
    const values = (ARM_VALUES[d] as readonly string[]).filter((v) => !allowed[d] || allowed[d]!.includes(v));
    let best = values[0]!;
    let bestDraw = -Infinity;
    let greedy = values[0]!;
    for (const v of values) {
      const e = m.arms[d][v]!;
      const draw = e.mean + scale * e.sd * normalDraw(rng);
      if (draw > bestDraw) [best, bestDraw] = [v, draw];
      if (e.mean > m.arms[d][greedy]!.mean) greedy = v;
    }
    arms[d] = best;
    if (best !== greedy) explored.push(d);
  }
  return { arms: arms as Arms, explored };
}

/** The formats a platform takes for this app, ranked by one Thompson draw each, with whether the first is not the best estimate. */
export interface FormatRanking {
  ranked: Arms["format"][];
  explored: boolean;
  /** The first format's estimate (log-lift over the app's average there). */
  estimate: Estimate;
}

/**
 * Ranks a platform's formats (`formats`: what the platform takes, from the creative agent's format table) by one draw
 * from each one's posterior, with the same exploration as the other arms (`armExplorationScale`).
 */
export function rankFormats(model: LearnedModel, platform: PlatformId, formats: readonly Arms["format"][], rng: Random): FormatRanking {
  const est = platformModel(model, platform).arms.format;
  const prior: Estimate = { mean: 0, sd: 0, n: 0 };
  const of = (f: Arms["format"]) => est[f] ?? prior;
  const scale = armExplorationScale(platformModel(model, platform).posts);
  const draws = formats.map((f) => ({ f, draw: of(f).mean + scale * of(f).sd * normalDraw(rng) }));
  draws.sort((a, b) => b.draw - a.draw);
  const ranked = draws.map((d) => d.f);
  const greedy = formats.reduce((best, f) => (of(f).mean > of(best).mean ? f : best), formats[0]!);
  return { ranked, explored: ranked[0] !== greedy, estimate: of(ranked[0]!) };
}
