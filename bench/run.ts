/**
 * `bun run bench [name...] [--record]`: runs every bench/<name>.ts (or the named ones): modules exporting `bench`
 * give a table of figures, plain scripts (e.g. `bun bench/approval.ts`) have their output recorded as is;
 * prints the figures, and with --record appends them, dated and with the machine, to docs/benchmarks.md.
 */
import { appendFileSync, readFileSync, readdirSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import type { Bench, Figure } from "./support";

const HERE = import.meta.dir;
const NOT_BENCHES = new Set(["run.ts", "support.ts", "seed.ts", "sqlite-counter.ts"]);

/** A bench file: a module exporting `bench` (figures as a table), or a plain script whose output is recorded as is. */
interface BenchFile {
  name: string;
  path: string;
  isModule: boolean;
}

/** Every bench file in bench/, by file name (without importing any: plain scripts run when imported). */
function discover(): BenchFile[] {
  return readdirSync(HERE)
    .filter((f) => f.endsWith(".ts") && !NOT_BENCHES.has(f))
    .sort()
    .map((f) => ({
      name: f.slice(0, -3),
      path: join(HERE, f),
      isModule: /export const bench\b/.test(readFileSync(join(HERE, f), "utf8")),
    }));
}

/** Runs one bench file and returns its section of the record. */
async function runOne(file: BenchFile): Promise<string[]> {
  if (file.isModule) {
    const { bench } = (await import(file.path)) as { bench: Bench };
    console.error(`bench: ${bench.name}: ${bench.summary}`);
    const figures = await bench.run();
    return [`### ${bench.name}\n`, "| figure | value | target | notes |", "| --- | --- | --- | --- |", ...figures.map(fmt), ""];
  }
  console.error(`bench: ${file.name}: bun bench/${file.name}.ts`);
  const r = Bun.spawnSync([process.execPath, file.path], { cwd: join(HERE, ".."), stdout: "pipe", stderr: "inherit" });
  if (r.exitCode !== 0) throw new Error(`bench: bench/${file.name}.ts exited with ${r.exitCode}`);
  return [`### ${file.name}\n`, "```", r.stdout.toString().trim(), "```", ""];
}

/** The machine, for the record: CPU model, cores, memory, Bun version. */
function machine(): string {
  const c = cpus();
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join("/");
  return `${c[0]?.model ?? "unknown CPU"} x${c.length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Bun ${Bun.version}, ${process.platform}, load average ${load} at start`;
}

function fmt(f: Figure): string {
  const v = Number.isNaN(f.value) ? "n/a" : f.value >= 100 ? f.value.toFixed(0) : f.value.toFixed(1);
  return `| ${f.name} | ${v} ${f.unit} | ${f.target ?? ""} | ${f.note ?? ""} |`;
}

async function main() {
  const args = process.argv.slice(2);
  const record = args.includes("--record");
  const wanted = args.filter((a) => !a.startsWith("--"));
  const all = discover();
  const chosen = wanted.length ? all.filter((b) => wanted.includes(b.name)) : all;
  if (chosen.length === 0 || chosen.length < wanted.length) {
    console.error(`bench: unknown name in ${wanted.join(", ")}; known: ${all.map((b) => b.name).join(", ")}`);
    process.exit(2);
  }
  const lines = [`\n## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}\n`];
  for (const file of chosen) lines.push(...(await runOne(file)));
  console.log(lines.join("\n"));
  if (record) appendFileSync(join(HERE, "..", "docs", "benchmarks.md"), lines.join("\n") + "\n");
}

await main();
