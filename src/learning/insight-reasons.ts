import { PLATFORM_RULES } from "../platforms/rules";
import type { PlatformModel } from "./estimate";
import type { ArmValueInsight, WindowInsight } from "./insights";
import { MIN_OWN_POSTS, notEnough } from "./reasons";

/** Posts an arm value needs before "What works" names it as the best of its dimension. */
export const MIN_ARM_POSTS = 5;

const x = (v: number) => `${v.toFixed(1)}x`;
const count = (n: number) => Math.round(n).toLocaleString("en-US");

/** The best weekday and weekend window in words, learned or still the table's, with the evidence. */
export function windowReasons(m: PlatformModel, best: WindowInsight[]): string[] {
  const name = PLATFORM_RULES[m.platform].name;
  return (["weekdays", "weekends"] as const).flatMap((days) => {
    const w = best.find((b) => b.days === days);
    if (!w) return [];
    const Days = days === "weekdays" ? "Weekdays" : "Weekends";
    if (m.posts < MIN_OWN_POSTS) return [`${Days} ${w.window}: from the general table, ${notEnough(m)}.`];
    if (w.source === "prior")
      return [`${Days} ${w.window}: from the general table, only ${w.posts} of your ${name} posts fall in that window.`];
    return [
      `${Days} ${w.window}: your ${name} posts there get ${x(w.lift)} your average engagement, ${x(w.vsPrior)} what the general table expected (${w.posts} posts, ${count(w.impressions)} impressions).`,
    ];
  });
}

/** The best value of one arm in words with its evidence, once it has the posts to say so (nothing while values are not told apart). */
export function armReason(label: string, values: ArmValueInsight[]): string[] {
  const tried = values.filter((v) => v.posts > 0);
  if (tried.length < 2) return [];
  const best = [...values].sort((a, b) => b.lift - a.lift)[0]!;
  const what = best.value.replace("_", " ");
  const Label = label[0]!.toUpperCase() + label.slice(1);
  if (best.posts < MIN_ARM_POSTS) return [`${Label}: not enough posts to tell the values apart yet (${what} leads on ${best.posts}).`];
  return [
    `${Label}: ${what} works best, ${x(best.lift)} your average engagement (likely ${x(best.low)}-${x(best.high)}; ${best.posts} posts, ${count(best.impressions)} impressions).`,
  ];
}
