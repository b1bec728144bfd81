import { describe, expect, test } from "bun:test";
import { pipelineRuns } from "../../src/db/schema/pipeline";
import { Scheduler, type Schedule } from "../../src/jobs/schedules";
import { SCHEDULES } from "../../src/server/schedules";
import { recentScheduleRuns } from "../../src/jobs/schedule-store";
import { queueDueNightlyRuns } from "../../src/pipeline/nightly";
import { makeTestContext } from "../support/context";
import { seedApp } from "../pipeline/support";

/** Advances the clock in 5-minute ticks (the schedule's cadence) and records when each app's run was queued. */
function sweep(ctx: ReturnType<typeof makeTestContext>, from: string, to: string): Map<string, string> {
  const queuedAt = new Map<string, string>();
  for (let t = Date.parse(from); t <= Date.parse(to); t += 5 * 60_000) {
    ctx.clock.set(new Date(t));
    queueDueNightlyRuns(ctx);
    for (const r of ctx.db.select().from(pipelineRuns).all())
      if (!queuedAt.has(r.jobKey)) queuedAt.set(r.jobKey, new Date(t).toISOString());
  }
  return queuedAt;
}

describe("nightly generation at each user's own 02:00", () => {
  test("Los Angeles across the spring-forward DST change (02:00 does not exist on 8 March)", () => {
    const ctx = makeTestContext();
    try {
      const { webappId } = seedApp(ctx, { url: "https://la.example/", timezone: "America/Los_Angeles" });
      const got = sweep(ctx, "2026-03-07T00:00:00Z", "2026-03-10T08:00:00Z");
      expect(Object.fromEntries(got)).toEqual({
        [`run:${webappId}:2026-03-06:1`]: "2026-03-07T00:00:00.000Z", // 16:00 local on the 6th: caught up at start
        [`run:${webappId}:2026-03-07:1`]: "2026-03-07T10:00:00.000Z", // 02:00 PST
        [`run:${webappId}:2026-03-08:1`]: "2026-03-08T10:00:00.000Z", // 03:00 PDT, the first local minute after 02:00
        [`run:${webappId}:2026-03-09:1`]: "2026-03-09T09:00:00.000Z", // 02:00 PDT
      });
    } finally {
      ctx.cleanup();
    }
  });

  test("Auckland across the autumn DST change (02:00-03:00 happens twice on 5 April) and Los Angeles side by side", () => {
    const ctx = makeTestContext();
    try {
      const nz = seedApp(ctx, { url: "https://nz.example/", timezone: "Pacific/Auckland" });
      const la = seedApp(ctx, { url: "https://la.example/", timezone: "America/Los_Angeles" });
      const got = sweep(ctx, "2026-04-03T15:00:00Z", "2026-04-06T15:00:00Z");
      const nzRuns = [...got].filter(([k]) => k.startsWith(`run:${nz.webappId}:`));
      expect(nzRuns).toEqual([
        [`run:${nz.webappId}:2026-04-04:1`, "2026-04-03T15:00:00.000Z"], // 04:00 NZDT: caught up at start
        [`run:${nz.webappId}:2026-04-05:1`, "2026-04-04T13:00:00.000Z"], // 02:00 NZDT, once, not again at 02:00 NZST
        [`run:${nz.webappId}:2026-04-06:1`, "2026-04-05T14:00:00.000Z"], // 02:00 NZST
        [`run:${nz.webappId}:2026-04-07:1`, "2026-04-06T14:00:00.000Z"],
      ]);
      const laRuns = [...got].filter(([k]) => k.startsWith(`run:${la.webappId}:`));
      expect(laRuns.map(([, at]) => at)).toEqual([
        "2026-04-03T15:00:00.000Z",
        "2026-04-04T09:00:00.000Z",
        "2026-04-05T09:00:00.000Z",
        "2026-04-06T09:00:00.000Z",
      ]);
    } finally {
      ctx.cleanup();
    }
  });

  test("inactive apps get no runs; the configured local time is honoured", () => {
    const ctx = makeTestContext({ AMARKTAI_PIPELINE_NIGHTLY_TIME: "06:30" });
    try {
      seedApp(ctx, { url: "https://off.example/", timezone: "UTC", active: false });
      const { webappId } = seedApp(ctx, { url: "https://on.example/", timezone: "UTC" });
      const got = sweep(ctx, "2026-03-03T00:00:00Z", "2026-03-03T12:00:00Z");
      // At 00:00 it is already the 3rd locally, before 06:30: yesterday is not back-filled, today's run waits.
      expect(Object.fromEntries(got)).toEqual({ [`run:${webappId}:2026-03-03:1`]: "2026-03-03T06:30:00.000Z" });
    } finally {
      ctx.cleanup();
    }
  });
});

describe("scheduler", () => {
  test("runs are recorded with outcome; status shows last and next run; run now works by name", async () => {
    const ctx = makeTestContext();
    try {
      const failing: Schedule = {
        name: "always-fails",
        cron: "0 * * * *",
        description: "test",
        handler: () => Promise.reject(new Error("disk full")),
      };
      const s = new Scheduler(ctx, [...SCHEDULES, failing]);
      expect(await s.runNow("database-maintenance")).toBe("ok");
      expect(await s.runNow("always-fails")).toBe("error");
      expect(await s.runNow("no-such-schedule")).toBeUndefined();
      const st = s.status();
      expect(st.map((x) => x.name)).toEqual([...SCHEDULES.map((x) => x.name), "always-fails"]);
      const maint = st.find((x) => x.name === "database-maintenance")!;
      expect(maint.lastRun!.outcome).toBe("ok");
      expect(maint.lastRun!.detail).toContain("WAL checkpoint");
      expect(maint.nextRun!.toISOString()).toBe("2026-03-03T03:40:00.000Z");
      expect(recentScheduleRuns(ctx.db, "always-fails")[0]!.detail).toBe("disk full");
      expect(st.find((x) => x.name === "nightly-generation")!.lastRun).toBeUndefined();
    } finally {
      ctx.cleanup();
    }
  });

  test("start runs the catch-up schedule at once; stop waits for it", async () => {
    const ctx = makeTestContext();
    try {
      const { webappId } = seedApp(ctx, { url: "https://x.example/", timezone: "UTC" });
      const s = new Scheduler(ctx, SCHEDULES);
      s.start();
      await s.stop();
      expect(recentScheduleRuns(ctx.db, "nightly-generation")[0]!.detail).toContain(`#${webappId} 2026-03-02`);
    } finally {
      ctx.cleanup();
    }
  });
});
