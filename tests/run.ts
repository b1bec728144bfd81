/**
 * The whole test suite, as `npm test` / `bun run test` runs it: the Kita XSS scan (with a self-check that
 * it still catches an unescaped interpolation), the type check, then `bun test`. It ends with exactly one
 * line `N passed, N failed` (bun test's counts plus one per check) and exits non-zero when anything failed.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = join(import.meta.dir, "..");
const BIN = join(ROOT, "node_modules", ".bin");
const UNSAFE_FIXTURE = "tests/support/xss-unsafe.fixture.tsx";

/** Result of one step: counts and whether it ran at all. */
interface StepResult {
  passed: number;
  failed: number;
}

/** Lists the .ts/.tsx files under the given folders (xss-scan takes explicit files). */
function sourceFiles(dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name)) out.push(relative(ROOT, p));
    }
  };
  for (const d of dirs) walk(join(ROOT, d));
  return out.sort();
}

/** Runs a command with its output shown live and also captured. */
async function run(cmd: string[]): Promise<{ code: number; output: string }> {
  const proc = Bun.spawn(cmd, { cwd: ROOT, stdout: "pipe", stderr: "pipe", env: process.env });
  let output = "";
  const pump = async (stream: ReadableStream<Uint8Array>, sink: NodeJS.WriteStream) => {
    const decoder = new TextDecoder();
    const reader = stream.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      const text = decoder.decode(r.value, { stream: true });
      output += text;
      sink.write(text);
    }
  };
  await Promise.all([pump(proc.stdout, process.stdout), pump(proc.stderr, process.stderr)]);
  return { code: await proc.exited, output };
}

function banner(title: string) {
  console.log(`\n=== ${title} ===`);
}

/** Proves the scanner is alive: it must reject the deliberately unsafe fixture. */
async function xssSelfCheck(): Promise<StepResult> {
  banner(`xss-scan self-check (must flag ${UNSAFE_FIXTURE})`);
  const r = await run([process.execPath, join(BIN, "xss-scan"), "--simplified", UNSAFE_FIXTURE]);
  if (r.code === 1 && r.output.includes("xss-unsafe.fixture.tsx")) {
    console.log("ok: xss-scan flags an unescaped interpolation");
    return { passed: 1, failed: 0 };
  }
  console.log(`FAILED: xss-scan did not flag ${UNSAFE_FIXTURE} (exit ${r.code}); the XSS scan cannot be trusted`);
  return { passed: 0, failed: 1 };
}

/** Scans every source and view file for unescaped JSX interpolations. */
async function xssScan(): Promise<StepResult> {
  const files = sourceFiles(["src", "views"]).filter((f) => f.endsWith(".tsx"));
  banner(`xss-scan over ${files.length} .tsx files in src/ and views/`);
  if (files.length === 0) return { passed: 1, failed: 0 };
  const r = await run([process.execPath, join(BIN, "xss-scan"), ...files]);
  // exit 2 means warnings only (e.g. a `safe` on an already safe value): reported, not fatal
  if (r.code === 0 || r.code === 2) {
    console.log("ok: no unescaped interpolation");
    return { passed: 1, failed: 0 };
  }
  console.log("FAILED: unescaped interpolation(s) above: wrap them as <tag safe>{value}</tag> or Html.escapeHtml(value)");
  return { passed: 0, failed: 1 };
}

/** Type-checks the whole project. */
async function typeCheck(): Promise<StepResult> {
  banner("tsc --noEmit");
  const r = await run([join(BIN, "tsc"), "--noEmit", "-p", join(ROOT, "tsconfig.json")]);
  if (r.code === 0) {
    console.log("ok: no type errors");
    return { passed: 1, failed: 0 };
  }
  console.log("FAILED: type errors above");
  return { passed: 0, failed: 1 };
}

/** Checks that the tree is formatted as biome.json says (a badly formatted tree fails the run; fix with `bunx biome format --write .`). */
async function formatCheck(): Promise<StepResult> {
  banner("biome format (check only)");
  const r = await run([join(BIN, "biome"), "format", "."]);
  if (r.code === 0) {
    console.log("ok: the tree is formatted");
    return { passed: 1, failed: 0 };
  }
  console.log("FAILED: files above are not formatted: run `bunx biome format --write .`");
  return { passed: 0, failed: 1 };
}

/** Reads bun test's closing summary (" 12 pass", " 0 fail"). */
export function parseBunSummary(output: string): StepResult | undefined {
  const pass = output.match(/^\s*(\d+) pass\s*$/m);
  const fail = output.match(/^\s*(\d+) fail\s*$/m);
  if (!pass && !fail) return undefined;
  return { passed: Number(pass?.[1] ?? 0), failed: Number(fail?.[1] ?? 0) };
}

/** Runs bun test (all of tests/, or the paths given). */
async function bunTest(args: string[]): Promise<StepResult> {
  banner(`bun test ${args.join(" ")}`.trim());
  // bunfig.toml's [test] timeout is not applied by this Bun; tests that spawn real processes need more than 5 s on a busy machine
  const r = await run([process.execPath, "test", "--timeout=60000", ...args]);
  const summary = parseBunSummary(r.output);
  if (!summary) {
    console.log(`FAILED: bun test printed no summary (exit ${r.code})`);
    return { passed: 0, failed: 1 };
  }
  // a crash after the summary, or an error outside any test, still fails the run
  if (r.code !== 0 && summary.failed === 0) return { passed: summary.passed, failed: 1 };
  return summary;
}

async function main() {
  // --only-bun-test: a quick local run of some tests without the scans (never used by npm test or CI)
  const onlyBunTest = process.argv.includes("--only-bun-test");
  const args = process.argv.slice(2).filter((a) => a !== "--only-bun-test");
  const results: StepResult[] = [];
  if (!onlyBunTest) {
    results.push(await xssSelfCheck());
    results.push(await xssScan());
    results.push(await typeCheck());
    results.push(await formatCheck());
  }
  results.push(await bunTest(args));
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(
    onlyBunTest
      ? "\n(bun test counts only: the XSS scan and tsc were skipped)"
      : "\n(bun test counts plus the four checks: xss self-check, xss-scan, tsc, formatter)",
  );
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

if (import.meta.main) await main();
