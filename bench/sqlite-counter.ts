import { Database, type Statement } from "bun:sqlite";

/** What the counter saw since it was installed (or last reset). */
export interface SqliteCounts {
  /** Statements SQLite compiled (Database.prepare / a first Database.query of a text). */
  compiled: number;
  /** Statements executed. */
  executed: number;
  /** Commits that wrote something: each costs an fsync of the WAL under synchronous=FULL. */
  writeCommits: number;
}

/**
 * Counts, for a bench, the statements bun:sqlite compiles and runs and the commits that wrote (autocommitted
 * writes and outermost transactions with a write), by wrapping Database.prepare/query/transaction in this
 * process. Measurement only: the wrappers cost CPU, so a bench reports CPU from a run without them.
 */
export function installSqliteCounter(): { counts: SqliteCounts; reset(): void } {
  const counts: SqliteCounts = { compiled: 0, executed: 0, writeCommits: 0 };
  const proto = Database.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const wroteInTx = new WeakMap<Database, boolean>();
  const seenQueries = new WeakMap<Database, Set<string>>();
  const wrapStatement = (db: Database, st: Statement) => {
    const s = st as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const m of ["run", "get", "all", "values", "iterate"]) {
      const orig = s[m]!;
      s[m] = function (this: unknown, ...a: unknown[]) {
        counts.executed++;
        const before = db.inTransaction;
        const out = orig.apply(st, a);
        const writes = !(st as unknown as { readonly: boolean }).readonly;
        if (writes && before) wroteInTx.set(db, true);
        else if (writes && !db.inTransaction) counts.writeCommits++;
        return out;
      };
    }
    return st;
  };
  const prepare = proto.prepare!;
  proto.prepare = function (this: Database, ...a: unknown[]) {
    counts.compiled++;
    return wrapStatement(this, prepare.apply(this, a) as Statement);
  };
  const query = proto.query!;
  proto.query = function (this: Database, ...a: unknown[]) {
    let seen = seenQueries.get(this);
    if (!seen) seenQueries.set(this, (seen = new Set()));
    const text = String(a[0]);
    const st = query.apply(this, a) as Statement;
    if (seen.has(text)) return st;
    seen.add(text);
    counts.compiled++;
    return wrapStatement(this, st);
  };
  const transaction = proto.transaction!;
  proto.transaction = function (this: Database, fn: unknown) {
    const db = this;
    const tx = transaction.call(db, fn) as Record<string, (...a: unknown[]) => unknown> & ((...a: unknown[]) => unknown);
    const wrap = (run: (...a: unknown[]) => unknown) =>
      function (this: unknown, ...a: unknown[]) {
        const outer = !db.inTransaction;
        if (outer) wroteInTx.set(db, false);
        const out = run.apply(this, a);
        if (outer && wroteInTx.get(db)) counts.writeCommits++;
        return out;
      };
    const wrapped = wrap(tx) as typeof tx;
    for (const k of ["deferred", "immediate", "exclusive"]) wrapped[k] = wrap(tx[k]!);
    return wrapped;
  };
  return {
    counts,
    reset() {
      counts.compiled = counts.executed = counts.writeCommits = 0;
    },
  };
}
