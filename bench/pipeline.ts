// Benchmark: a whole batch (6 platforms, research against a local site) for one web app, then 100 web
// apps back to back with memory sampled across them, once with the built-in writer and once through a
// local fake OpenAI server (the real provider client, gateway, validation and call log). Media rendering
// is not included (the pipeline only queues it). Run alone with `bun bench/pipeline.ts`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildContext } from "../src/server/boot";
import { parseConfig } from "../src/config/load";
import { webapps } from "../src/db/schema/webapps";
import { PLATFORM_IDS } from "../src/platforms/ids";
import { createLogger } from "../src/lib/log";
import { pipelineGateway } from "../src/pipeline/gateway";
import { executeRun } from "../src/pipeline/run";
import { requestRun } from "../src/pipeline/start";
import { createUser } from "../src/users/store";
import { PANTRY_FACTS } from "../tests/agents/fixtures";
import { openAiAnswer, startFakeOpenAi, type FakeOpenAi } from "../tests/fakes/openai";
import type { RecordedRequest } from "../tests/fakes/scripted-server";
import { startResearchSites } from "../tests/sites/research-sites";

/** Which writer the run uses: the built-in offline writer, or a model behind the local fake OpenAI server. */
export type BenchWriter = "builtin" | "fake-llm";

/** The figures the benchmark reports for one writer. */
export interface PipelineBench {
  writer: BenchWriter;
  oneAppMs: number;
  oneAppPosts: number;
  /** Model calls (llm_calls rows) for the first app's run; 0 for the built-in writer. */
  oneAppModelCalls: number;
  hundredApps: { totalMs: number; meanMs: number; p95Ms: number; maxMs: number; modelCallsPerApp: number };
  rssMb: { start: number; peak: number; end: number; afterFirst10: number };
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
const FAKE_PROVIDER = "fake";
const FAKE_MODEL = "bench-model";
const HOOK = "Dinner from what is already in your fridge.";

// Answers each agent by the schema it sent: product facts for research (as the research site states them),
// a post for the creative agent. Token counts are in the range of the real prompts.
function fakeAnswer(req: RecordedRequest) {
  const props = req.body.response_format?.json_schema?.schema?.properties ?? {};
  if ("features" in props) return openAiAnswer(PANTRY_FACTS, { prompt_tokens: 2000, completion_tokens: 300 });
  const prompt = String(req.body.messages?.at(-1)?.content ?? "");
  const scenes = [
    { onScreenText: "What's for dinner?", voiceover: HOOK, visual: "open fridge", seconds: 3 },
    {
      onScreenText: "Scan your groceries",
      voiceover: "Scan your groceries and get a plan in minutes.",
      visual: "phone scanning a barcode",
      seconds: 6,
    },
    { onScreenText: "Try Pantry Pal", voiceover: "Start with the Free plan.", visual: "app logo", seconds: 4 },
  ];
  const post = {
    title: /Title at most/.test(prompt) ? "Dinner from your fridge with Pantry Pal" : "",
    hook: HOOK,
    body: "Pantry Pal turns what is already in your fridge into a week of dinners. Shopping lists sorted by supermarket aisle, and leftover alerts before food goes off. Trusted by 12,000 home cooks.",
    callToAction: "Start with the Free plan",
    hashtags: ["mealplanning", "foodwaste", "recipes"],
    scenes,
  };
  return openAiAnswer(post, { prompt_tokens: 900, completion_tokens: 250 });
}

function configEnv(dir: string, fake: FakeOpenAi | undefined): Record<string, string> {
  const env: Record<string, string> = {
    AMARKTAI_DATA_DIR: join(dir, "data"),
    AMARKTAI_MEDIA_DIR: join(dir, "media"),
    AMARKTAI_FETCH_ALLOW_PRIVATE_NETWORKS: "true",
  };
  if (!fake) return env;
  const provider = {
    name: FAKE_PROVIDER,
    kind: "openai",
    model: FAKE_MODEL,
    api_key: "k",
    base_url: fake.baseUrl,
    max_retries: 0,
    price_in_per_million: 1,
    price_out_per_million: 2,
  };
  // A budget far above what 101 runs cost, so the built-in writer never takes over mid-run.
  return { ...env, AMARKTAI_LLM_PROVIDERS: JSON.stringify([provider]), AMARKTAI_LLM_MONTHLY_BUDGET_USD: "100000" };
}

/** Runs the pipeline benchmark for one writer in a temporary data folder and returns its figures. */
export async function benchPipeline(apps = 100, writer: BenchWriter = "builtin"): Promise<PipelineBench> {
  const dir = mkdtempSync(join(tmpdir(), "amarktai-bench-pipeline-"));
  const sites = startResearchSites();
  const fake = writer === "fake-llm" ? startFakeOpenAi({ fallback: fakeAnswer }) : undefined;
  const config = parseConfig("", undefined, configEnv(dir, fake));
  const ctx = buildContext(config, { log: createLogger("error") });
  const llm = pipelineGateway(ctx);
  const expectedWriter = writer === "builtin" ? "builtin" : `${FAKE_PROVIDER}:${FAKE_MODEL}`;
  const q = <T>(sql: string, ...args: number[]) => ctx.db.$client.query(sql).get(...args) as T;
  try {
    const now = ctx.clock.now();
    const user = createUser(
      ctx.db,
      { email: "bench@example.com", name: "Bench", passwordHash: "x", role: "admin", timezone: "Europe/Berlin" },
      now,
    );
    const addApp = (i: number) =>
      ctx.db
        .insert(webapps)
        .values({
          userId: user.id,
          url: sites.url("/"),
          name: `Pantry Pal ${i}`,
          platforms: [...PLATFORM_IDS],
          feeds: [sites.url("/blog/atom.xml")],
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get().id;
    const runOne = async (webappId: number) => {
      const t0 = performance.now();
      const { run } = requestRun(ctx, { webappId, trigger: "cli" })!;
      await executeRun(ctx, llm, run.id);
      return { ms: performance.now() - t0, batchId: run.batchId, runId: run.id };
    };
    const first = await runOne(addApp(0));
    const posts = q<{ n: number }>("SELECT COUNT(*) AS n FROM content_items WHERE batch_id = ?", first.batchId!);
    const firstCalls = q<{ n: number }>("SELECT COUNT(*) AS n FROM llm_calls WHERE run_id = ? AND outcome = 'ok'", first.runId);
    Bun.gc(true);
    const start = process.memoryUsage.rss();
    let peak = start;
    let afterFirst10 = start;
    const times: number[] = [];
    const t0 = performance.now();
    for (let i = 1; i <= apps; i++) {
      times.push((await runOne(addApp(i))).ms);
      peak = Math.max(peak, process.memoryUsage.rss());
      if (i === 10) afterFirst10 = process.memoryUsage.rss();
    }
    const totalMs = performance.now() - t0;
    Bun.gc(true);
    checkWriters(ctx.db.$client, expectedWriter, apps + 1, posts.n);
    const calls = q<{ n: number }>("SELECT COUNT(*) AS n FROM llm_calls WHERE run_id IS NOT NULL AND run_id <> ?", first.runId);
    const sorted = [...times].sort((a, b) => a - b);
    return {
      writer,
      oneAppMs: Math.round(first.ms),
      oneAppPosts: posts.n,
      oneAppModelCalls: firstCalls.n,
      hundredApps: {
        totalMs: Math.round(totalMs),
        meanMs: Math.round(totalMs / apps),
        p95Ms: Math.round(sorted[Math.floor(apps * 0.95) - 1] ?? 0),
        maxMs: Math.round(sorted[sorted.length - 1] ?? 0),
        modelCallsPerApp: Math.round((calls.n / apps) * 10) / 10,
      },
      rssMb: { start: mb(start), peak: mb(peak), end: mb(process.memoryUsage.rss()), afterFirst10: mb(afterFirst10) },
    };
  } finally {
    sites.stop();
    await fake?.stop();
    ctx.db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// The figures only mean something if every post was written by the writer under test, and, for the model,
// every call succeeded and the model's copy survived the claims check: otherwise the run measured the fallback.
function checkWriters(
  db: { query(sql: string): { all(...a: unknown[]): unknown[]; get(...a: unknown[]): unknown } },
  expected: string,
  runs: number,
  postsPerRun: number,
): void {
  const writers = db.query("SELECT writer, COUNT(*) AS n FROM content_items GROUP BY writer").all() as { writer: string; n: number }[];
  const wrong = writers.filter((w) => w.writer !== expected);
  if (wrong.length > 0)
    throw new Error(`bench: posts written by ${wrong.map((w) => `${w.writer} (${w.n})`).join(", ")}, expected all by ${expected}`);
  const total = writers.reduce((n, w) => n + w.n, 0);
  if (total < runs * postsPerRun) throw new Error(`bench: ${total} posts for ${runs} runs, expected at least ${runs * postsPerRun}`);
  if (expected === "builtin") {
    const calls = db.query("SELECT COUNT(*) AS n FROM llm_calls").get() as { n: number };
    if (calls.n > 0) throw new Error(`bench: the built-in run made ${calls.n} model calls`);
    return;
  }
  const research = db.query("SELECT COUNT(*) AS n FROM llm_calls WHERE agent = 'research' AND outcome = 'ok'").get() as { n: number };
  if (research.n < runs) throw new Error(`bench: ${research.n} research model calls for ${runs} runs`);
  const failed = db.query("SELECT COUNT(*) AS n FROM llm_calls WHERE outcome <> 'ok'").get() as { n: number };
  if (failed.n > 0) throw new Error(`bench: ${failed.n} model calls did not succeed`);
  const kept = db.query("SELECT COUNT(*) AS n FROM content_items WHERE caption LIKE ?").get(`%${HOOK.slice(0, 30)}%`) as { n: number };
  if (kept.n < total) throw new Error(`bench: only ${kept.n} of ${total} captions kept the model's hook`);
}

/** One figure as bench/run.ts prints and records it (same shape as bench/support.ts Figure). */
interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: string;
  note?: string;
}

const LABEL: Record<BenchWriter, string> = { builtin: "builtin writer", "fake-llm": "fake LLM" };

function figures(r: PipelineBench): Figure[] {
  const w = LABEL[r.writer];
  const calls = r.writer === "builtin" ? "" : `, ${r.oneAppModelCalls} model calls`;
  return [
    {
      name: `${w}: batch for one app (6 platforms)`,
      value: r.oneAppMs,
      unit: "ms",
      target: "< 2000 ms",
      note: `${r.oneAppPosts} posts${calls}, media excluded`,
    },
    {
      name: `${w}: 100 apps back to back, mean per app`,
      value: r.hundredApps.meanMs,
      unit: "ms",
      target: "< 2000 ms",
      note: `p95 ${r.hundredApps.p95Ms} ms, total ${r.hundredApps.totalMs} ms${r.writer === "builtin" ? "" : `, ${r.hundredApps.modelCallsPerApp} model calls per app`}`,
    },
    {
      name: `${w}: RSS across 100 apps (peak)`,
      value: r.rssMb.peak,
      unit: "MB",
      target: "flat",
      note: `start ${r.rssMb.start} MB, after 10 apps ${r.rssMb.afterFirst10} MB, end ${r.rssMb.end} MB`,
    },
  ];
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

// Each writer runs in its own fresh process, so neither inherits the other's warm JIT or heap: the
// one-app figure is a cold first run for both, and both RSS series start from the same state.
async function inChild(writer: BenchWriter): Promise<PipelineBench> {
  const child = Bun.spawn([process.execPath, import.meta.path, `--writer=${writer}`, "--json"], { stdout: "pipe", stderr: "inherit" });
  const out = await new Response(child.stdout).text();
  if ((await child.exited) !== 0) throw new Error(`bench: pipeline run with the ${LABEL[writer]} failed (exit ${child.exitCode})`);
  return JSON.parse(out) as PipelineBench;
}

/** The pipeline benchmark in the shape bench/run.ts discovers (`bench` export). */
export const bench = {
  name: "pipeline",
  summary:
    "a day's batch (6 platforms, research of a local site) for 1 app, then 100 apps back to back; built-in writer, then a local fake LLM",
  async run(): Promise<Figure[]> {
    const b = await inChild("builtin");
    const f = await inChild("fake-llm");
    return [
      ...figures(b),
      ...figures(f),
      { name: "fake LLM / builtin, batch for one app", value: ratio(f.oneAppMs, b.oneAppMs), unit: "x" },
      { name: "fake LLM / builtin, 100 apps mean per app", value: ratio(f.hundredApps.meanMs, b.hundredApps.meanMs), unit: "x" },
      { name: "fake LLM / builtin, RSS peak", value: ratio(f.rssMb.peak, b.rssMb.peak), unit: "x" },
    ];
  },
};

if (import.meta.main) {
  const only = Bun.argv.find((a) => a.startsWith("--writer="))?.slice("--writer=".length) as BenchWriter | undefined;
  if (only && Bun.argv.includes("--json")) console.log(JSON.stringify(await benchPipeline(100, only)));
  else
    for (const fig of await bench.run()) console.log(`pipeline: ${fig.name}: ${fig.value} ${fig.unit}${fig.note ? ` (${fig.note})` : ""}`);
}
