/**
 * What the guided start costs the dashboard: the median time of one `startFacts` read (the statement the dashboard
 * runs on every view until the guide is done) next to the dashboard's own counts, for a user with 50 web apps and
 * no run yet (the appliance bench's seeded user), in process on a real SQLite file.
 */
import { dashboardCounts } from "../src/dashboard/store";
import { startFacts } from "../src/dashboard/start-store";
import { insertWebapp } from "../src/webapps/store";
import { createUser } from "../src/users/store";
import { makeTestContext } from "../tests/support/context";
import type { Bench, Figure } from "./support";

function medianMicros(fn: () => void, rounds = 15, calls = 2000): number {
  const per: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) fn();
    per.push(((performance.now() - t0) * 1000) / calls);
  }
  return per.sort((a, b) => a - b)[Math.floor(per.length / 2)]!;
}

async function measure(): Promise<Figure[]> {
  const ctx = makeTestContext();
  try {
    const now = ctx.clock.now();
    const user = createUser(ctx.db, { email: "bench@example.com", name: "Bench", passwordHash: "x", role: "admin", timezone: "UTC" }, now);
    for (let i = 0; i < 50; i++)
      insertWebapp(ctx.db, user.id, { url: `https://app${i}.example/`, name: `App ${i}`, platforms: ["x"] }, now);
    // A warm-up of both first: the first statement timed otherwise pays for the JIT and the page cache.
    medianMicros(() => startFacts(ctx.db, user.id), 3);
    medianMicros(() => dashboardCounts(ctx.db, user.id, now), 3);
    const facts = medianMicros(() => startFacts(ctx.db, user.id));
    const counts = medianMicros(() => dashboardCounts(ctx.db, user.id, now));
    return [
      { name: "startFacts, one read (50 web apps, no run), median of 15 x 2000", value: Number(facts.toFixed(1)), unit: "µs" },
      { name: "dashboardCounts, one read (same user), for comparison", value: Number(counts.toFixed(1)), unit: "µs" },
    ];
  } finally {
    ctx.cleanup();
  }
}

/** The guided start's read cost beside the dashboard's counts. */
export const bench: Bench = { name: "start", summary: "the guided start's per-view read beside the dashboard counts", run: measure };
