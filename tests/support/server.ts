import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";

const ROOT = join(import.meta.dir, "../..");

/** A free TCP port on 127.0.0.1 (the app's config needs a number, so port 0 cannot be passed through). */
export function freePort(): number {
  const probe = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() });
  const port = probe.port!;
  probe.stop(true);
  return port;
}

/** The real app running as a child process on a random loopback port with its own temp data dir. */
export interface RunningServer {
  url: string;
  port: number;
  dir: string;
  dataDir: string;
  proc: Subprocess<"ignore", "pipe", "pipe">;
  /** The (empty) config file the server was started with. */
  configFile: string;
  /** Everything the process wrote to stderr so far (its log). */
  log(): string;
  /** Sends SIGTERM (if still running), waits for the exit, removes the temp dir. */
  stop(): Promise<void>;
}

/**
 * Starts `bun src/main.ts` (or `command`) and waits until /healthz answers (any status).
 * It runs from the repository root like `bun start` (Bun takes JSX settings from the tsconfig.json there),
 * with `--config` naming an empty file in the temp dir so a developer's ./config.yaml is never read;
 * `env` adds or overrides variables.
 */
export async function startServer(
  opts: { env?: Record<string, string>; command?: string[]; cwd?: string; waitMs?: number } = {},
): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), "amarktai-srv-"));
  const port = freePort();
  const dataDir = join(dir, "data");
  const configFile = join(dir, "config.yaml");
  writeFileSync(configFile, "# empty: built-in defaults plus the environment\n");
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    AMARKTAI_CONFIG: "",
    AMARKTAI_DATA_DIR: dataDir,
    AMARKTAI_MEDIA_DIR: join(dir, "media"),
    AMARKTAI_SERVER_HOST: "127.0.0.1",
    AMARKTAI_SERVER_PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    AMARKTAI_FETCH_ALLOW_PRIVATE_NETWORKS: "true",
    PORT: String(port),
    ...opts.env,
  };
  const command = [...(opts.command ?? [process.execPath, join(ROOT, "src/main.ts")]), "--config", configFile];
  const proc = Bun.spawn(command, { cwd: opts.cwd ?? ROOT, env, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  let stderr = "";
  void (async () => {
    const decoder = new TextDecoder();
    const reader = proc.stderr.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) stderr += decoder.decode(r.value, { stream: true });
  })();
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.waitMs ?? 15_000);
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode} before answering: ${stderr}`);
    try {
      await fetch(`${url}/healthz`);
      break;
    } catch {
      if (Date.now() > deadline) {
        proc.kill("SIGKILL");
        throw new Error(`server did not answer /healthz on ${url}: ${stderr}`);
      }
      await Bun.sleep(50);
    }
  }
  return {
    url,
    port,
    dir,
    dataDir,
    configFile,
    proc,
    log: () => stderr,
    async stop() {
      if (proc.exitCode === null) proc.kill("SIGTERM");
      await proc.exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
