import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

// Debian's server binaries (the "postgresql" package of src/cli/apt-packages.txt's test line); the newest installed wins.
const PG_ROOT = "/usr/lib/postgresql";
const binDir = (() => {
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => existsSync(join(PG_ROOT, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(PG_ROOT, versions[0], "bin") : undefined;
})();

/** Why PostgreSQL tests cannot run here (the server binaries are absent), or undefined when they can. */
export const postgresMissing: string | undefined = binDir
  ? undefined
  : `PostgreSQL tests skipped: no server binaries under ${PG_ROOT}/<version>/bin (Debian: apt-get install postgresql)`;

/** A throwaway PostgreSQL cluster on a temp folder and a free loopback port; stop() and start() restart it, remove() ends it. */
export interface TestPostgres {
  url: string;
  port: number;
  /** Stops the server (fast shutdown: open connections are cut), keeping its files. */
  stop(): Promise<void>;
  /** Starts the stopped server again on the same port. */
  start(): Promise<void>;
  /** Stops the server and deletes its folder. */
  remove(): Promise<void>;
}

// initdb and postgres refuse to run as root: as root the cluster runs as the `postgres` system user.
const asRoot = userInfo().uid === 0;
const runAs = (argv: string[]) => (asRoot ? ["runuser", "-u", "postgres", "--", ...argv] : argv);

async function run(argv: string[], what: string): Promise<void> {
  const p = Bun.spawn(runAs(argv), { stdout: "pipe", stderr: "pipe" });
  const [code, out, err] = await Promise.all([p.exited, new Response(p.stdout).text(), new Response(p.stderr).text()]);
  if (code !== 0) throw new Error(`postgres test cluster: ${what} exited with ${code}: ${(err || out).trim().slice(-800)}`);
}

function freePort(): number {
  const s = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = s.port;
  s.stop(true);
  return port;
}

/** Starts a fresh cluster (trust auth on loopback only, fsync off) for one test file; call remove() in afterAll. */
export async function startTestPostgres(): Promise<TestPostgres> {
  if (!binDir) throw new Error(postgresMissing);
  const dir = mkdtempSync(join(tmpdir(), "amarktai-pg-"));
  const data = join(dir, "data");
  const sockets = join(dir, "sockets");
  mkdirSync(sockets);
  if (asRoot) {
    const pgUser = Bun.spawnSync(["id", "-u", "postgres"]).stdout.toString().trim();
    const pgGroup = Bun.spawnSync(["id", "-g", "postgres"]).stdout.toString().trim();
    for (const p of [dir, sockets]) chownSync(p, Number(pgUser), Number(pgGroup));
  }
  await run([join(binDir, "initdb"), "-D", data, "-U", "amarktai", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"], "initdb");
  const port = freePort();
  const options = `-p ${port} -k ${sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const start = () =>
    run([join(binDir, "pg_ctl"), "-D", data, "-o", options, "-l", join(dir, "server.log"), "-w", "start"], "pg_ctl start");
  const stop = () => run([join(binDir, "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop"], "pg_ctl stop");
  await start();
  let running = true;
  return {
    url: `postgres://amarktai@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      await stop();
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async remove() {
      if (running) await stop().catch(() => undefined);
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
