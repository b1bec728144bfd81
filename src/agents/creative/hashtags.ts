import type { PlatformId } from "../../platforms/ids";
import { PLATFORM_RULES } from "../../platforms/rules";
import type { ProductFacts } from "../research/facts";

const MAX_TAG = 30;

/** Turns a phrase into a hashtag word ("meal planning" -> "MealPlanning"); undefined when nothing usable is left. */
export function toHashtag(phrase: string): string | undefined {
  const words = phrase.replace(/^#/, "").match(/[\p{L}\p{N}]+/gu) ?? [];
  const tag = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
  if (!/\p{L}/u.test(tag) || [...tag].length > MAX_TAG || [...tag].length < 2) return undefined;
  return tag;
}

/** Chooses hashtags for a platform: the product name and its keywords, within the platform's ideal count. */
export function chooseHashtags(platform: PlatformId, facts: ProductFacts, rng: () => number): string[] {
  const [lo, hi] = PLATFORM_RULES[platform].hashtagsIdeal;
  const count = lo + Math.floor(rng() * (hi - lo + 1));
  const candidates = [facts.name, ...facts.keywords].map(toHashtag).filter((t): t is string => t !== undefined);
  const unique = [...new Map(candidates.map((t) => [t.toLowerCase(), t])).values()];
  const [first, ...rest] = unique;
  // Keep the brand tag first, then rotate the keywords so days differ.
  const shift = rest.length > 0 ? Math.floor(rng() * rest.length) : 0;
  const rotated = [...rest.slice(shift), ...rest.slice(0, shift)];
  return (first ? [first, ...rotated] : rotated).slice(0, Math.min(count, PLATFORM_RULES[platform].hashtagsMax));
}
