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

/**
 * Opens a POST that asks "Expect: 100-continue" and holds its body back, so the request is in flight until `finish()`
 * sends it; `handling` resolves when the server answers "100 Continue" (it has taken the request and waits for the body).
 */
function slowPost(port: number, path: string) {
  const body = "email=someone%40example.com&password=wrong-password-1";
  const socket = connect(port, "127.0.0.1");
  let response = "";
  let handled!: () => void;
  const handling = new Promise<void>((resolve) => (handled = resolve));
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  socket.on("data", (d) => {
    response += d.toString();
    if (response.startsWith("HTTP/1.1 100 ")) handled();
  });
  socket.on("error", () => {});
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\nSec-Fetch-Site: same-origin\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
  );
  return {
    handling,
    /** The final answer so far (after any "100 Continue"). */
    answerSoFar: () => response.replace(/^HTTP\/1\.1 100 [^\r]*\r\n\r\n/, ""),
    async finish() {
      socket.write(body);
      await closed;
      return response.replace(/^HTTP\/1\.1 100 [^\r]*\r\n\r\n/, "");
    },
  };
}

/** Resolves once the port refuses new connections (the server stopped listening). */
async function refusing(port: number): Promise<void> {
  for (;;) {
    const refused = await new Promise<boolean>((resolve) => {
      const s = connect(port, "127.0.0.1");
      s.on("connect", () => {
        s.destroy();
        resolve(false);
      });
      s.on("error", () => resolve(true));
    });
    if (refused) return;
    await Bun.sleep(10);
  }
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
  await inflight.handling; // the server has the request and waits for its body
  server.proc.kill("SIGTERM");
  await refusing(server.port); // it has stopped listening...
  expect(server.proc.exitCode).toBeNull(); // ...and waits for the request in flight
  expect(inflight.answerSoFar()).toBe("");
  const answer = await inflight.finish();
  expect(answer).toMatch(/^HTTP\/1\.1 [2-5]\d\d /); // a real answer, not only the "100 Continue"

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

test("an idle operator-mode box stops on SIGTERM within 3 s, with the landing page served and a browser's connection still open", async () => {
  server = await startServer({ env: { AMARKTAI_OPERATOR_ENABLED: "true", AMARKTAI_AUTH_SIGNUP: "open" } });
  expect((await fetch(`${server.url}/pricing`)).status).toBe(200);
  // A kept-alive connection that fetched the landing page, as a browser leaves it.
  const socket = connect(server.port, "127.0.0.1");
  await new Promise((r) => socket.once("connect", r));
  socket.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  await new Promise((r) => socket.once("data", r));
  try {
    server.proc.kill("SIGTERM");
    // A behaviour bound, generous for a loaded machine (a stop waiting on anything lasts 8-10 s), not a speed figure.
    expect(await exitWithin(server.proc, 3_000)).toBe(0);
    expect(server.log()).toMatch(/ stopped\n/);
  } finally {
    socket.destroy();
  }
});
