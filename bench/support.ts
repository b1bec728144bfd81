import { readFileSync } from "node:fs";

/** One measured figure, printed as a table row and recorded in docs/benchmarks.md. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The target from the issue, as text ("< 120 MB"), when there is one. */
  target?: string;
  note?: string;
}

/** A benchmark module: bench/<name>.ts exports `bench` of this shape; bench/run.ts finds it by file name. */
export interface Bench {
  name: string;
  summary: string;
  run(): Promise<Figure[]>;
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
  if (!line) throw new Error(`bench: cannot read VmRSS of process ${pid}`);
  return Number(line[1]) / 1024;
}

/** wrk's summary: requests per second and latency percentiles in ms. */
export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
}

function toMs(v: string): number {
  const m = v.match(/^([\d.]+)(us|ms|s)$/);
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === "us" ? n / 1000 : m[2] === "s" ? n * 1000 : n;
}

/**
 * Where wrk and the server under test run when pinned: the server's process (all its threads) on `serverCore`, wrk
 * with one thread on `loadCore`, so the two never take each other's core. On a 2-core box this takes the scheduler's
 * migrations between the load generator and the server out of the tail latency; it measures the same requests.
 */
export interface WrkPin {
  /** The server process's pid (a RunningServer's proc.pid, startBaseline's pid). */
  serverPid: number;
  serverCore?: number;
  loadCore?: number;
}

function taskset(args: string[]): string {
  const r = Bun.spawnSync(["taskset", ...args], { stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`bench: taskset ${args.join(" ")} failed (util-linux installed?): ${r.stderr.toString()}`);
  return r.stdout.toString();
}

/**
 * Runs wrk against a loopback URL: `connections` open connections for `seconds`, bounded in time. With `pin`, the
 * server is moved to its own core for the run (and given every core back after) and wrk runs with one thread on the other.
 */
export function wrk(
  url: string,
  opts: { connections: number; seconds: number; threads?: number; headers?: Record<string, string>; pin?: WrkPin },
): LoadResult {
  if (!/^http:\/\/127\.0\.0\.1[:/]/.test(url)) throw new Error(`bench: load only goes to loopback, not ${url}`);
  const pin = opts.pin && { serverCore: 0, loadCore: 1, ...opts.pin };
  const threads = pin ? 1 : (opts.threads ?? 2);
  const args = ["wrk", "--latency", `-t${threads}`, `-c${opts.connections}`, `-d${opts.seconds}s`, "--timeout", "5s"];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push("-H", `${k}: ${v}`);
  // The cores the server had ("pid 12's current affinity list: 0,1"), given back after the run.
  const before =
    pin &&
    taskset(["-p", "-c", String(pin.serverPid)])
      .split(":")
      .at(-1)!
      .trim();
  if (pin) {
    taskset(["-a", "-p", "-c", String(pin.serverCore), String(pin.serverPid)]);
    args.unshift("taskset", "-c", String(pin.loadCore));
  }
  let r;
  try {
    r = Bun.spawnSync([...args, url], { stdout: "pipe", stderr: "pipe" });
  } finally {
    if (pin && before) taskset(["-a", "-p", "-c", before, String(pin.serverPid)]);
  }
  const out = r.stdout.toString();
  if (r.exitCode !== 0) throw new Error(`bench: wrk failed (is it installed? apt-get install wrk): ${r.stderr.toString()}`);
  const num = (re: RegExp) => out.match(re)?.[1];
  const errors = (
    out
      .match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/)
      ?.slice(1)
      .map(Number) ?? []
  ).reduce((a, b) => a + b, 0);
  const non2xx = Number(num(/Non-2xx or 3xx responses: (\d+)/) ?? 0);
  return {
    rps: Number(num(/Requests\/sec:\s+([\d.]+)/)),
    p50: toMs(num(/^\s+50%\s+(\S+)/m) ?? ""),
    p99: toMs(num(/^\s+99%\s+(\S+)/m) ?? ""),
    requests: Number(num(/(\d+) requests in/)),
    errors: errors + non2xx,
  };
}

/** Median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** A bare Bun.serve "hello" in its own process: the same-run baseline that the machine's noise is judged against. */
export async function startBaseline(): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const proc = Bun.spawn(
    [
      process.execPath,
      "-e",
      `const s = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("hello") }); console.log(s.port);`,
    ],
    { stdout: "pipe", stderr: "inherit" },
  );
  const reader = proc.stdout.getReader();
  const first = await reader.read();
  const port = Number(new TextDecoder().decode(first.value).trim());
  return {
    url: `http://127.0.0.1:${port}/`,
    pid: proc.pid,
    async stop() {
      proc.kill("SIGTERM");
      await proc.exited;
    },
  };
}
