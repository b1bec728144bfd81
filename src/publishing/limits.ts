import type { AppContext } from "../app/context";
import { PLATFORM_RULES } from "../platforms/rules";
import type { Connection, PlatformAdapter } from "../platforms/types";
import type { ConnectionRow } from "./connections";
import { createsSince } from "./journal";
import type { PlatformId } from "../db/schema/webapps";

const DAY = 24 * 60 * 60_000;

/** Why an item must wait, and until when. */
export interface Wait {
  until: Date;
  reason: string;
}

// Posts this process is publishing right now per connection: they count against the caps before their
// create_sent is written, so parallel lanes cannot all pass the check at once.
// Keyed by database handle: two app contexts in one process (tests) never share counts.
const inFlightByDb = new WeakMap<object, Map<number, number>>();
const slots = (ctx: Pick<AppContext, "db">) => {
  let m = inFlightByDb.get(ctx.db);
  if (!m) inFlightByDb.set(ctx.db, (m = new Map()));
  return m;
};

/** Gives back the slot mustWait reserved (call once the attempt ended, however it ended). */
export function releaseSlot(ctx: Pick<AppContext, "db">, connectionId: number): void {
  const inFlight = slots(ctx);
  const n = (inFlight.get(connectionId) ?? 1) - 1;
  if (n <= 0) inFlight.delete(connectionId);
  else inFlight.set(connectionId, n);
}

/**
 * Whether this account may post now (undefined = yes, and a slot is reserved: call releaseSlot after): a block from an earlier 429, the per-minute limit, and the daily
 * cap (the smaller of our table and what the platform reports at run time) over a moving 24 h window.
 */
export async function mustWait(ctx: AppContext, row: ConnectionRow, conn: Connection, adapter: PlatformAdapter, now: Date): Promise<Wait | undefined> {
  const rules = PLATFORM_RULES[row.platform as PlatformId];
  const live = adapter.quota ? await adapter.quota(conn).catch(() => undefined) : undefined;
  // No await from here on: the check and the reservation happen in one turn of the event loop.
  const inFlight = slots(ctx);
  const busy = inFlight.get(row.id) ?? 0;
  if (row.blockedUntil && row.blockedUntil > now) return { until: row.blockedUntil, reason: `${rules.label} asked us to slow down` };
  if (rules.perMinute) {
    const minute = createsSince(ctx.db, row.id, new Date(now.getTime() - 60_000));
    if (minute.n + busy >= rules.perMinute) return { until: new Date(minute.oldest!.getTime() + 60_000), reason: `${rules.label} allows ${rules.perMinute} posts a minute` };
  }
  const day = createsSince(ctx.db, row.id, new Date(now.getTime() - DAY));
  let used = day.n;
  let limit = rules.dailyCap;
  if (live) {
    used = Math.max(used, live.used);
    limit = Math.min(limit, live.limit);
  }
  if (used + busy < limit) {
    inFlight.set(row.id, busy + 1);
    return undefined;
  }
  // The window moves: the next slot frees when the oldest post in it turns 24 h old.
  const until = day.oldest ? new Date(day.oldest.getTime() + DAY) : new Date(now.getTime() + 60 * 60_000);
  return { until: until > now ? until : new Date(now.getTime() + 60 * 60_000), reason: `the daily cap of ${limit} posts on ${rules.label} is reached` };
}

/** Exponential backoff with jitter: base * 2^(attempt-1), capped, times 0.5-1.5. */
export function backoff(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.5 + random()));
}
