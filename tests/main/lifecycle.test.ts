import { Database } from "bun:sqlite";
import { afterEach, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** Opens a POST whose form body arrives in two parts, so the request is in flight until `finish()` sends the rest. */
function slowPost(port: number, path: string) {
  const body = "email=someone%40example.com&password=wrong-password-1";
  const head = body.slice(0, 10);
  const socket = connect(port, "127.0.0.1");
  let response = "";
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  socket.on("data", (d) => (response += d.toString()));
  socket.on("error", () => {});
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\nSec-Fetch-Site: same-origin\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${head}`,
  );
  return {
    sentSoFar: () => response,
    async finish() {
      socket.write(body.slice(head.length));
      await closed;
      return response;
    },
  };
}

/** Waits for the process to exit; undefined when it did not within `ms`. */
async function exitWithin(proc: RunningServer["proc"], ms: number): Promise<number | undefined> {
  const timer = Bun.sleep(ms).then(() => undefined);
  return Promise.race([proc.exited, timer]);
}

test("SIGTERM: the in-flight request completes, the process exits 0 within 10 s and the database is closed (WAL checkpointed)", async () => {
  server = await startServer();
  const res = await fetch(`${server.url}/healthz`);
  expect(res.status).toBe(200);
  const wal = join(server.dataDir, "amarktai.db-wal");
  expect(existsSync(wal)).toBe(true);

  const inflight = slowPost(server.port, "/login");
  await Bun.sleep(300);
  expect(inflight.sentSoFar()).toBe(""); // the server is still waiting for the body
  server.proc.kill("SIGTERM");
  await Bun.sleep(300);
  expect(server.proc.exitCode).toBeNull(); // it waits for the request in flight
  const answer = await inflight.finish();
  expect(answer).toMatch(/^HTTP\/1\.1 \d{3} /);

  const code = await exitWithin(server.proc, 10_000);
  expect(code).toBe(0);
  expect(server.log()).toContain("SIGTERM: stopping");
  expect(server.log()).toContain("stopped");
  // a clean close checkpoints the WAL into the database file and removes it
  expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
  const db = new Database(join(server.dataDir, "amarktai.db"), { readonly: true });
  expect(db.query("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
  db.close();
});

test("SIGINT stops the app the same way, exit code 0", async () => {
  server = await startServer();
  server.proc.kill("SIGINT");
  expect(await exitWithin(server.proc, 10_000)).toBe(0);
  expect(server.log()).toContain("SIGINT: stopping");
});

test("cold start on an empty data dir: migrations applied, key generated, /healthz 200 with status ok", async () => {
  server = await startServer();
  const res = await fetch(`${server.url}/healthz`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { status: string; database: string; ffmpeg: string };
  expect(body.status).toBe("ok");
  expect(body.database).toBe("ok");
  expect(body.ffmpeg).not.toBe("missing");
  expect(existsSync(join(server.dataDir, "secret.key"))).toBe(true);
  expect(server.log()).toContain(`config: ${server.configFile}`);
});

test("/healthz answers 503 naming ffmpeg when ffmpeg is not on PATH", async () => {
  const emptyBin = mkdtempSync(join(tmpdir(), "amarktai-nopath-"));
  try {
    server = await startServer({ env: { PATH: emptyBin } });
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; problems: string[] };
    expect(body.status).toBe("unavailable");
    expect(body.problems.join(" ")).toContain("ffmpeg");
  } finally {
    rmSync(emptyBin, { recursive: true, force: true });
  }
});

test("an invalid config stops start-up with exit code 2 and one line naming the key", async () => {
  const proc = Bun.spawn([process.execPath, join(import.meta.dir, "../../src/main.ts")], {
    env: { ...process.env, PORT: "99999", AMARKTAI_CONFIG: "" },
    cwd: join(import.meta.dir, "../.."),
    stderr: "pipe",
  });
  expect(await proc.exited).toBe(2);
  const err = await new Response(proc.stderr).text();
  expect(err.trim().split("\n")).toHaveLength(1);
  expect(err).toContain("server.port");
});
