import { hostname } from "node:os";
import type { Pool } from "pg";
import { beatWorker, createWorkersTable, deleteWorker, listWorkers, pruneWorkers } from "./workers-store";

/** A process as the admin workers page shows it: who it is, when it last said it was alive, and what it runs. */
export interface WorkerStatus {
  id: string;
  role: string;
  host: string;
  pid: number;
  startedAt: Date;
  heartbeatAt: Date;
  /** How long since its last heartbeat (by the database's clock in distributed mode). */
  silentMs: number;
  /** The jobs it runs now, as "kind key". */
  running: string[];
  /** Silent for more than GONE_AFTER_BEATS heartbeats: it stopped or cannot reach the database. */
  gone: boolean;
}

/** Where the page reads the processes: this one process from memory (single box) or the registry table (distributed). */
export interface WorkerRegistry {
  readonly source: "memory" | "postgres";
  /** How often each process says it is alive. */
  readonly beatMs: number;
  list(): Promise<WorkerStatus[]>;
  /** Stops beating and removes this process's row (a clean stop is not "gone"). */
  stop(): Promise<void>;
}

/** A row silent for more than this many heartbeats shows as gone. */
export const GONE_AFTER_BEATS = 3;

// Rows of processes gone for a day are removed, so a long-lived cluster's page lists what runs, not its history.
const PRUNE_AFTER_MS = 24 * 3600_000;
const started = new Date();

/** This process's identity in the registry: role, host, pid and start (the id is unique per process and start). */
export function thisProcess(role: string): Pick<WorkerStatus, "id" | "role" | "host" | "pid" | "startedAt"> {
  return { id: `${hostname()} ${process.pid} ${started.getTime()}`, role, host: hostname(), pid: process.pid, startedAt: started };
}

/** The single box's registry: the one process, always alive while it answers, running what `running` says. */
export function memoryRegistry(role: string, running: () => string[], now: () => Date = () => new Date(), beatMs = 1000): WorkerRegistry {
  return {
    source: "memory",
    beatMs,
    async list() {
      return [{ ...thisProcess(role), heartbeatAt: now(), silentMs: 0, running: running(), gone: false }];
    },
    async stop() {},
  };
}

/** How a distributed process records itself: the database, its role, the heartbeat period and what it runs now. */
export interface PostgresRegistryOptions {
  url: string;
  role: string;
  beatMs: number;
  running: () => string[];
  log?: (msg: string) => void;
}

/**
 * Records this process in amarktai_queue.workers and refreshes its row every `beatMs` (pg is loaded only here, in
 * distributed mode). A beat the database does not take is logged once and tried again at the next period.
 */
export async function startPostgresRegistry(opts: PostgresRegistryOptions): Promise<WorkerRegistry> {
  const { Pool: PgPool } = await import("pg");
  const pool: Pool = new PgPool({
    connectionString: opts.url,
    max: 2,
    connectionTimeoutMillis: 5000,
    application_name: "amarktai-registry",
  });
  // An idle connection cut by a database restart emits "error" on the pool; unheard, it would end the process.
  pool.on("error", () => undefined);
  const me = thisProcess(opts.role);
  await createWorkersTable(pool);
  let failing = false;
  const beat = async () => {
    try {
      await beatWorker(pool, { ...me, running: opts.running() });
      await pruneWorkers(pool, PRUNE_AFTER_MS);
      if (failing) opts.log?.("workers: the registry reaches its database again");
      failing = false;
    } catch (e) {
      if (!failing) opts.log?.(`workers: cannot record this process in the registry (${e instanceof Error ? e.message : e}); retrying`);
      failing = true;
    }
  };
  await beatWorker(pool, { ...me, running: opts.running() });
  const timer = setInterval(() => void beat(), opts.beatMs);
  return {
    source: "postgres",
    beatMs: opts.beatMs,
    async list() {
      const rows = await listWorkers(pool);
      return rows.map((w) => ({ ...w, gone: w.silentMs > GONE_AFTER_BEATS * opts.beatMs }));
    },
    async stop() {
      clearInterval(timer);
      await deleteWorker(pool, me.id).catch(() => undefined);
      await pool.end();
    },
  };
}
