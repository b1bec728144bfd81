import { Database } from "bun:sqlite";
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cliSandbox, REPO_ROOT } from "./helpers";

let box: ReturnType<typeof cliSandbox>;
beforeEach(() => (box = cliSandbox()));
afterEach(() => box.cleanup());

const PASSWORD = "correct horse battery";

describe("cli dispatch", () => {
  test("an unknown command is bad input (exit 2) and names the known ones", () => {
    const r = box.run(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
    expect(r.stderr).toContain("config:check");
  });

  test("--help lists every command with its usage", () => {
    const r = box.run(["--help"]);
    expect(r.code).toBe(0);
    for (const name of [
      "config:check",
      "config:example",
      "migrate",
      "user:create",
      "token:create",
      "app:add",
      "run",
      "digest:send",
      "backup",
    ])
      expect(r.stdout).toContain(name);
  });

  test("commands written as exit-code functions (run, digest:send) are reached through the dispatcher", () => {
    const run = box.run(["run"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--app");
    const digest = box.run(["digest:send"]);
    expect(digest.code).toBe(2);
    expect(digest.stderr).toContain("--email");
  });

  test("an unknown flag is bad input with a one-line reason", () => {
    const r = box.run(["migrate", "--bogus"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("bogus");
  });
});

describe("config:check", () => {
  test("with no config file it says so and ok", () => {
    const r = box.run(["config:check"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("built-in defaults");
    expect(r.stdout.trim().endsWith("ok")).toBe(true);
  });

  test("names the file it read", () => {
    writeFileSync(join(box.dir, "config.yaml"), "server:\n  port: 4000\n");
    const r = box.run(["config:check"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("config: config.yaml");
  });

  test("a bad key exits 2 with the same message start-up prints (key, file, line)", () => {
    const file = join(box.dir, "bad.yaml");
    writeFileSync(file, "server:\n  port: 3000\n  colour: blue\n");
    const r = box.run(["config:check", "--config", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown key "server.colour"');
    expect(r.stderr).toContain(`${file}, line 3`);
    const start = Bun.spawnSync([process.execPath, join(REPO_ROOT, "src/main.ts"), "--config", file], {
      cwd: REPO_ROOT,
      env: box.env,
      stderr: "pipe",
    });
    expect(start.exitCode).toBe(2);
    expect(start.stderr.toString().trim()).toBe(r.stderr.trim());
  });

  test("a wrong value from the environment exits 2 naming the variable", () => {
    const r = box.run(["config:check"], { PORT: "eighty" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("server.port");
    expect(r.stderr).toContain("PORT");
  });
});

describe("migrate", () => {
  test("applies every migration once, then nothing", () => {
    const first = box.run(["migrate"]);
    expect(first.code).toBe(0);
    const applied = Number(first.stdout.match(/migrate: (\d+) applied/)?.[1]);
    expect(applied).toBeGreaterThan(0);
    const second = box.run(["migrate"]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`migrate: 0 applied, ${applied} in total`);
  });
});

describe("user:create and token:create", () => {
  test("creates an admin, refuses a duplicate, and issues a token that resolves to the user", () => {
    const r = box.run([
      "user:create",
      "--email",
      "Owner@Example.com",
      "--password",
      PASSWORD,
      "--admin",
      "--name",
      "Owner",
      "--timezone",
      "Europe/Berlin",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("created admin #1 owner@example.com (Owner, Europe/Berlin)");
    const again = box.run(["user:create", "--email", "owner@example.com", "--password", PASSWORD]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists");

    const t = box.run(["token:create", "--email", "owner@example.com", "--name", "ci"]);
    expect(t.code).toBe(0);
    const token = t.stdout.trim();
    expect(token).toMatch(/^amk_\S{20,}$/);
    const db = new Database(join(box.dir, "data", "amarktai.db"), { readonly: true });
    const row = db.query("SELECT t.name, t.token_hash, u.email FROM api_tokens t JOIN users u ON u.id = t.user_id").get() as Record<
      string,
      string
    >;
    db.close();
    expect(row.email).toBe("owner@example.com");
    expect(row.name).toBe("ci");
    expect(row.token_hash).not.toContain(token.slice(4));
  });

  test("bad input exits 2: missing password, bad email, short password, unknown time zone", () => {
    expect(box.run(["user:create", "--email", "a@example.com"]).code).toBe(2);
    expect(box.run(["user:create", "--email", "not-an-email", "--password", PASSWORD]).code).toBe(2);
    const short = box.run(["user:create", "--email", "a@example.com", "--password", "short"]);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain("at least 10 characters");
    expect(box.run(["user:create", "--email", "a@example.com", "--password", PASSWORD, "--timezone", "Mars/Olympus"]).code).toBe(2);
    expect(existsSync(join(box.dir, "data", "amarktai.db"))).toBe(false);
  });

  test("token:create for an unknown email fails with exit 1", () => {
    const r = box.run(["token:create", "--email", "nobody@example.com"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no user with the email nobody@example.com");
  });
});

describe("backup", () => {
  test("writes a consistent copy, refuses to overwrite it, and the copy opens with the data", () => {
    expect(box.run(["user:create", "--email", "b@example.com", "--password", PASSWORD]).code).toBe(0);
    const target = join(box.dir, "snap.db");
    const r = box.run(["backup", target]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("restore: stop the app");
    const copy = new Database(target, { readonly: true });
    expect(copy.query("SELECT email FROM users").all()).toEqual([{ email: "b@example.com" }]);
    expect(copy.query("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    copy.close();
    const again = box.run(["backup", target]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");
  });

  test("no path, or no database yet, are reported", () => {
    expect(box.run(["backup"]).code).toBe(2);
    const r = box.run(["backup", join(box.dir, "x.db")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no database at");
  });
});

describe("app:add", () => {
  test("adds a web app read from a local test site, refuses the same URL again, and reports an unreachable one", async () => {
    const { startTestSites } = await import("../sites/server");
    const sites = startTestSites();
    try {
      const env = { AMARKTAI_FETCH_ALLOW_PRIVATE_NETWORKS: "true" };
      expect(box.run(["user:create", "--email", "c@example.com", "--password", PASSWORD]).code).toBe(0);
      // spawnSync would block this process's test site; run the CLI asynchronously
      const run = async (args: string[]) => {
        const p = Bun.spawn([process.execPath, join(REPO_ROOT, "src/cli/main.ts"), ...args], {
          cwd: box.dir,
          env: { ...box.env, ...env },
          stdout: "pipe",
          stderr: "pipe",
        });
        const [stdout, stderr, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
        return { code, stdout, stderr };
      };
      const r = await run(["app:add", "--email", "c@example.com", "--url", sites.url("/tasktide")]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/added web app #1 "TaskTide[^"]*"/);
      expect(r.stdout).toContain("pick its platforms");
      const named = await run([
        "app:add",
        "--email",
        "c@example.com",
        "--url",
        sites.url("/recipes"),
        "--name",
        "My Recipes",
        "--platforms",
        "x,linkedin",
      ]);
      expect(named.code).toBe(0);
      expect(named.stdout).toContain('"My Recipes"');
      expect(named.stdout).toContain("on x, linkedin");
      const dup = await run(["app:add", "--email", "c@example.com", "--url", sites.url("/tasktide")]);
      expect(dup.code).toBe(2);
      expect(dup.stderr).toContain("already added");
      const notHtml = await run(["app:add", "--email", "c@example.com", "--url", sites.url("/data.json")]);
      expect(notHtml.code).toBe(1);
      expect(notHtml.stderr.trim().split("\n")).toHaveLength(1);
      const nobody = await run(["app:add", "--email", "x@example.com", "--url", sites.url("/")]);
      expect(nobody.code).toBe(1);
      const db = new Database(join(box.dir, "data", "amarktai.db"), { readonly: true });
      expect(db.query("SELECT name, platforms FROM webapps ORDER BY id").all()).toEqual([
        { name: expect.stringContaining("TaskTide"), platforms: "[]" },
        { name: "My Recipes", platforms: '["x","linkedin"]' },
      ]);
      db.close();
    } finally {
      await sites.stop();
    }
  });
});
