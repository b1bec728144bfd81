import type { Db } from "../../db/client";
import type { Clock } from "../../lib/clock";
import { dueUnrelayedJobs, markJobsRelayed } from "../relay-store";
import type { JobQueue } from "./port";

const BATCH = 200;

/**
 * Hands the app's due jobs from the jobs table (the outbox: each was inserted in its caller's transaction, atomic with
 * the data) to the shared queue, then marks them relayed. A relay that dies between the two repeats the enqueue next
 * time, which adds nothing (the queue's id comes from the job's key). Only due jobs go: one not yet due stays movable
 * on its row (a rescheduled post moves its job there). One pass takes up to `batch` jobs of each group of kinds in
 * order, so a backlog of renders never holds a due post back by more than one batch; returns how many it handed and
 * whether a group had more waiting.
 */
export async function relayDueJobs(
  db: Db,
  queue: JobQueue,
  groups: string[][],
  now: Date,
  batch = BATCH,
): Promise<{ relayed: number; more: boolean }> {
  let relayed = 0;
  let more = false;
  for (const kinds of groups) {
    const rows = dueUnrelayedJobs(db, kinds, now, batch);
    for (const r of rows) {
      await queue.enqueue({ kind: r.kind, key: r.key, payload: r.payload, runAt: r.runAt, maxAttempts: r.maxAttempts });
    }
    markJobsRelayed(
      db,
      rows.map((r) => r.id),
      now,
    );
    relayed += rows.length;
    if (rows.length === batch) more = true;
  }
  return { relayed, more };
}

/**
 * The outbox relay's loop: every `pollMs` it relays the due jobs of its groups of kinds (at once again while more wait);
 * it backs off while the queue's database is away.
 */
export class JobRelay {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private failures = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly queue: JobQueue,
    private readonly groups: string[][],
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
      let more = false;
      this.running = relayDueJobs(this.db, this.queue, this.groups, this.clock.now())
        .then((r) => {
          this.failures = 0;
          more = r.more;
        })
        .catch((e) => {
          this.failures++;
          if (this.failures === 1)
            this.opts.log?.(`jobs: cannot relay jobs to the queue (${e instanceof Error ? e.message : e}); retrying`);
        })
        .finally(() => {
          this.running = undefined;
          const base = this.opts.pollMs ?? 1000;
          this.schedule(this.failures > 0 ? Math.min(10_000, base * 2 ** this.failures) : more ? 0 : base);
        });
    }, ms);
  }
}
