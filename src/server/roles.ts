import { mediaLedgerBackfillJob } from "../media/ledger-backfill";
import type { AppContext } from "../app/context";
import type { Config } from "../config/schema";
import { exportJob } from "../exports/job";
import { commentReplyJob } from "../inbox/reply-job";
import type { RegisteredJob } from "../jobs/declare";
import { mirroredHandlersOf } from "../jobs/queue/mirror";
import type { JobQueue } from "../jobs/queue/port";
import { JobRelay } from "../jobs/queue/relay";
import { sqliteJobQueue } from "../jobs/queue/sqlite";
import { QueueWorker } from "../jobs/queue/worker";
import { Scheduler, type Schedule } from "../jobs/schedules";
import type { LlmGateway } from "../llm/types";
import { mediaRenderJob } from "../media/job";
import { regenerateCopyJob } from "../pipeline/regenerate";
import { pipelineRunJob } from "../pipeline/start";
import { firstCommentJob } from "../publishing/first-comment-job";
import { publishJob } from "../publishing/schedule";
import { jobList } from "./jobs";
import { SCHEDULES } from "./schedules";
import { startPostgresRegistry, type WorkerRegistry } from "../admin/registry";

/** What one process of the appliance does, chosen by `--role` (all: today's single process). */
export const ROLES = ["all", "web", "scheduler", "render", "publish", "metrics"] as const;

/** One of ROLES. */
export type Role = (typeof ROLES)[number];

/** The job kinds each worker role runs: the heavy work on render, posting on its own queue (as Mixpost isolates it). */
export const ROLE_KINDS: Record<"render" | "publish" | "metrics", string[]> = {
  render: [mediaRenderJob.kind, pipelineRunJob.kind, regenerateCopyJob.kind, exportJob.kind, mediaLedgerBackfillJob.kind],
  publish: [publishJob.kind, firstCommentJob.kind, commentReplyJob.kind],
  // Metrics and comments are read inline by their schedules today: the metrics role runs those schedules (below).
  metrics: [],
};

/** The kinds the outbox relay hands to the shared queue, in the order of each pass: posts first, bulk renders last. */
export const RELAY_ORDER: string[][] = [ROLE_KINDS.publish, ROLE_KINDS.metrics, ROLE_KINDS.render];

/** The schedules the metrics role runs instead of the scheduler, so reading metrics never waits behind the rest. */
export const METRICS_SCHEDULES = ["metrics-collection", "comment-sync"];

/** Reads `--role X` or `--role=X` (default all); an error sentence for an unknown role or one single mode does not allow. */
export function roleFromArgs(argv: string[], config: Config): Role | { problem: string } {
  const i = argv.indexOf("--role");
  const raw = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith("--role="))?.slice(7);
  const role = raw ?? "all";
  if (!(ROLES as readonly string[]).includes(role)) return { problem: `--role: "${role}" is not a role; use one of ${ROLES.join(", ")}` };
  if (role !== "all" && config.distributed.mode === "single")
    return {
      problem: `--role ${role} needs distributed mode: a single box runs every part in one process (--role all, the default); set distributed.mode to distributed and distributed.postgres_url to split the parts`,
    };
  return role as Role;
}

/** Whether a role serves the app's pages and API (the others answer only /healthz). */
export const servesHttp = (role: Role) => role === "all" || role === "web";

/** The schedules a role runs: all of them for all; the metrics ones on metrics; the rest on scheduler; none otherwise. */
export function schedulesOf(role: Role, schedules: Schedule[] = SCHEDULES): Schedule[] {
  if (role === "all") return schedules;
  if (role === "metrics") return schedules.filter((s) => METRICS_SCHEDULES.includes(s.name));
  if (role === "scheduler") return schedules.filter((s) => !METRICS_SCHEDULES.includes(s.name));
  return [];
}

/** The queue this process uses: today's SQLite queue on a single box, pg-boss (loaded only then) in distributed mode. */
export async function openJobQueue(ctx: AppContext): Promise<JobQueue> {
  const { distributed } = ctx.config;
  if (distributed.mode === "single") return sqliteJobQueue(ctx.db, ctx.clock);
  const { pgBossJobQueue } = await import("../jobs/queue/pg-boss");
  return pgBossJobQueue({
    url: distributed.postgres_url,
    heartbeatSeconds: distributed.heartbeat_seconds,
    // The supervisor looks for lapsed heartbeats three times a window (pg-boss's default is once a minute), so a dead
    // worker's job runs again within about 1.3 windows.
    superviseIntervalSeconds: Math.max(1, Math.floor(distributed.heartbeat_seconds / 3)),
    log: ctx.log.warn,
  });
}

/**
 * Records a distributed role's process in the worker registry (PostgreSQL, beside the queue's tables), refreshed every
 * half heartbeat window with the jobs its workers run now; the admin workers page lists it.
 */
export function openWorkerRegistry(ctx: AppContext, role: Role, workers: () => QueueWorker[]): Promise<WorkerRegistry> {
  const running = () => workers().flatMap((w) => (w.current ? [`${w.current.kind} ${w.current.key}`] : []));
  const { distributed } = ctx.config;
  return startPostgresRegistry({
    url: distributed.postgres_url,
    role,
    beatMs: (distributed.heartbeat_seconds * 1000) / 2,
    running,
    log: ctx.log.warn,
  });
}

/** A distributed role's background: its schedules (each tick once across instances) and its workers on the queue. */
export interface RoleBackground {
  scheduler: Scheduler | undefined;
  /** The outbox relay (scheduler and all roles): moves the app's due jobs from SQLite to the shared queue. */
  relay: JobRelay | undefined;
  workers: QueueWorker[];
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts a role's parts in distributed mode: the role's schedules with ticks claimed through the queue, and for
 * render/publish one worker for the role's kinds (render: media.render_concurrency of them; publish: one, so one
 * post at a time per process). Jobs reach the queue through the outbox relay, which runs beside the schedules
 * (scheduler and all); workers write each attempt back onto the job's row (src/jobs/queue/mirror.ts).
 */
export function startRoleBackground(ctx: AppContext, role: Role, queue: JobQueue, llm: LlmGateway): RoleBackground {
  const schedules = schedulesOf(role);
  const scheduler = schedules.length > 0 ? new Scheduler(ctx, schedules, { claimTick: (n, t) => queue.claimTick(n, t) }) : undefined;
  const kinds = role === "render" || role === "publish" || role === "metrics" ? ROLE_KINDS[role] : [];
  const windowMs = ctx.config.distributed.heartbeat_seconds * 1000;
  const handlers = mirroredHandlersOf(
    ctx.db,
    ctx.clock,
    jobList(ctx, llm).filter((j) => kinds.includes(j.kind)),
    { windowMs },
  );
  const count = kinds.length === 0 ? 0 : role === "render" ? ctx.config.media.render_concurrency : 1;
  const workers = Array.from({ length: count }, () => new QueueWorker(queue, handlers, { heartbeatMs: windowMs / 2, log: ctx.log.warn }));
  const relay =
    role === "scheduler" || role === "all" ? new JobRelay(ctx.db, ctx.clock, queue, RELAY_ORDER, { log: ctx.log.warn }) : undefined;
  relay?.start();
  scheduler?.start();
  for (const w of workers) w.start();
  return {
    scheduler,
    relay,
    workers,
    async stop(graceMs) {
      await scheduler?.stop();
      await relay?.stop();
      await Promise.all(workers.map((w) => w.stop(graceMs)));
    },
  };
}
