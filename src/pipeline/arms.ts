import { HASHTAG_RANGE, type HashtagBand } from "../agents/creative/arm-words";
import { FORMAT_TABLE, type PostFormat } from "../agents/creative/formats";
import { WRITABLE_HOOKS, type ArmRequest } from "../agents/creative/types";
import { ARM_VALUES } from "../learning/arms";
import { chooseArms, rankFormats } from "../learning/choose-arms";
import { type LearnedModel, platformModel } from "../learning/estimate";
import { provenHashtags } from "../learning/hashtags";
import type { Random } from "../learning/random";
import { formatReason } from "../learning/reasons";
import type { PlatformId } from "../platforms/ids";
import { PLATFORM_RULES } from "../platforms/rules";

/** The hashtag bands a platform's useful count reaches (no "many" where its ideal tops out at three). */
function hashtagBands(platform: PlatformId): HashtagBand[] {
  return ARM_VALUES.hashtags.filter((b) => HASHTAG_RANGE[b][0] <= PLATFORM_RULES[platform].hashtagsIdeal[1]);
}

/**
 * The learner's arms for one post as a request to the writer: Thompson sampling over the arms both writers can make
 * (the built-in writer's opening families, every body structure, the length band, the hashtag bands the platform's useful
 * count reaches, a call to action, which both writers always write), with the tags that worked there. Undefined when the
 * app has neither results nor rejections on the platform, so a new app keeps the writer's rotation untouched.
 */
export function armRequest(model: LearnedModel, platform: PlatformId, rng: Random): ArmRequest | undefined {
  if (!model.platforms.has(platform)) return undefined;
  const { arms } = chooseArms(model, platform, rng, {
    hook: WRITABLE_HOOKS,
    format: [PLATFORM_RULES[platform].format],
    hashtags: hashtagBands(platform),
    cta: ["with_cta"],
  });
  return {
    hook: arms.hook as (typeof WRITABLE_HOOKS)[number],
    structure: arms.structure,
    length: arms.length,
    hashtags: { band: arms.hashtags, preferred: provenHashtags(model, platform) },
    cta: arms.cta,
    prefer: valueRange(model, platform, "structure") > valueRange(model, platform, "length") ? "structure" : "length",
  };
}

/** How far apart the learner's estimates of a dimension's values are (best minus worst log-lift). */
function valueRange(model: LearnedModel, platform: PlatformId, d: "structure" | "length"): number {
  const means = Object.values(platformModel(model, platform).arms[d]).map((e) => e.mean);
  return Math.max(...means) - Math.min(...means);
}

/** The formats a platform takes, from the creative agent's format table (a format added there is ranked too). */
export function platformFormats(platform: PlatformId): PostFormat[] {
  return [...new Set((FORMAT_TABLE[platform] ?? []).map((c) => c.format))];
}

/**
 * The learner's ranking of a platform's formats for chooseFormat's `ranked` seam, with the reason for the item's notes.
 * Undefined when the app has no results there or the platform takes one format: the table's rotation decides.
 */
export function formatPlan(model: LearnedModel, platform: PlatformId, rng: Random): { ranked: PostFormat[]; reason: string } | undefined {
  const formats = platformFormats(platform);
  if (!model.platforms.has(platform) || formats.length < 2) return undefined;
  const r = rankFormats(model, platform, formats, rng);
  return { ranked: r.ranked, reason: formatReason(platformModel(model, platform), r.ranked[0]!, r.estimate, r.explored) };
}
