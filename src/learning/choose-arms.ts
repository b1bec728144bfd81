import { ARM_DIMENSIONS, ARM_VALUES, type ArmDimension, type Arms } from "./arms";
import { type LearnedModel, platformModel } from "./estimate";
import type { PlatformId } from "../platforms/ids";
import { EXPLORATION_SCALE } from "./priors";
import { normalDraw, type Random } from "./random";

/**
 * Thompson sampling over a post's creative arms: per dimension one draw from each value's posterior, the highest
 * wins; `allowed` narrows a dimension to what the writer can make (e.g. the formats a platform takes).
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
  for (const d of ARM_DIMENSIONS) {
    const values = (ARM_VALUES[d] as readonly string[]).filter((v) => !allowed[d] || allowed[d]!.includes(v));
    let best = values[0]!;
    let bestDraw = -Infinity;
    let greedy = values[0]!;
    for (const v of values) {
      const e = m.arms[d][v]!;
      const draw = e.mean + EXPLORATION_SCALE * e.sd * normalDraw(rng);
      if (draw > bestDraw) [best, bestDraw] = [v, draw];
      if (e.mean > m.arms[d][greedy]!.mean) greedy = v;
    }
    arms[d] = best;
    if (best !== greedy) explored.push(d);
  }
  return { arms: arms as Arms, explored };
}
