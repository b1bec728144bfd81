import { expect, test } from "bun:test";
import type { Arms } from "../../src/learning/arms";
import { chooseArms } from "../../src/learning/choose-arms";
import { fitModel, type Observation } from "../../src/learning/estimate";
import { ARM_WARMUP_POSTS, armExplorationScale, EXPLORATION_SCALE } from "../../src/learning/priors";
import { seededRandom } from "../../src/learning/random";

/** `n` X posts at 10-12 h on weekdays from 2 March 2026, a fifth of them with questions engaging 20 % less than statements. */
function posts(n: number): Observation[] {
  return Array.from({ length: n }, (_, i) => {
    const hook: Arms["hook"] = i % 5 === 0 ? "question" : "statement";
    const day = 2 + (i % 5) + 7 * Math.floor(i / 5);
    return {
      platform: "x" as const,
      postedAt: new Date(Date.UTC(2026, 2, day, 9, 30)),
      hashtags: [],
      arms: { hook, structure: "facts", format: "text", length: "medium", hashtags: "few", cta: "with_cta" },
      imported: false,
      exposure: 2000,
      engagements: hook === "question" ? 80 : 100,
    };
  });
}

/** Share of 600 draws whose opening is a question. */
function questionShare(n: number): number {
  const model = fitModel({ timezone: "Europe/Berlin", observations: posts(n), rejections: [] });
  const rng = seededRandom(7);
  let q = 0;
  for (let i = 0; i < 600; i++) if (chooseArms(model, "x", rng).arms.hook === "question") q++;
  return q / 600;
}

test("the arms' exploration scale falls from plain Thompson sampling to the bounded one over the warm-up", () => {
  expect(armExplorationScale(0)).toBe(1);
  expect(armExplorationScale(ARM_WARMUP_POSTS / 2)).toBeCloseTo((1 + EXPLORATION_SCALE) / 2, 9);
  expect(armExplorationScale(ARM_WARMUP_POSTS)).toBe(EXPLORATION_SCALE);
  expect(armExplorationScale(10 * ARM_WARMUP_POSTS)).toBe(EXPLORATION_SCALE);
});

test("an opening that looks worse on a few posts is still drawn early, and rarely once the evidence is in", () => {
  const early = questionShare(10);
  const late = questionShare(100);
  expect(early).toBeGreaterThan(0.1);
  expect(late).toBeLessThan(0.02);
});
