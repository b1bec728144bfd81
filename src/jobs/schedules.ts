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

/** Runs the declared schedules (the list is the composition root's) with croner and records every run in schedule_runs. */
export class Scheduler {
  private readonly crons = new Map<string, Cron>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly ctx: AppContext,
    private readonly schedules: Schedule[],
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
