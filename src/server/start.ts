import { buildContext } from "./boot";
import { ConfigError, describeConfigError, loadConfig } from "../config/load";
import { createApp } from "./app";
import { fastRoutes } from "./fast-routes";
import { startBackground } from "./jobs";
import { registerNotificationListeners } from "../notify/listeners";
import { startTelegram } from "../notify/telegram-poller";
import { pipelineGateway } from "../pipeline/gateway";

/** Starts the appliance: config -> database + migrations -> HTTP -> schedules; SIGTERM stops them in reverse. */
export async function startServer(): Promise<void> {
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
  const app = createApp(ctx);
  try {
    const handle = (req: Request) => app.handle(req);
    server = Bun.serve({ hostname: ctx.config.server.host, port: ctx.config.server.port, routes: fastRoutes(ctx, handle), fetch: handle });
    // Elysia hands routes `server` (its documented app.server) only when it started the server itself; routes ask it
    // for the peer address (sign-in throttle), so without this every client was "unknown" and one stranger's
    // wrong passwords locked an account for everyone.
    app.server = server;
  } catch (e) {
    console.error(
      `start-up failed: cannot listen on ${ctx.config.server.host}:${ctx.config.server.port} (${oneLine(e)}); set PORT or server.port to a free port.`,
    );
    process.exit(1);
  }
  ctx.log.info(
    `listening on http://${server.hostname}:${server.port} (public address ${ctx.config.server.public_base_url}); config: ${loaded.file ?? "built-in defaults"}`,
  );
  registerNotificationListeners(ctx);
  const background = startBackground(ctx, pipelineGateway(ctx));
  const telegram = startTelegram(ctx);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.log.info(`${signal}: stopping`);
    const force = setTimeout(() => {
      ctx.log.error("shutdown took over 10 s; exiting anyway");
      process.exit(1);
    }, 10_000);
    await telegram.stop();
    await background.stop(); // schedules, then the worker (its running job finishes or its lease lapses)
    await server.stop(false); // stop accepting, let in-flight requests finish
    ctx.db.$client.close();
    clearTimeout(force);
    ctx.log.info("stopped");
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
