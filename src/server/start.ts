import { buildContext } from "./boot";
import { ConfigError, describeConfigError, loadConfig } from "../config/load";
import { createApp } from "./app";
import { fastRoutes } from "./fast-routes";
import { startBackground } from "./jobs";
import { registerNotificationListeners } from "../notify/listeners";
import { startTelegram } from "../notify/telegram-poller";
import { pipelineGateway } from "../pipeline/gateway";
import type { JobQueue } from "../jobs/queue/port";
import { roleHealthResponse } from "../health/role";
import { openJobQueue, openWorkerRegistry, roleFromArgs, servesHttp, startRoleBackground } from "./roles";
import type { WorkerRegistry } from "../admin/registry";
import type { QueueWorker } from "../jobs/queue/worker";

/**
 * Starts the appliance: config -> database + migrations -> (distributed: the queue) -> HTTP -> schedules and workers;
 * SIGTERM stops them in reverse. `--role` picks the parts (src/server/roles.ts); a single box runs them all.
 */
export async function startServer(argv: string[] = process.argv): Promise<void> {
  let loaded;
  try {
    loaded = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(describeConfigError(e));
      process.exit(2);
    }
    throw e;
  }
  const role = roleFromArgs(argv, loaded.config);
  if (typeof role !== "string") {
    console.error(`config error: ${role.problem}`);
    process.exit(2);
  }
  let ctx;
  let server;
  try {
    ctx = buildContext(loaded.config);
  } catch (e) {
    const dir = loaded.config.storage.data_dir;
    console.error(
      `start-up failed: cannot open or migrate the database in ${dir}: ${oneLine(e)}. Check that the folder is writable and holds this version's database, or restore a copy made with \`bun run cli backup\`.`,
    );
    process.exit(1);
  }
  // Distributed mode: the shared queue (pg-boss on PostgreSQL, loaded only now); a single box keeps the SQLite queue inside startBackground.
  let queue: JobQueue | undefined;
  let registry: WorkerRegistry | undefined;
  let roleWorkers: QueueWorker[] = [];
  if (ctx.config.distributed.mode === "distributed") {
    try {
      queue = await openJobQueue(ctx);
      registry = await openWorkerRegistry(ctx, role, () => roleWorkers);
    } catch (e) {
      console.error(
        `start-up failed: cannot reach the PostgreSQL database of distributed.postgres_url (${oneLine(e)}); check that it runs and accepts this host, and that the URL's user and password are right.`,
      );
      process.exit(1);
    }
  }
  try {
    const q = queue;
    const roleHealth: Record<string, { GET: () => Promise<Response> }> = q
      ? { "/healthz": { GET: () => roleHealthResponse(ctx, role, q) } }
      : {};
    if (servesHttp(role)) {
      const app = createApp(ctx, q && registry ? { queue: q, registry } : undefined);
      const handle = (req: Request) => app.handle(req);
      server = Bun.serve({
        hostname: ctx.config.server.host,
        port: ctx.config.server.port,
        routes: { ...fastRoutes(ctx, handle), ...roleHealth },
        fetch: handle,
      });
      // Elysia hands routes `server` (its documented app.server) only when it started the server itself; routes ask it
      // for the peer address (sign-in throttle), so without this every client was "unknown" and one stranger's
      // wrong passwords locked an account for everyone.
      app.server = server;
    } else {
      // A worker or scheduler process answers only its health, for the orchestrator's checks.
      const notHere = () => new Response(`the ${role} role serves only /healthz\n`, { status: 404 });
      server = Bun.serve({ hostname: ctx.config.server.host, port: ctx.config.server.port, routes: roleHealth, fetch: notHere });
    }
  } catch (e) {
    console.error(
      `start-up failed: cannot listen on ${ctx.config.server.host}:${ctx.config.server.port} (${oneLine(e)}); set PORT or server.port to a free port.`,
    );
    process.exit(1);
  }
  ctx.log.info(
    `listening on http://${server.hostname}:${server.port} (public address ${ctx.config.server.public_base_url}); config: ${loaded.file ?? "built-in defaults"}${queue ? `; role ${role}, queue ${queue.adapter}` : ""}`,
  );
  registerNotificationListeners(ctx);
  const roleBackground = queue ? startRoleBackground(ctx, role, queue, pipelineGateway(ctx)) : undefined;
  roleWorkers = roleBackground?.workers ?? [];
  const background = roleBackground ?? startBackground(ctx, pipelineGateway(ctx));
  // One process polls Telegram (two pollers would take each other's updates): the single box, or the web role.
  const telegram = servesHttp(role) ? startTelegram(ctx) : { stop: async () => {} };

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.log.info(`${signal}: stopping`);
    const force = setTimeout(() => {
      ctx.log.error("shutdown took over 10 s; exiting anyway");
      process.exit(1);
    }, 10_000);
    // Each step's time, so a slow stop says which part held it (a running job, a request in flight, the queue).
    const took: string[] = [];
    const step = async (name: string, run: () => Promise<unknown> | unknown) => {
      const t0 = performance.now();
      await run();
      const ms = performance.now() - t0;
      if (ms >= 500) took.push(`${name} ${(ms / 1000).toFixed(1)} s`);
    };
    await step("Telegram", () => telegram.stop());
    await step("schedules and jobs", () => background.stop()); // schedules, then the worker (its running job finishes or its lease lapses)
    await step("HTTP", () => server.stop(false)); // stop accepting, let in-flight requests finish
    await step("worker registry", () => registry?.stop());
    await step("queue", () => queue?.close());
    await step("database", () => ctx.db.$client.close());
    clearTimeout(force);
    ctx.log.info(took.length ? `stopped (slow: ${took.join(", ")})` : "stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

/** The first line of an error's message, for one-line start-up failures. */
function oneLine(e: unknown): string {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : "";
  const msg = e instanceof Error ? e.message : String(e);
  return (cause || msg).split("\n")[0]!;
}
