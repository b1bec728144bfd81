// A second process for the reply SIGKILL test: same data dir and config as the parent, sends the due replies.
import { parseConfig } from "../../src/config/load";
import { ManualClock } from "../../src/lib/clock";
import { memoryLogger } from "../../src/lib/log";
import { createAdapters } from "../../src/publishing/adapters";
import { buildContext } from "../../src/server/boot";
import { runReplies } from "./reply-helpers";

const { env, now } = JSON.parse(process.argv[2]!) as { env: Record<string, string>; now: string };
const ctx = buildContext(parseConfig("", undefined, env), { clock: new ManualClock(new Date(now)), log: memoryLogger() });
await runReplies(ctx, { adapters: createAdapters(ctx) });
console.log("child finished without being killed");
