import type { AppContext } from "../app/context";
import { quotaCheck } from "../operator/quota";
import { requestRun } from "./start";
import { hasRunForDate, listActiveTargets } from "./store";
import { localParts } from "../lib/zoned-time";

/**
 * The nightly generation check, run every few minutes: for each active web app whose owner's local
 * time has passed the configured time today and that has no run for that local date, queue one.
 * Comparing local wall time (not firing at an exact minute) survives DST jumps, restarts and
 * downtime: a missed night is caught up on the next check.
 */
export function queueDueNightlyRuns(ctx: AppContext): { queued: number; detail: string } {
  const now = ctx.clock.now();
  const [hh, mm] = ctx.config.pipeline.nightly_time.split(":").map(Number) as [number, number];
  const queued: string[] = [];
  for (const app of listActiveTargets(ctx.db)) {
    const local = localParts(now, app.timezone);
    if (local.hour * 60 + local.minute < hh * 60 + mm) continue;
    if (hasRunForDate(ctx.db, app.id, local.date)) continue;
    // Runs every few minutes: a full quota skips quietly (the bars on /usage/plan say which), no log line each time.
    if (!quotaCheck(ctx, app.userId, "posts_month").allowed || !quotaCheck(ctx, app.userId, "storage_mb", 0).allowed) continue;
    const r = requestRun(ctx, { webappId: app.id, localDate: local.date, trigger: "schedule" });
    if (r?.created) queued.push(`#${app.id} ${local.date} (${app.timezone})`);
  }
  return { queued: queued.length, detail: queued.length ? `Queued runs for ${queued.join(", ")}.` : "No web app due." };
}
