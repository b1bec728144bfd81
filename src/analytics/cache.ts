// Rendered analytics results kept until the database changes: a page of 5,000 posts costs milliseconds of SQL and markup,
// and the same person reloading, sorting back or several people watching the same figures should not pay that again.
import type { Db } from "../db/client";
import { oncePerDb } from "../db/prepared";

const stampStatements = oncePerDb((db) => ({
  // data_version moves when another connection (the CLI, a second process) commits; total_changes when this one writes.
  other: db.$client.prepare<{ data_version: number }, []>("PRAGMA data_version"),
  own: db.$client.prepare<{ v: number }, []>("SELECT total_changes() AS v"),
}));

/** A mark that changes whenever anything in the database changes (any table, any connection). */
export function databaseStamp(db: Db): string {
  const s = stampStatements(db);
  return `${s.other.get()!.data_version}:${s.own.get()!.v}`;
}

/** Results by key (user, filters, sort), each valid while the database stamp it was made under holds; the oldest go past `max`. */
export class ResultCache<T> {
  private readonly entries = new Map<string, { stamp: string; value: T }>();

  constructor(private readonly max = 64) {}

  /** The kept value for `key` when nothing changed since it was made, else `make()` (kept for next time). */
  get(db: Db, key: string, make: () => T): T {
    const stamp = databaseStamp(db);
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp) return hit.value;
    const value = make();
    this.entries.delete(key);
    this.entries.set(key, { stamp, value });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}

/**
 * Values by key kept for `ttlMs` whatever the database does: for figures that move slowly and cost much (the learner's
 * "What works", which changes with new metrics readings, hourly at most), so a click or a sync does not recompute them.
 */
export class TtlCache<T> {
  private readonly entries = new Map<string, { at: number; value: T }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 64,
  ) {}

  /** The kept value for `key` while younger than the time to live at `now`, else `make()` (kept for next time). */
  get(key: string, now: Date, make: () => T): T {
    const hit = this.entries.get(key);
    if (hit && now.getTime() - hit.at < this.ttlMs && now.getTime() >= hit.at) return hit.value;
    const value = make();
    this.entries.delete(key);
    this.entries.set(key, { at: now.getTime(), value });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
