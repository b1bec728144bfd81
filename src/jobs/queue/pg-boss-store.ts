import type { QueueDepth, QueueTransaction } from "./port";

// The queue's own rows on PostgreSQL beside pg-boss's schema: schedule ticks. (The store port will bring drizzle
// pg-core migrations; until then the adapter creates this one table itself, idempotently, at start.)
const SCHEMA = "amarktai_queue";

/** Creates the schedule-ticks table unless it exists. */
export async function createQueueTables(db: QueueTransaction): Promise<void> {
  await db.executeSql(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
  await db.executeSql(
    `CREATE TABLE IF NOT EXISTS ${SCHEMA}.schedule_ticks (
      name text NOT NULL, tick_at timestamptz NOT NULL, owner text NOT NULL, claimed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (name, tick_at))`,
  );
}

/** Records that `owner` runs schedule `name`'s tick at `tickAt`; true for the one caller that recorded it first. */
export async function claimTickRow(db: QueueTransaction, name: string, tickAt: Date, owner: string): Promise<boolean> {
  const r = await db.executeSql(
    `INSERT INTO ${SCHEMA}.schedule_ticks (name, tick_at, owner) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING name`,
    [name, tickAt.toISOString(), owner],
  );
  return r.rows.length === 1;
}

/** Throws when the database does not answer. */
export async function pingPostgres(db: QueueTransaction): Promise<void> {
  await db.executeSql("SELECT 1");
}

/** Per queue (kind): waiting (created or retry), active and failed jobs and the oldest waiting one, read from pg-boss's job table. */
export async function pgBossDepths(db: QueueTransaction, bossSchema: string, kinds: string[]): Promise<QueueDepth[]> {
  if (kinds.length === 0) return [];
  const r = await db.executeSql(
    `SELECT name,
       count(*) FILTER (WHERE state IN ('created', 'retry'))::int AS queued,
       count(*) FILTER (WHERE state = 'active')::int AS running,
       count(*) FILTER (WHERE state IN ('failed', 'cancelled'))::int AS failed,
       min(created_on) FILTER (WHERE state IN ('created', 'retry')) AS oldest
     FROM ${bossSchema}.job WHERE name = ANY($1::text[]) GROUP BY name`,
    [kinds],
  );
  const rows = r.rows as { name: string; queued: number; running: number; failed: number; oldest: Date | string | null }[];
  const byKind = new Map(rows.map((x) => [x.name, x]));
  return kinds.map((kind) => {
    const x = byKind.get(kind);
    return {
      kind,
      queued: x?.queued ?? 0,
      running: x?.running ?? 0,
      failed: x?.failed ?? 0,
      oldestQueued: x?.oldest ? new Date(x.oldest) : null,
    };
  });
}
