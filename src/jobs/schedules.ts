import { Cron } from "croner";
import type { AppContext } from "../app/context";
import { lastScheduleRuns, recordScheduleFinish, recordScheduleStart, type ScheduleRunRow } from "./schedule-store";

/** One declared schedule: a name, a cron pattern (UTC) and what it does; the handler returns a line for the log and UI. */
export interface Schedule {
  name: string;
  cron: string;
  description: string;
  /** Run once at start-up too (catch-up for time the process was down). */
  runAtStart?: boolean;
  handler(ctx: AppContext): Promise<string> | string;
}

/** A schedule as the admin page shows it. */
export interface ScheduleStatus {
  name: string;
  cron: string;
  description: string;
  lastRun: ScheduleRunRow | undefined;
  nextRun: Date | null;
}

/** Scheduler settings: `claimTick` makes each tick run once across schedulers sharing a database (the job-queue port's claimTick). */
export interface SchedulerOptions {
  claimTick?: (name: string, tickAt: Date) => Promise<boolean>;
}

/**
 * The tick a timer fired for: `now` cut to the pattern's resolution (the second for six-field patterns, else the minute),
 * so every scheduler names one tick alike however late its timer ran within it.
 */
export function tickOf(cron: string, now: Date): Date {
  const unit = cron.trim().split(/\s+/).length >= 6 ? 1000 : 60_000;
  return new Date(Math.floor(now.getTime() / unit) * unit);
}

/** Runs the declared schedules (the list is the composition root's) with croner and records every run in schedule_runs. */
export class Scheduler {
  private readonly crons = new Map<string, Cron>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly ctx: AppContext,
    private readonly schedules: Schedule[],
    private readonly opts: SchedulerOptions = {},
  ) {}

  /** Starts every schedule; those marked runAtStart run once now. */
  start(): void {
    for (const s of this.schedules) {
      this.crons.set(s.name, new Cron(s.cron, { timezone: "UTC", protect: true, unref: true }, () => this.track(this.fire(s))));
      if (s.runAtStart) this.track(this.fire(s));
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

  // A timer's run: with claimTick (several schedulers on one database) only the instance that claims the tick runs it.
  private async fire(s: Schedule): Promise<unknown> {
    if (this.opts.claimTick) {
      let mine: boolean;
      try {
        mine = await this.opts.claimTick(s.name, tickOf(s.cron, this.ctx.clock.now()));
      } catch (e) {
        this.ctx.log.error(`schedules: ${s.name} skipped this tick: cannot reach the queue (${e instanceof Error ? e.message : e})`);
        return;
      }
      if (!mine) return;
    }
    return this.runNow(s.name);
  }

  private track(p: Promise<unknown>) {
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }
}
