import type { Pool } from "pg";

// The worker registry's table on PostgreSQL, beside the queue's schedule ticks (pg-boss-store.ts). Until the store
// port brings drizzle pg-core migrations, the registry creates it itself, idempotently, at start.
const TABLE = "amarktai_queue.workers";

/** One process's row: who it is, when it started and last said it was alive, and the jobs it runs now. */
export interface WorkerRow {
  id: string;
  role: string;
  host: string;
  pid: number;
  startedAt: Date;
  heartbeatAt: Date;
  running: string[];
  /** Milliseconds since the last heartbeat, by the database's clock (so clocks of different hosts do not matter). */
  silentMs: number;
}

/** Creates the registry's table unless it exists. */
export async function createWorkersTable(db: Pool): Promise<void> {
  await db.query("CREATE SCHEMA IF NOT EXISTS amarktai_queue");
  await db.query(
    `CREATE TABLE IF NOT EXISTS ${TABLE} (
      id text PRIMARY KEY, role text NOT NULL, host text NOT NULL, pid integer NOT NULL,
      started_at timestamptz NOT NULL, heartbeat_at timestamptz NOT NULL DEFAULT now(), running jsonb NOT NULL DEFAULT '[]')`,
  );
}

/** Records that a process is alive now, with what it runs (a first beat adds its row). */
export async function beatWorker(db: Pool, w: Omit<WorkerRow, "heartbeatAt" | "silentMs">): Promise<void> {
  await db.query(
    `INSERT INTO ${TABLE} (id, role, host, pid, started_at, heartbeat_at, running) VALUES ($1, $2, $3, $4, $5, now(), $6::jsonb)
     ON CONFLICT (id) DO UPDATE SET heartbeat_at = now(), running = EXCLUDED.running`,
    [w.id, w.role, w.host, w.pid, w.startedAt.toISOString(), JSON.stringify(w.running)],
  );
}

/** Every recorded process, by role then start. */
export async function listWorkers(db: Pool): Promise<WorkerRow[]> {
  const r = await db.query<{
    id: string;
    role: string;
    host: string;
    pid: number;
    started_at: Date;
    heartbeat_at: Date;
    running: string[];
    silent_ms: number;
  }>(
    `SELECT id, role, host, pid, started_at, heartbeat_at, running,
       (extract(epoch FROM now() - heartbeat_at) * 1000)::float8 AS silent_ms
     FROM ${TABLE} ORDER BY role, started_at`,
  );
  return r.rows.map((x) => ({
    id: x.id,
    role: x.role,
    host: x.host,
    pid: x.pid,
    startedAt: new Date(x.started_at),
    heartbeatAt: new Date(x.heartbeat_at),
    running: x.running,
    silentMs: Number(x.silent_ms),
  }));
}

/** Removes one process's row (it stopped cleanly). */
export async function deleteWorker(db: Pool, id: string): Promise<void> {
  await db.query(`DELETE FROM ${TABLE} WHERE id = $1`, [id]);
}

/** Removes rows silent for longer than `olderThanMs` (processes gone long ago); returns how many. */
export async function pruneWorkers(db: Pool, olderThanMs: number): Promise<number> {
  const r = await db.query(`DELETE FROM ${TABLE} WHERE heartbeat_at < now() - $1 * interval '1 millisecond'`, [olderThanMs]);
  return r.rowCount ?? 0;
}
