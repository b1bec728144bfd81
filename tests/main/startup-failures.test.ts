import { afterEach, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../support/server";

const ROOT = join(import.meta.dir, "../..");
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs `bun src/main.ts` on a temp data dir until it exits (it must: these starts fail). */
async function start(port: number, prepare?: (dataDir: string) => void): Promise<{ code: number; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), "amarktai-fail-"));
  dirs.push(dir);
  const dataDir = join(dir, "data");
  mkdirSync(dataDir);
  prepare?.(dataDir);
  writeFileSync(join(dir, "config.yaml"), "# empty\n");
  const proc = Bun.spawn([process.execPath, join(ROOT, "src/main.ts"), "--config", join(dir, "config.yaml")], {
    cwd: ROOT,
    env: {
      ...(process.env as Record<string, string>),
      AMARKTAI_DATA_DIR: dataDir,
      AMARKTAI_MEDIA_DIR: join(dir, "media"),
      AMARKTAI_SERVER_HOST: "127.0.0.1",
      PORT: String(port),
    },
    stdout: "pipe",
    stderr: "pipe",
  });
  const timer = setTimeout(() => proc.kill("SIGKILL"), 20_000);
  const [code, stderr] = await Promise.all([proc.exited, new Response(proc.stderr).text()]);
  clearTimeout(timer);
  return { code, stderr };
}

function oneLineWithoutTrace(stderr: string): string {
  const lines = stderr
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("start-up failed"));
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

test("a port already taken stops start-up with one line naming the address and what to do, exit 1", async () => {
  const taken = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("someone else") });
  try {
    const r = await start(taken.port!);
    expect(r.code).toBe(1);
    const line = oneLineWithoutTrace(r.stderr);
    expect(line).toContain(`cannot listen on 127.0.0.1:${taken.port}`);
    expect(line).toContain("set PORT or server.port to a free port");
  } finally {
    taken.stop(true);
  }
});

test("a database file that is not a database stops start-up with one line naming the folder, exit 1", async () => {
  let folder = "";
  const r = await start(freePort(), (dataDir) => {
    folder = dataDir;
    writeFileSync(join(dataDir, "amarktai.db"), "this is not an SQLite database, it is a text file that took its place\n".repeat(100));
  });
  expect(r.code).toBe(1);
  const line = oneLineWithoutTrace(r.stderr);
  expect(line).toContain(`cannot open or migrate the database in ${folder}`);
  expect(line).toContain("bun run cli backup");
});
