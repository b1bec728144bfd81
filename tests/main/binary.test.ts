import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBinary } from "../../src/cli/build";
import { startServer } from "../support/server";

const ROOT = join(import.meta.dir, "../..");

/**
 * Runs `cmd` with the source tree's node_modules hidden (a private tmpfs mount), so a bundle that still
 * points at files of the build machine fails here as it would in the image. Needs root (CI is); otherwise
 * runs `cmd` as is.
 */
function withoutSourceModules(cmd: string[]): string[] {
  if (process.getuid?.() !== 0 || !Bun.which("unshare")) return cmd;
  return [Bun.which("unshare")!, "--mount", "sh", "-c", `mount -t tmpfs none ${join(ROOT, "node_modules")} && exec "$@"`, "sh", ...cmd];
}

// One build of the real single binary into a temp folder (what `bun run build` writes to dist/).
let out: string;
let binary: string;
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "amarktai-bin-"));
  binary = await buildBinary(join(out, "dist"));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

test("the compiled binary starts outside the source tree, migrates, serves pages and static files, and stops on SIGTERM", async () => {
  const server = await startServer({ command: withoutSourceModules([binary]), cwd: out });
  try {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/public/app.css`)).status).toBe(200);
    const setup = await fetch(`${server.url}/setup`);
    expect(setup.status).toBe(200);
    expect(await setup.text()).toContain("<form");
  } finally {
    server.proc.kill("SIGTERM");
    expect(await server.proc.exited).toBe(0);
    await server.stop();
  }
});

test("the binary runs CLI commands: amarktai cli config:check", () => {
  const r = Bun.spawnSync(withoutSourceModules([binary, "cli", "config:check"]), {
    cwd: out,
    env: { ...process.env, AMARKTAI_CONFIG: "", AMARKTAI_DATA_DIR: join(out, "data") },
    stdout: "pipe",
  });
  expect(r.exitCode).toBe(0);
  expect(r.stdout.toString()).toContain("ok");
});

test("sharp's native addon loads beside a compiled executable", async () => {
  const probe = await buildBinary(join(out, "probe"), join(import.meta.dir, "../support/sharp-probe.ts"), "probe");
  const r = Bun.spawnSync(withoutSourceModules([probe]), { cwd: tmpdir(), stdout: "pipe", stderr: "pipe" });
  expect(r.stderr.toString()).toBe("");
  expect(r.stdout.toString().trim()).toBe("sharp 10x5 png");
});

test("playwright-core loads beside a compiled executable and drives Chromium", async () => {
  const probe = await buildBinary(join(out, "pw"), join(import.meta.dir, "../support/playwright-probe.ts"), "probe");
  const r = Bun.spawnSync(withoutSourceModules([probe]), { cwd: tmpdir(), stdout: "pipe", stderr: "pipe" });
  expect(r.stderr.toString()).toBe("");
  expect(r.stdout.toString().trim()).toBe("playwright png ok");
});
