import { describe, expect, test } from "bun:test";
import { HeuristicOptimizer } from "../../src/agents/optimize";
import { PLATFORM_IDS } from "../../src/platforms/ids";
import { localParts, zonedTime } from "../../src/lib/zoned-time";

const opt = new HeuristicOptimizer();

describe("heuristic optimizer", () => {
  test("slots fall on the platform's best local times; B takes the second-best; taken minutes are avoided", () => {
    const posts = PLATFORM_IDS.map((p) => ({ key: p, platform: p, variant: "A" as const }));
    const taken = [zonedTime("2026-03-03", 9, 0, "Europe/Paris")]; // another app's Facebook post
    const plans = opt.plan({
      webappId: 1,
      localDate: "2026-03-03",
      timezone: "Europe/Paris",
      now: new Date("2026-03-03T01:00:00Z"),
      posts: [...posts, { key: "li-b", platform: "linkedin", variant: "B" }],
      taken,
    });
    const at = Object.fromEntries(plans.map((p) => [p.key, localParts(p.plannedAt, "Europe/Paris")]));
    expect(at.linkedin).toMatchObject({ date: "2026-03-03", hour: 8, minute: 30 });
    expect(at["li-b"]).toMatchObject({ hour: 10, minute: 0 });
    expect(at.facebook).toMatchObject({ hour: 9, minute: 7 }); // 09:00 was taken
    expect(at.x).toMatchObject({ hour: 9, minute: 14 }); // 09:00 and 09:07 were taken
    const minutes = [...plans.map((p) => p.plannedAt.getTime()), ...taken.map((t) => t.getTime())];
    expect(new Set(minutes).size).toBe(minutes.length);
    expect(plans.find((p) => p.key === "li-b")!.reason).toContain("variant B");
  });

  test("weekends use weekend times; a late forced run takes the first free slot after now", () => {
    const sat = opt.plan({
      webappId: 1,
      localDate: "2026-03-07",
      timezone: "UTC",
      now: new Date("2026-03-07T00:00:00Z"),
      posts: [{ key: "x", platform: "x", variant: "A" }],
      taken: [],
    });
    expect(sat[0]!.plannedAt.toISOString()).toBe("2026-03-07T10:00:00.000Z");
    const late = opt.plan({
      webappId: 1,
      localDate: "2026-03-03",
      timezone: "UTC",
      now: new Date("2026-03-03T22:50:00Z"),
      posts: [{ key: "x", platform: "x", variant: "A" }],
      taken: [],
    });
    expect(late[0]!.plannedAt.getTime()).toBeGreaterThan(Date.parse("2026-03-03T22:50:00Z"));
    expect(late[0]!.reason).toContain("best times have passed");
  });

  test("one platform a day runs an A/B test, rotating through the app's platforms", () => {
    const days = ["2026-03-01", "2026-03-02", "2026-03-03"].map((d) =>
      opt.experiments({ webappId: 1, localDate: d, platforms: ["x", "linkedin", "tiktok"] }),
    );
    expect(days.every((d) => d.length === 1)).toBe(true);
    expect(new Set(days.flat()).size).toBe(3);
    expect(opt.experiments({ webappId: 1, localDate: "2026-03-01", platforms: [] })).toEqual([]);
  });
});
