import { buildContext } from "./app/boot";
import { ConfigError, describeConfigError, loadConfig } from "./config/load";
import { createApp } from "./http/app";
import { startBackground } from "./jobs/runtime";
import { registerAlertListeners } from "./notify/alerts";
import { registerDigestListeners } from "./notify/digest";
import { startTelegram } from "./notify/telegram-poller";
import { pipelineGateway } from "./pipeline/gateway";

/** Starts the appliance: config -> database + migrations -> HTTP -> schedules; SIGTERM stops them in reverse. */
async function main() {
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
  const ctx = buildContext(loaded.config);
  const app = createApp(ctx);
  const server = Bun.serve({ hostname: ctx.config.server.host, port: ctx.config.server.port, fetch: (req) => app.handle(req) });
  ctx.log.info(`listening on http://${server.hostname}:${server.port} (public address ${ctx.config.server.public_base_url}); config: ${loaded.file ?? "built-in defaults"}`);
  registerDigestListeners(ctx);
  registerAlertListeners(ctx);
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

await main();
