import type { Db } from "../db/client";
import { DEFAULT_LEASE_MS } from "../jobs/store";
import type { PlatformId } from "../platforms/ids";
import { PLATFORM_RULES } from "../platforms/rules";
import { type Connection, type PlatformAdapter, PlatformError } from "../platforms/types";
import type { ConnectionRow } from "./connections";
import { createsSince, inFlightOn } from "./store";

const DAY = 24 * 60 * 60_000;

/**
 * How long a post in flight holds a cap slot without a journal write: the job lease. A process that died
 * mid-upload gives its slot back once its lease would have lapsed (long uploads touch the row as they go).
 */
export const SLOT_LEASE_MS = DEFAULT_LEASE_MS;

/** Why an item must wait, and until when. */
export interface Wait {
  until: Date;
  reason: string;
}

/** An account's limits for one attempt: our table narrowed by what the platform reports at run time. */
export interface Caps {
  label: string;
  perMinute?: number;
  daily: number;
  /** Posts the platform says the account made in its window (0 when it does not say). */
  liveUsed: number;
}

/** The caps check found no free slot when the first journal phase was about to commit: the item waits. */
export class CapReached extends PlatformError {
  constructor(readonly wait: Wait) {
    // A rate limit for any code that does not know this class: it delays, never fails.
    super("rate_limited", wait.reason, wait.until);
  }
}

/** Reads the account's caps, asking the platform where its API tells (async: never inside a transaction). */
export async function readCaps(row: ConnectionRow, conn: Connection, adapter: PlatformAdapter): Promise<Caps> {
  const rules = PLATFORM_RULES[row.platform as PlatformId];
  const live = adapter.quota ? await adapter.quota(conn).catch(() => undefined) : undefined;
  return {
    label: rules.label,
    perMinute: rules.perMinute,
    daily: live ? Math.min(rules.dailyCap, live.limit) : rules.dailyCap,
    liveUsed: live?.used ?? 0,
  };
}

/** A block from an earlier 429 or cap answer on the connection, if it still runs. */
export function blockWait(row: ConnectionRow, now: Date): Wait | undefined {
  if (row.blockedUntil && row.blockedUntil > now)
    return { until: row.blockedUntil, reason: `${PLATFORM_RULES[row.platform as PlatformId].label} asked us to slow down` };
  return undefined;
}

/**
 * Whether item `itemId` must wait for a slot: the per-minute limit and the daily cap over a moving 24 h
 * window, counting the creates sent and the account's other posts in flight (in this process or another).
 * Synchronous, so that the engine runs it and the first journal write in one write transaction.
 */
export function capWait(db: Db, connectionId: number, caps: Caps, itemId: number, now: Date): Wait | undefined {
  const busy = inFlightOn(db, connectionId, itemId, new Date(now.getTime() - SLOT_LEASE_MS));
  const inFlight = busy > 0 ? `, counting ${busy} post${busy === 1 ? "" : "s"} being published right now` : "";
  if (caps.perMinute) {
    const minute = createsSince(db, connectionId, new Date(now.getTime() - 60_000));
    if (minute.n + busy >= caps.perMinute) {
      // Only posts in flight fill the minute: theirs will be sent within it.
      const until = new Date((minute.oldest ?? now).getTime() + 60_000);
      return { until, reason: `${caps.label} allows ${caps.perMinute} posts a minute${inFlight}` };
    }
  }
  const day = createsSince(db, connectionId, new Date(now.getTime() - DAY));
  const used = Math.max(day.n, caps.liveUsed);
  if (used + busy < caps.daily) return undefined;
  const reason = `the daily cap of ${caps.daily} posts on ${caps.label} is reached${inFlight}`;
  // The window moves: the next slot frees when the oldest post in it turns 24 h old. A slot held by a post
  // in flight that then fails is not lost: that post's retry takes it.
  const until = day.oldest ? new Date(day.oldest.getTime() + DAY) : new Date(now.getTime() + 60 * 60_000);
  return { until: until > now ? until : new Date(now.getTime() + 60 * 60_000), reason };
}

/** Exponential backoff with jitter: base * 2^(attempt-1), capped, times 0.5-1.5. */
export function backoff(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.5 + random()));
}
