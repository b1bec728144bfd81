import { expect, test } from "bun:test";
import { ARM_VALUES, type Arms } from "../../src/learning/arms";
import { fitModel, type Observation } from "../../src/learning/estimate";
import { normalDraw, seededRandom } from "../../src/learning/random";

const TZ = "Europe/Berlin";

/** Known additive effects (log-lifts): openings, structures and lengths; the window 14-16 h adds 0.4. */
const HOOK: Record<Arms["hook"], number> = { question: 0.3, number: 0, how_to: -0.1, bold_claim: -0.3, statement: 0.1 };
const STRUCTURE: Record<Arms["structure"], number> = { facts: 0, ask: 0.25, list: -0.2, hook_only: -0.05 };
const LENGTH: Record<Arms["length"], number> = { short: -0.2, medium: 0.1, long: 0.1 };

/** X posts on weekdays at 10-12 h or 14-16 h (Berlin) with random arms and log-normal noise (sd 0.2). */
function posts(n: number, seed: number): Observation[] {
  const rng = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const hook = pick(ARM_VALUES.hook);
    const late = rng() < 0.5;
    const arms: Arms = {
      hook,
      structure: pick(ARM_VALUES.structure),
      format: "text",
      length: pick(ARM_VALUES.length),
      hashtags: "few",
      cta: "with_cta",
    };
    const log = HOOK[arms.hook] + STRUCTURE[arms.structure] + LENGTH[arms.length] + (late ? 0.4 : 0) + 0.2 * normalDraw(rng);
    const day = 2 + (i % 5) + 7 * Math.floor(i / 5); // Mondays to Fridays from 2 March 2026 (UTC+1)
    const exposure = 5000;
    return {
      platform: "x" as const,
      postedAt: new Date(Date.UTC(2026, 2, day, late ? 13 : 9, 30)),
      hashtags: [],
      arms,
      imported: false,
      exposure,
      engagements: Math.round(exposure * 0.03 * Math.exp(log)),
    };
  });
}

/** The fitted difference between two values of a dimension against the true one. */
function errors(obs: Observation[]) {
  const m = fitModel({ timezone: TZ, observations: obs, rejections: [] }).platforms.get("x")!;
  const diff = <D extends "hook" | "structure" | "length">(d: D, a: Arms[D], b: Arms[D]) => m.arms[d][a]!.mean - m.arms[d][b]!.mean;
  return {
    m,
    hook: Math.abs(diff("hook", "question", "bold_claim") - (HOOK.question - HOOK.bold_claim)),
    structure: Math.abs(diff("structure", "ask", "list") - (STRUCTURE.ask - STRUCTURE.list)),
    length: Math.abs(diff("length", "medium", "short") - (LENGTH.medium - LENGTH.short)),
  };
}

test("the backfitted arms recover known additive effects from 400 posts with random arms", () => {
  const e = errors(posts(400, 5));
  // True gaps: openings 0.6, structures 0.45, lengths 0.3; a post's noise sd is 0.2 and each value has 80-130 posts.
  expect(e.hook).toBeLessThan(0.1);
  expect(e.structure).toBeLessThan(0.1);
  expect(e.length).toBeLessThan(0.1);
  // The best value is found in every dimension.
  const best = (d: "hook" | "structure") => Object.entries(e.m.arms[d]).sort((x, y) => y[1].mean - x[1].mean)[0]![0];
  expect(best("hook")).toBe("question");
  expect(best("structure")).toBe("ask");
});
