import type { PlatformId } from "../platforms/ids";
import { PLATFORM_RULES } from "../platforms/rules";
import { type LearnedModel, liftOf, platformModel } from "./estimate";

/** A tag whose shrunk lift is below this, on at least DROP_AFTER posts, is dropped: it has kept doing worse than the app's average. */
export const DROP_BELOW = 0.85;
/** Posts a tag needs before it can be dropped. */
export const DROP_AFTER = 5;

/**
 * Ranks candidate hashtags for one post: tags that worked for the app on that platform first (by shrunk lift; unknown
 * tags sit at 1.0, the average), tags that kept doing worse dropped, and never more than the platform's useful count
 * (the top of its ideal range). Pure: the creative step calls it with the app's model.
 */
export function rankHashtags(
  model: LearnedModel,
  platform: PlatformId,
  candidates: string[],
  max = PLATFORM_RULES[platform].hashtagsIdeal[1],
): string[] {
  const m = platformModel(model, platform);
  const seen = new Set<string>();
  const scored = candidates.flatMap((tag, order) => {
    const key = tag.replace(/^#/, "").toLowerCase();
    if (seen.has(key)) return [];
    seen.add(key);
    const est = m.hashtags.get(key);
    if (est && est.n >= DROP_AFTER && liftOf(est) < DROP_BELOW) return [];
    return [{ tag, lift: est ? liftOf(est) : 1, order }];
  });
  scored.sort((a, b) => b.lift - a.lift || a.order - b.order);
  return scored.slice(0, max).map((s) => s.tag);
}

/** The tags that did better than the app's average on a platform, best first (at most the platform's useful count): a model is asked to prefer them. */
export function provenHashtags(model: LearnedModel, platform: PlatformId, max = PLATFORM_RULES[platform].hashtagsIdeal[1]): string[] {
  const m = platformModel(model, platform);
  return [...m.hashtags]
    .filter(([, e]) => e.n > 0 && e.mean > 0)
    .sort((a, b) => b[1].mean - a[1].mean)
    .slice(0, max)
    .map(([tag]) => tag);
}
