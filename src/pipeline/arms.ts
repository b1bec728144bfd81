import { WRITABLE_HOOKS, type ArmRequest } from "../agents/creative/types";
import { lengthBand } from "../learning/arms";
import { chooseArms } from "../learning/choose-arms";
import type { LearnedModel } from "../learning/estimate";
import type { Random } from "../learning/random";
import type { PlatformId } from "../platforms/ids";
import { PLATFORM_RULES } from "../platforms/rules";

/**
 * The learner's arms for one post as a request to the writer: Thompson sampling over the arms the writer can make
 * (its opening families, the platform's format, a call to action, which the built-in writer always writes). Undefined
 * when the app has neither results nor rejections on the platform, so a new app keeps the writer's rotation untouched.
 */
export function armRequest(model: LearnedModel, platform: PlatformId, rng: Random): ArmRequest | undefined {
  if (!model.platforms.has(platform)) return undefined;
  const { arms } = chooseArms(model, platform, rng, {
    hook: WRITABLE_HOOKS,
    format: [PLATFORM_RULES[platform].format],
    cta: ["with_cta"],
  });
  return {
    hook: arms.hook as (typeof WRITABLE_HOOKS)[number],
    captionFits: (caption) => lengthBand(caption) === arms.length,
  };
}
