// The mutation check: plants each bug of mutations.ts in src/ one at a time, runs only that bug's test files,
// expects a failing test, and always puts the file back. `bun run mutation` (optionally `-- <name part>`).
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { MUTATIONS, type Mutation } from "./mutations";

const ROOT = join(import.meta.dir, "../..");
// Written before a file is changed and removed once it is back: a run killed outright (kill -9) is repaired by the next.
const PENDING = join(import.meta.dir, ".pending-restore.json");
const TEST_TIMEOUT_MS = 20_000;

type Outcome = { kind: "caught"; failed: string } | { kind: "missed" } | { kind: "not_applied"; why: string };

let planted: { path: string; original: string } | undefined;
let child: { kill(): void } | undefined;

/** Puts the planted file back (idempotent; synchronous so that it also runs from a signal handler). */
function restore(): void {
  if (planted) {
    writeFileSync(planted.path, planted.original);
    planted = undefined;
  }
  rmSync(PENDING, { force: true });
}

function repairLeftover(): void {
  if (!existsSync(PENDING)) return;
  const left = JSON.parse(readFileSync(PENDING, "utf8")) as { path: string; original: string };
  writeFileSync(left.path, left.original);
  rmSync(PENDING, { force: true });
  console.log(`restored ${relative(ROOT, left.path)}, left mutated by an interrupted run`);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
  process.on(signal, () => {
    child?.kill();
    restore();
    console.log(`\n${signal}: stopped; every file is back as it was`);
    process.exit(130);
  });
process.on("exit", restore);

/** The snippet as a pattern that ignores whitespace differences (line breaks, indentation, a formatter's wrapping). */
function snippetPattern(snippet: string): RegExp {
  const chars = [...snippet.replace(/\s+/g, "")].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(chars.join("\\s*"), "g");
}

function sourceFiles(): string[] {
  return [...new Bun.Glob("src/**/*.{ts,tsx}").scanSync({ cwd: ROOT })].map((f) => join(ROOT, f)).sort();
}

function testFiles(globs: string[]): string[] {
  const found = new Set<string>();
  for (const g of globs) for (const f of new Bun.Glob(g).scanSync({ cwd: ROOT })) found.add(f);
  return [...found].sort();
}

/** Finds the one place of the snippet in src/; a reason when it is missing or not unique. */
function locate(m: Mutation): { path: string; text: string; start: number; end: number } | { why: string } {
  const hits: { path: string; text: string; start: number; end: number }[] = [];
  for (const path of sourceFiles()) {
    const text = readFileSync(path, "utf8");
    for (const match of text.matchAll(snippetPattern(m.find)))
      hits.push({ path, text, start: match.index, end: match.index + match[0].length });
  }
  if (hits.length === 0) return { why: "snippet not found in src/" };
  if (hits.length > 1) return { why: `snippet found ${hits.length} times (${hits.map((h) => relative(ROOT, h.path)).join(", ")})` };
  return hits[0]!;
}

/** Runs bun test on the files; the exit code and the first failing test's name. */
async function runTests(files: string[]): Promise<{ code: number; failed: string; output: string }> {
  const cmd = [process.execPath, "test", `--timeout=${TEST_TIMEOUT_MS}`, ...files];
  const proc = Bun.spawn(Bun.which("nice") ? ["nice", ...cmd] : cmd, { cwd: ROOT, stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  child = proc;
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  child = undefined;
  const output = out + err;
  const failed = /^\(fail\) (.*?)(?: \[[\d.]+m?s\])?$/m.exec(output)?.[1] ?? (code === 0 ? "" : "the test run failed");
  return { code, failed, output };
}

async function check(m: Mutation): Promise<Outcome> {
  const files = testFiles(m.tests);
  if (files.length === 0) return { kind: "not_applied", why: `no test file matches ${m.tests.join(", ")}` };
  const at = locate(m);
  if ("why" in at) return { kind: "not_applied", why: at.why };
  const mutated = at.text.slice(0, at.start) + m.replace + at.text.slice(at.end);
  try {
    new Bun.Transpiler({ loader: at.path.endsWith(".tsx") ? "tsx" : "ts" }).transformSync(mutated);
  } catch (e) {
    return { kind: "not_applied", why: `the mutated ${relative(ROOT, at.path)} does not parse: ${e instanceof Error ? e.message : e}` };
  }
  planted = { path: at.path, original: at.text };
  writeFileSync(PENDING, JSON.stringify(planted));
  try {
    writeFileSync(at.path, mutated);
    const run = await runTests(files);
    return run.code === 0 ? { kind: "missed" } : { kind: "caught", failed: run.failed };
  } finally {
    restore();
  }
}

async function main(): Promise<number> {
  repairLeftover();
  const only = process.argv.slice(2).join(" ").toLowerCase();
  const chosen = MUTATIONS.filter((m) => !only || m.name.toLowerCase().includes(only));
  if (chosen.length === 0) {
    console.log(`no mutation's name contains "${only}"`);
    return 1;
  }
  // The tests must pass on the code as it is, or a failure would say nothing about the bug.
  const all = testFiles(chosen.flatMap((m) => m.tests));
  console.log(`baseline: ${all.length} test files on the unchanged code ...`);
  const base = all.length > 0 ? await runTests(all) : { code: 0, failed: "", output: "" };
  if (base.code !== 0) {
    console.log(`the tests fail without any bug planted (${base.failed}); fix them first.\n${base.output.slice(-3000)}`);
    return 1;
  }
  let caught = 0;
  for (const [i, m] of chosen.entries()) {
    const t0 = performance.now();
    const o = await check(m);
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    const label = `${String(i + 1).padStart(2)}. ${m.name}`;
    if (o.kind === "caught") {
      caught++;
      console.log(`${label}: caught (${o.failed}) [${secs} s]`);
    } else if (o.kind === "missed") console.log(`${label}: NOT CAUGHT, every test in ${m.tests.join(", ")} passed [${secs} s]`);
    else console.log(`${label}: not applied, ${o.why}`);
  }
  console.log(`${caught} of ${chosen.length} mutations caught`);
  return caught === chosen.length ? 0 : 1;
}

process.exit(await main());
