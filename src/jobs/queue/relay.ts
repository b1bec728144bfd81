import type { Db } from "../../db/client";
import type { Clock } from "../../lib/clock";
import { dueUnrelayedJobs, markJobsRelayed } from "../relay-store";
import type { JobQueue } from "./port";

const BATCH = 200;

/**
 * Hands the app's due jobs from the jobs table (the outbox: each was inserted in its caller's transaction, atomic with
 * the data) to the shared queue, then marks them relayed; returns how many it handed. A relay that dies between the
 * two repeats the enqueue next time, which adds nothing (the queue's id comes from the job's key). Only due jobs go:
 * one not yet due stays movable on its row (a rescheduled post moves its job there).
 */
export async function relayDueJobs(db: Db, queue: JobQueue, kinds: string[], now: Date): Promise<number> {
  let n = 0;
  for (;;) {
    const rows = dueUnrelayedJobs(db, kinds, now, BATCH);
    for (const r of rows) {
      await queue.enqueue({ kind: r.kind, key: r.key, payload: r.payload, runAt: r.runAt, maxAttempts: r.maxAttempts });
    }
    markJobsRelayed(
      db,
      rows.map((r) => r.id),
      now,
    );
    n += rows.length;
    if (rows.length < BATCH) return n;
  }
}

/** The outbox relay's loop: every `pollMs` it relays the due jobs of `kinds`; it backs off while the queue's database is away. */
export class JobRelay {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private failures = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly queue: JobQueue,
    private readonly kinds: string[],
    private readonly opts: { pollMs?: number; log?: (msg: string) => void } = {},
  ) {}

  /** Starts relaying. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops relaying and waits for a pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = relayDueJobs(this.db, this.queue, this.kinds, this.clock.now())
        .then(() => {
          this.failures = 0;
        })
        .catch((e) => {
          this.failures++;
          if (this.failures === 1)
            this.opts.log?.(`jobs: cannot relay jobs to the queue (${e instanceof Error ? e.message : e}); retrying`);
        })
        .finally(() => {
          this.running = undefined;
          const base = this.opts.pollMs ?? 1000;
          this.schedule(this.failures > 0 ? Math.min(10_000, base * 2 ** this.failures) : base);
        });
    }, ms);
  }
}
