import type { AppContext } from "../../app/context";
import { buildContext } from "../../server/boot";
import { ConfigError, describeConfigError, loadConfig } from "../../config/load";
import { claimJobByKey, completeJob, extendLease, failJob, findJobByKey } from "../../jobs/store";
import { registerNotificationListeners } from "../../notify/listeners";
import { pipelineGateway } from "../../pipeline/gateway";
import { executeRun, RunError } from "../../pipeline/run";
import { requestRun } from "../../pipeline/start";
import { batchItems, findRun, listSteps, type RunRow } from "../../pipeline/store";
import { isLocalDate } from "../../lib/zoned-time";
import { CONTENT_STATES } from "../../model/content-states";

/** Where the command writes, and an optional context (tests pass theirs; normally it is built from config). */
export interface RunCommandIo {
  ctx?: AppContext;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

const USAGE = "usage: run --app ID [--date YYYY-MM-DD] [--force] [--no-media]";
const LEASE_MS = 10 * 60_000;

/** The parsed arguments of `run`; `media` false skips rendering the batch's media here. */
export interface RunArgs {
  app: number;
  date?: string;
  force: boolean;
  media: boolean;
}

/** Parses the arguments; a string is the one-line reason they are wrong. */
export function parseRunArgs(args: string[]): RunArgs | string {
  let app: number | undefined;
  let date: string | undefined;
  let force = false;
  let media = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--force") force = true;
    else if (a === "--no-media") media = false;
    else if (a === "--app") app = Number(args[++i]);
    else if (a === "--date") date = args[++i] ?? "";
    else if (a === "--config") i++;
    else return `run: unknown argument "${a}"; ${USAGE}`;
  }
  if (app === undefined) return `run: --app is required; ${USAGE}`;
  if (!Number.isInteger(app) || app <= 0) return `run: --app must be a web app id (a positive whole number); ${USAGE}`;
  if (date !== undefined && !isLocalDate(date)) return `run: --date must be a real date as YYYY-MM-DD, got "${date}"`;
  return { app, date, force, media };
}

/**
 * `run --app ID [--date YYYY-MM-DD] [--force] [--no-media]`: runs the pipeline now, then renders the batch's
 * media here (unless --no-media), printing progress; 0 when the batch waits for approval with its media ready.
 */
export async function runCommand(args: string[], io: RunCommandIo = {}): Promise<number> {
  const out = io.out ?? ((l: string) => console.log(l));
  const err = io.err ?? ((l: string) => console.error(l));
  const parsed = parseRunArgs(args);
  if (typeof parsed === "string") {
    err(parsed);
    return 2;
  }
  let ctx = io.ctx;
  if (!ctx) {
    try {
      ctx = buildContext(loadConfig(["", "", ...args]).config);
      registerNotificationListeners(ctx);
    } catch (e) {
      err(e instanceof ConfigError ? describeConfigError(e) : `run: cannot start: ${e instanceof Error ? e.message : e}`);
      return 2;
    }
    try {
      return await runWith(ctx, parsed, out, err);
    } finally {
      ctx.db.$client.close();
    }
  }
  return runWith(ctx, parsed, out, err);
}

async function runWith(ctx: AppContext, parsed: RunArgs, out: (l: string) => void, err: (l: string) => void): Promise<number> {
  const req = requestRun(ctx, { webappId: parsed.app, localDate: parsed.date, force: parsed.force, trigger: "cli" });
  if (!req) {
    err(`run: there is no web app with id ${parsed.app}; list them on the Web apps page or add one with app:add`);
    return 2;
  }
  const { run } = req;
  out(`Run #${run.id} for web app ${run.webappId}, ${run.localDate}, attempt ${run.attempt}${req.created ? "" : " (existing)"}`);
  if (run.status === "ready") return finish(ctx, run, parsed, out, err);
  const job = claimJobByKey(ctx.db, run.jobKey, ctx.clock.now(), LEASE_MS);
  if (!job) return (await waitForOther(ctx, run, out, err)) || finish(ctx, findRun(ctx.db, run.id)!, parsed, out, err);
  try {
    await executeRun(ctx, pipelineGateway(ctx), run.id, {
      onProgress: (step, state, detail) => {
        extendLease(ctx.db, job.id, new Date(ctx.clock.now().getTime() + LEASE_MS), `${step}: ${state}`);
        out(`  ${step.padEnd(9)} ${state}${detail ? ` - ${detail}` : ""}`);
      },
    });
    completeJob(ctx.db, job.id, ctx.clock.now());
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    failJob(ctx.db, job, msg, ctx.clock.now(), { retryable: e instanceof RunError && e.retryable });
    err(`run: ${msg}`);
    return 1;
  }
  return finish(ctx, findRun(ctx.db, run.id)!, parsed, out, err);
}

// The batch is reviewable now; its media is rendered here unless asked not to (a server's worker does it then).
async function finish(ctx: AppContext, run: RunRow, parsed: RunArgs, out: (l: string) => void, err: (l: string) => void): Promise<number> {
  summarize(ctx, run, out);
  if (!parsed.media) return 0;
  // Loaded only here: the studio pulls in sharp and friends, which every other CLI command can do without.
  const { renderBatchMedia } = await import("./run-media");
  return renderBatchMedia(ctx, run.batchId, out, err);
}

function summarize(ctx: AppContext, run: RunRow, out: (l: string) => void): void {
  const items = batchItems(ctx.db, run.batchId);
  const pending = items.filter((i) => i.status === "pending_approval");
  const others = itemsByState(items.filter((i) => i.status !== "pending_approval"));
  if (pending.length > 0) {
    const writers = [...new Set(pending.map((i) => i.writer))].join(", ");
    out(`Batch #${run.batchId} is waiting for approval: ${pending.length} post(s) by ${writers}${others ? `; also ${others}` : ""}.`);
  } else out(`Batch #${run.batchId}: ${others || "no posts"}.`);
  out(`Review it at ${ctx.config.server.public_base_url}/approval (run details: /runs/${run.id}).`);
}

/** "5 scheduled, 1 rejected, 1 failed": each state with its count, in lifecycle order. */
export function itemsByState(items: { status: string }[]): string {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.status, (counts.get(i.status) ?? 0) + 1);
  return CONTENT_STATES.filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s.replace(/_/g, " ")}`)
    .join(", ");
}

// Follows a pipeline run another worker holds; 0 once its batch is ready, 1 when it failed.
async function waitForOther(ctx: AppContext, run: RunRow, out: (l: string) => void, err: (l: string) => void): Promise<number> {
  out("Another worker is running this batch; following its progress.");
  let shown = 0;
  for (;;) {
    const steps = listSteps(ctx.db, run.id).filter((s) => s.status !== "running");
    for (const s of steps.slice(shown)) out(`  ${s.step.padEnd(9)} ${s.status}${s.summary ? ` - ${s.summary}` : ""}`);
    shown = steps.length;
    const now = findRun(ctx.db, run.id)!;
    if (now.status === "ready") return 0;
    const job = findJobByKey(ctx.db, run.jobKey);
    if (now.status === "failed" && job?.status === "failed") {
      err(`run: ${now.error ?? "the run failed"}`);
      return 1;
    }
    await Bun.sleep(500);
  }
}
