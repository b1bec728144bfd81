import { Database } from "bun:sqlite";
import { afterEach, expect, test } from "bun:test";
import { join } from "node:path";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

// The throttle counts sign-in failures per account and address. In the real process (Bun.serve in src/server/start.ts,
// not app.handle in a test) every failure was recorded under "unknown": Elysia had no server to ask for the peer
// address, so five wrong passwords from anyone locked the account out for everyone.
test("the running app records a failed sign-in under the client's socket address, not 'unknown'", async () => {
  server = await startServer();
  const cli = Bun.spawnSync(
    [process.execPath, "src/cli/main.ts", "user:create", "--email", "owner@example.com", "--password", "a-long-password-1", "--admin"],
    {
      cwd: join(import.meta.dir, "..", ".."),
      env: {
        ...(process.env as Record<string, string>),
        AMARKTAI_CONFIG: "",
        AMARKTAI_DATA_DIR: server.dataDir,
        PORT: String(server.port),
      },
    },
  );
  expect(cli.exitCode).toBe(0);
  const res = await fetch(`${server.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url, "sec-fetch-site": "same-origin" },
    body: "email=owner%40example.com&password=wrong-password-1",
  });
  expect(res.status).toBeGreaterThanOrEqual(400);
  const db = new Database(join(server.dataDir, "amarktai.db"), { readonly: true });
  const rows = db.query("SELECT address FROM login_failures").all() as { address: string }[];
  db.close();
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.map((r) => r.address)).toEqual(rows.map(() => "127.0.0.1"));
});
