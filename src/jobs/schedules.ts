import { Cron } from "croner";
import type { AppContext } from "../app/context";
import { queueDueNightlyRuns } from "../pipeline/nightly";
import { checkpointAndOptimize } from "./maintenance";
import { lastScheduleRuns, recordScheduleFinish, recordScheduleStart, type ScheduleRunRow } from "./schedule-store";
import { autoApproveAfterHours, expireUnapproved } from "../approvals/expiry";
import { sendDueDigests } from "../notify/digest";
import { refreshDueTokens, schedulePublishing } from "../publishing/handlers";

/** One declared schedule: a name, a cron pattern (UTC) and what it does; the handler returns a line for the log and UI. */
export interface Schedule {
  name: string;
  cron: string;
  description: string;
  /** Run once at start-up too (catch-up for time the process was down). */
  runAtStart?: boolean;
  handler(ctx: AppContext): Promise<string> | string;
}

/** Every schedule of the appliance, in one list. */
export const SCHEDULES: Schedule[] = [
  {
    name: "nightly-generation",
    cron: "*/5 * * * *",
    description: "Queues each web app's daily batch once its owner's local time passes pipeline.nightly_time (default 02:00).",
    runAtStart: true,
    handler: (ctx) => queueDueNightlyRuns(ctx).detail,
  },
  {
    name: "database-maintenance",
    cron: "40 3 * * *",
    description: "Checkpoints the SQLite write-ahead log and runs PRAGMA optimize.",
    handler: checkpointAndOptimize,
  },
  {
    name: "publish-scheduling",
    cron: "* * * * *",
    description: "Gives every approved item a publish job at its planned time (exactly once per item).",
    runAtStart: true,
    handler: (ctx) => `${schedulePublishing(ctx, ctx.clock.now())} scheduled`,
  },
  {
    name: "token-refresh",
    cron: "*/10 * * * *",
    description: "Refreshes platform access tokens ahead of expiry; a revoked grant marks the connection for reconnecting.",
    runAtStart: true,
    handler: async (ctx) => {
      const r = await refreshDueTokens(ctx, ctx.clock.now());
      return `${r.refreshed} refreshed, ${r.revoked} revoked, ${r.failed} failed`;
    },
  },
  {
    name: "digests",
    cron: "* * * * *",
    description: "Sends each user's approval digest (email, Telegram, in-app) at their digest time for the batches ready by then.",
    handler: async (ctx) => {
      await sendDueDigests(ctx, ctx.clock.now());
      return "done";
    },
  },
  {
    name: "expire-unapproved",
    cron: "*/15 * * * *",
    description: "Expires items nobody approved by the end of their day (unless the user opted in to auto-approval).",
    handler: async (ctx) => {
      await expireUnapproved(ctx, ctx.clock.now());
      return "done";
    },
  },
  {
    name: "auto-approve",
    cron: "*/5 * * * *",
    description: "Approves waiting items after N hours for users who opted in to full autonomy.",
    handler: async (ctx) => {
      await autoApproveAfterHours(ctx, ctx.clock.now());
      return "done";
    },
  },
];

/** A schedule as the admin page shows it. */
export interface ScheduleStatus {
  name: string;
  cron: string;
  description: string;
  lastRun: ScheduleRunRow | undefined;
  nextRun: Date | null;
}

/** Runs the declared schedules with croner and records every run in schedule_runs. */
export class Scheduler {
  private readonly crons = new Map<string, Cron>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly ctx: AppContext,
    private readonly schedules: Schedule[] = SCHEDULES,
  ) {}

  /** Starts every schedule; those marked runAtStart run once now. */
  start(): void {
    for (const s of this.schedules) {
      this.crons.set(s.name, new Cron(s.cron, { timezone: "UTC", protect: true, unref: true }, () => this.track(this.runNow(s.name))));
      if (s.runAtStart) this.track(this.runNow(s.name));
    }
  }

  /** Stops the timers and waits for runs in progress. */
  async stop(): Promise<void> {
    for (const c of this.crons.values()) c.stop();
    this.crons.clear();
    await Promise.allSettled([...this.running]);
  }

  /** Runs one schedule now (the "run now" button) and records the outcome; undefined for an unknown name. */
  async runNow(name: string): Promise<ScheduleRunRow["outcome"] | undefined> {
    const s = this.schedules.find((x) => x.name === name);
    if (!s) return undefined;
    const id = recordScheduleStart(this.ctx.db, s.name, this.ctx.clock.now());
    try {
      const detail = await s.handler(this.ctx);
      recordScheduleFinish(this.ctx.db, id, "ok", detail, this.ctx.clock.now());
      return "ok";
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      recordScheduleFinish(this.ctx.db, id, "error", msg, this.ctx.clock.now());
      this.ctx.log.error(`schedules: ${s.name} failed: ${msg}`);
      return "error";
    }
  }

  /** Last run, next run and description of every schedule. */
  status(): ScheduleStatus[] {
    const last = lastScheduleRuns(this.ctx.db);
    return this.schedules.map((s) => ({
      name: s.name,
      cron: s.cron,
      description: s.description,
      lastRun: last.get(s.name),
      nextRun: (this.crons.get(s.name) ?? new Cron(s.cron, { timezone: "UTC", paused: true })).nextRun(this.ctx.clock.now()),
    }));
  }

  private track(p: Promise<unknown>) {
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }
}
