// A scheduler process for the three-scheduler test: the app's Scheduler with one schedule every second (croner's
// six-field pattern), each tick claimed through pg-boss as the scheduler role claims its ticks; a run records one row
// per account (user) with the tick it claimed. Usage: bun scheduler-child.ts DATA_DIR MEDIA_DIR POSTGRES_URL
import { parseConfig } from "../../src/config/load";
import { pgBossJobQueue } from "../../src/jobs/queue/pg-boss";
import { Scheduler } from "../../src/jobs/schedules";
import { buildContext } from "../../src/server/boot";

const [dataDir, mediaDir, url] = process.argv.slice(2) as [string, string, string];
const ctx = buildContext(parseConfig("", undefined, { AMARKTAI_DATA_DIR: dataDir, AMARKTAI_MEDIA_DIR: mediaDir }));
const queue = await pgBossJobQueue({ url, heartbeatSeconds: 10, poolSize: 2 });
let claimed: Date | undefined;
const insert = ctx.db.$client.prepare("INSERT INTO account_runs (account, tick_at, pid) VALUES (?, ?, ?)");
const scheduler = new Scheduler(
  ctx,
  [
    {
      name: "per-account",
      cron: "* * * * * *",
      description: "Records one run per account each second.",
      handler: (c) => {
        const tick = claimed!.getTime();
        const accounts = c.db.$client.query("SELECT id FROM users ORDER BY id").all() as { id: number }[];
        c.db.$client.transaction(() => {
          for (const a of accounts) insert.run(a.id, tick, process.pid);
        })();
        return `${accounts.length} accounts`;
      },
    },
  ],
  {
    // croner's `protect` keeps one run of the schedule at a time per process, so the tick claimed last is this run's.
    claimTick: async (name, tickAt) => {
      const mine = await queue.claimTick(name, tickAt);
      if (mine) claimed = tickAt;
      return mine;
    },
  },
);
scheduler.start();
console.log("READY");
