/**
 * `bun run bench [name...] [--record]`: runs every bench/<name>.ts that exports `bench` (or the named ones),
 * prints the figures, and with --record appends them, dated and with the machine, to docs/benchmarks.md.
 */
import { appendFileSync, readdirSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import type { Bench, Figure } from "./support";

const HERE = import.meta.dir;
const NOT_BENCHES = new Set(["run.ts", "support.ts", "seed.ts"]);

/** Every bench module in bench/, by file name. */
async function discover(): Promise<Bench[]> {
  const out: Bench[] = [];
  for (const file of readdirSync(HERE).filter((f) => f.endsWith(".ts") && !NOT_BENCHES.has(f)).sort()) {
    const mod = (await import(join(HERE, file))) as { bench?: Bench };
    if (mod.bench) out.push(mod.bench);
  }
  return out;
}

/** The machine, for the record: CPU model, cores, memory, Bun version. */
function machine(): string {
  const c = cpus();
  const load = loadavg().map((l) => l.toFixed(1)).join("/");
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
  const all = await discover();
  const chosen = wanted.length ? all.filter((b) => wanted.includes(b.name)) : all;
  if (chosen.length === 0) {
    console.error(`bench: nothing to run; known: ${all.map((b) => b.name).join(", ")}`);
    process.exit(2);
  }
  const lines = [`\n## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}\n`];
  for (const b of chosen) {
    console.error(`bench: ${b.name}: ${b.summary}`);
    const figures = await b.run();
    lines.push(`### ${b.name}\n`, "| figure | value | target | notes |", "| --- | --- | --- | --- |", ...figures.map(fmt), "");
  }
  console.log(lines.join("\n"));
  if (record) appendFileSync(join(HERE, "..", "docs", "benchmarks.md"), lines.join("\n") + "\n");
}

await main();
