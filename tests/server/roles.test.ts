import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { parseConfig } from "../../src/config/load";
import { ROLE_KINDS, roleFromArgs, schedulesOf } from "../../src/server/roles";
import { SCHEDULES } from "../../src/server/schedules";
import { jobList } from "../../src/server/jobs";
import { makeTestContext } from "../support/context";
import { postgresMissing, startTestPostgres, type TestPostgres } from "../support/postgres";
import { startServer, type RunningServer } from "../support/server";
import { underCI } from "../support/tools";
import { until } from "../support/wait";

const ROOT = join(import.meta.dir, "../..");
const single = parseConfig("", undefined, {});
const distributed = parseConfig("", undefined, { AMARKTAI_MODE: "distributed", AMARKTAI_POSTGRES_URL: "postgres://db/x" });

describe("--role", () => {
  test("defaults to all; single mode refuses any other role with a sentence saying why and what to set", () => {
    expect(roleFromArgs(["bun", "main.ts"], single)).toBe("all");
    const r = roleFromArgs(["bun", "main.ts", "--role", "render"], single);
    expect(r).toEqual({ problem: expect.stringContaining("--role render needs distributed mode") });
    expect(roleFromArgs(["bun", "main.ts", "--role=publish"], distributed)).toBe("publish");
    expect(roleFromArgs(["bun", "main.ts", "--role", "cook"], distributed)).toEqual({
      problem: expect.stringContaining('"cook" is not a role'),
    });
  });

  test("scheduler and metrics split the schedules between them, each schedule on exactly one; workers run none", () => {
    const names = (role: Parameters<typeof schedulesOf>[0]) => schedulesOf(role).map((s) => s.name);
    expect(names("metrics")).toEqual(["metrics-collection", "comment-sync"]);
    expect([...names("scheduler"), ...names("metrics")].sort()).toEqual(SCHEDULES.map((s) => s.name).sort());
    for (const role of ["web", "render", "publish"] as const) expect(names(role)).toEqual([]);
  });

  test("every job kind of the registry belongs to exactly one worker role", () => {
    const ctx = makeTestContext();
    try {
      const kinds = jobList(ctx, { complete: async () => ({}) } as never).map((j) => j.kind);
      const assigned = Object.values(ROLE_KINDS).flat();
      expect([...assigned].sort()).toEqual([...kinds].sort());
      expect(new Set(assigned).size).toBe(assigned.length);
    } finally {
      ctx.cleanup();
    }
  });
});

describe("a single box", () => {
  let server: RunningServer | undefined;
  afterAll(async () => server?.stop());

  test("starts with every part and never loads pg or pg-boss", async () => {
    server = await startServer({ command: [process.execPath, join(ROOT, "tests/server/single-mode-child.ts")] });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await until(() => server!.log().includes("PG-MODULES"), "the module report");
    expect(server.log()).toContain("PG-MODULES []");
  });

  test("refuses --role render with exit 2 and the reason", async () => {
    const p = Bun.spawn([process.execPath, join(ROOT, "src/main.ts"), "--role", "render"], {
      cwd: ROOT,
      env: { ...process.env, AMARKTAI_CONFIG: "", AMARKTAI_DATA_DIR: "/nonexistent-never-created" },
      stderr: "pipe",
      stdout: "ignore",
    });
    expect(await p.exited).toBe(2);
    expect(await new Response(p.stderr).text()).toContain("config error: --role render needs distributed mode");
  });
});

const withPostgres = postgresMissing ? (underCI() ? describe : describe.skip) : describe;
if (postgresMissing) console.log(postgresMissing);

withPostgres("distributed roles on PostgreSQL", () => {
  let pg: TestPostgres;
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await pg?.remove();
  });
  const startRole = async (role: string) => {
    const s = await startServer({
      command: [process.execPath, join(ROOT, "src/main.ts"), "--role", role],
      env: { AMARKTAI_MODE: "distributed", AMARKTAI_POSTGRES_URL: pg.url },
      waitMs: 30_000,
    });
    servers.push(s);
    return s;
  };

  test("each role answers /healthz with its name; only web serves pages; 503 while PostgreSQL is down, 200 once back", async () => {
    pg = await startTestPostgres();
    const scheduler = await startRole("scheduler");
    const web = await startRole("web");
    const health = async (s: RunningServer) => {
      const res = await fetch(`${s.url}/healthz`);
      return { status: res.status, body: (await res.json()) as { role: string; queue: string; problems: string[] } };
    };
    expect(await health(scheduler)).toMatchObject({ status: 200, body: { role: "scheduler", queue: "ok" } });
    expect(await health(web)).toMatchObject({ status: 200, body: { role: "web", queue: "ok" } });
    expect((await fetch(`${scheduler.url}/login`)).status).toBe(404);
    expect((await fetch(`${web.url}/login`, { redirect: "manual" })).status).toBeLessThan(400);
    expect(scheduler.log()).toContain("role scheduler, queue pg-boss");

    await pg.stop();
    const down = await health(scheduler);
    expect(down.status).toBe(503);
    expect(down.body.queue).toBe("unreachable");
    expect(down.body.problems.join(" ")).toContain("queue: its database does not answer");
    await pg.start();
    let back = await health(scheduler);
    for (let i = 0; i < 40 && back.status !== 200; i++) {
      await Bun.sleep(250);
      back = await health(scheduler);
    }
    expect(back).toMatchObject({ status: 200, body: { role: "scheduler", queue: "ok" } });
  }, 90_000);
});
