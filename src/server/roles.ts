import { mediaLedgerBackfillJob } from "../media/ledger-backfill";
import type { AppContext } from "../app/context";
import type { Config } from "../config/schema";
import { exportJob } from "../exports/job";
import { commentReplyJob } from "../inbox/reply-job";
import type { RegisteredJob } from "../jobs/declare";
import { PROCESS_OWNER } from "../jobs/owner";
import type { ClaimedJob, JobQueue } from "../jobs/queue/port";
import { sqliteJobQueue } from "../jobs/queue/sqlite";
import { QueueWorker, type QueueHandler } from "../jobs/queue/worker";
import { Scheduler, type Schedule } from "../jobs/schedules";
import type { Job } from "../jobs/store";
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
  return pgBossJobQueue({ url: distributed.postgres_url, heartbeatSeconds: distributed.heartbeat_seconds, log: ctx.log.warn });
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
  workers: QueueWorker[];
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts a role's parts in distributed mode: the role's schedules with ticks claimed through the queue, and for
 * render/publish one worker for the role's kinds (render: media.render_concurrency of them; publish: one, so one
 * post at a time per process).
 */
export function startRoleBackground(ctx: AppContext, role: Role, queue: JobQueue, llm: LlmGateway): RoleBackground {
  const schedules = schedulesOf(role);
  const scheduler = schedules.length > 0 ? new Scheduler(ctx, schedules, { claimTick: (n, t) => queue.claimTick(n, t) }) : undefined;
  const kinds = role === "render" || role === "publish" || role === "metrics" ? ROLE_KINDS[role] : [];
  const handlers = queueHandlersOf(
    jobList(ctx, llm).filter((j) => kinds.includes(j.kind)),
    ctx,
  );
  const count = kinds.length === 0 ? 0 : role === "render" ? ctx.config.media.render_concurrency : 1;
  const heartbeatMs = (ctx.config.distributed.heartbeat_seconds * 1000) / 2;
  const workers = Array.from({ length: count }, () => new QueueWorker(queue, handlers, { heartbeatMs, log: ctx.log.warn }));
  scheduler?.start();
  for (const w of workers) w.start();
  return {
    scheduler,
    workers,
    async stop(graceMs) {
      await scheduler?.stop();
      await Promise.all(workers.map((w) => w.stop(graceMs)));
    },
  };
}

/**
 * The registered handlers as queue handlers. Handlers still read a SQLite job row (`Job`): they get one made from
 * the claimed attempt, its id a number taken from the queue's id, until they take the port's ClaimedJob themselves.
 */
export function queueHandlersOf(list: RegisteredJob[], ctx: AppContext): Record<string, QueueHandler> {
  const out: Record<string, QueueHandler> = {};
  for (const r of list) out[r.kind] = (job, jc) => r.run(rowOf(job, ctx.clock.now()), jc);
  return out;
}

function rowOf(job: ClaimedJob, now: Date): Job {
  const numeric = /^\d+$/.test(job.id) ? Number(job.id) : Number.parseInt(job.id.replace(/-/g, "").slice(0, 13), 16);
  return {
    id: numeric,
    kind: job.kind,
    key: job.key,
    payload: job.payload,
    status: "running",
    runAt: now,
    attempts: job.attempt,
    maxAttempts: job.maxAttempts,
    leaseUntil: null,
    leaseOwner: PROCESS_OWNER,
    lastError: null,
    progress: "",
    startedAt: now,
    createdAt: now,
    finishedAt: null,
  };
}
