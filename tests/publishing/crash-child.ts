// A second process for the SIGKILL test: same data dir and config as the parent, publishes due items.
import { buildContext } from "../../src/server/boot";
import { parseConfig } from "../../src/config/load";
import { ManualClock } from "../../src/lib/clock";
import { memoryLogger } from "../../src/lib/log";
import { createAdapters } from "../../src/publishing/adapters";
import { publishHandlers } from "../../src/publishing/handlers";
import { runDuePublishJobs } from "../../src/publishing/runner";
import { schedulePublishing } from "../../src/publishing/schedule";

const { env, now } = JSON.parse(process.argv[2]!) as { env: Record<string, string>; now: string };
const config = parseConfig("", undefined, env);
const ctx = buildContext(config, { clock: new ManualClock(new Date(now)), log: memoryLogger() });
schedulePublishing(ctx, ctx.clock.now());
await runDuePublishJobs(ctx, publishHandlers(ctx, { adapters: createAdapters(ctx, { sleep: (ms) => Bun.sleep(ms / 100) }) }));
console.log("child finished without being killed");
