import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import type { JobQueue } from "../../src/jobs/queue/port";
import { pgBossJobQueue } from "../../src/jobs/queue/pg-boss";
import { postgresMissing, startTestPostgres, type TestPostgres } from "../support/postgres";
import { startServer, type RunningServer } from "../support/server";
import { underCI } from "../support/tools";
import { OUTAGE_HEARTBEAT_SECONDS, OUTAGE_KIND, OUTAGE_MS } from "./outage-settings";

// Issue 18: "PostgreSQL stopped for 60 s: workers back off and resume, no job lost or duplicated, /healthz answers
// 503 meanwhile". The stop here is 15 s against a 10 s heartbeat window (pg-boss's minimum): the same situation as
// 60 s against the default 30 s (every running job's heartbeat lapses before the database is back), in a quarter
// of the time, so CI can run it on every change.
const withPostgres = postgresMissing ? (underCI() ? describe : describe.skip) : describe;
if (postgresMissing) console.log(postgresMissing);

const ROOT = join(import.meta.dir, "../..");
const JOBS = 40;
const WORK_MS = 1500;

interface Child {
  proc: ReturnType<typeof Bun.spawn>;
  lines: { at: number; text: string }[];
}

function spawnWorker(url: string, workers: number): Child {
  const proc = Bun.spawn([process.execPath, join(import.meta.dir, "outage-worker.ts"), url, String(workers)], {
    cwd: ROOT,
    stdout: "pipe",
    stderr: "inherit",
  });
  const lines: Child["lines"] = [];
  void (async () => {
    let buf = "";
    const reader = (proc.stdout as ReadableStream<Uint8Array>).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      buf += new TextDecoder().decode(r.value);
      const parts = buf.split("\n");
      buf = parts.pop()!;
      for (const text of parts) lines.push({ at: Date.now(), text });
    }
  })();
  return { proc, lines };
}

async function waitFor(done: () => boolean | Promise<boolean>, what: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await Bun.sleep(100);
  }
}

withPostgres("PostgreSQL stopped while jobs run", () => {
  let pg: TestPostgres;
  let queue: JobQueue | undefined;
  let role: RunningServer | undefined;
  const children: Child[] = [];
  afterAll(async () => {
    for (const c of children) c.proc.kill(9);
    await role?.stop();
    await queue?.close().catch(() => undefined);
    await pg?.remove();
  });

  test("a role's /healthz answers 503 meanwhile; workers back off, resume, and run every job exactly once", async () => {
    pg = await startTestPostgres();
    // A real render role (its own queue workers, registry and /healthz) beside two worker processes of two workers each.
    role = await startServer({
      command: [process.execPath, join(ROOT, "src/main.ts"), "--role", "render"],
      env: {
        AMARKTAI_MODE: "distributed",
        AMARKTAI_POSTGRES_URL: pg.url,
        AMARKTAI_DISTRIBUTED_HEARTBEAT_SECONDS: String(OUTAGE_HEARTBEAT_SECONDS),
      },
      waitMs: 30_000,
    });
    const health = async () => (await fetch(`${role!.url}/healthz`).catch(() => undefined))?.status;
    expect(await health()).toBe(200);
    for (let i = 0; i < 2; i++) children.push(spawnWorker(pg.url, 2));
    await waitFor(() => children.every((c) => c.lines.some((l) => l.text === "READY")), "the workers to start", 30_000);

    queue = await pgBossJobQueue({ url: pg.url, heartbeatSeconds: OUTAGE_HEARTBEAT_SECONDS, superviseIntervalSeconds: 1, poolSize: 2 });
    for (let i = 0; i < JOBS; i++)
      await queue.enqueue({ kind: OUTAGE_KIND, key: `outage:${i}`, payload: { ms: WORK_MS }, runAt: new Date(), maxAttempts: 5 });
    const ran = () => children.flatMap((c) => c.lines.filter((l) => l.text.startsWith("RAN ")));
    await waitFor(() => ran().length >= 8, "the first jobs to finish", 30_000);

    // Stop the database while four jobs run (their heartbeats will lapse: 15 s > the 10 s window).
    await pg.stop();
    const stoppedAt = Date.now();
    await waitFor(async () => (await health()) === 503, "/healthz to answer 503", 10_000);
    const body = (await (await fetch(`${role.url}/healthz`)).json()) as { queue: string; role: string };
    expect(body).toMatchObject({ role: "render", queue: "unreachable" });
    await Bun.sleep(Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt)));
    expect(await health()).toBe(503);
    const ranBeforeRestart = ran().length;
    await pg.start();
    const restartedAt = Date.now();

    await waitFor(async () => (await health()) === 200, "/healthz to answer 200 again", 20_000);
    await waitFor(() => new Set(ran().map((l) => l.text.split(" ")[1])).size >= JOBS, "every job to run", 90_000);
    await waitFor(
      async () => {
        const [d] = await queue!.depths([OUTAGE_KIND]).catch(() => [undefined]);
        return d !== undefined && d.queued === 0 && d.running === 0;
      },
      "the queue to empty",
      30_000,
    );
    // A few more sweeps, so an attempt wrongly taken over would have run again by now.
    await Bun.sleep(3000);

    // No job lost or run twice: each key finished once, and no worker's outcome was refused.
    const counts = new Map<string, number>();
    for (const l of ran()) counts.set(l.text.split(" ")[1]!, (counts.get(l.text.split(" ")[1]!) ?? 0) + 1);
    expect(counts.size).toBe(JOBS);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    const logs = children.flatMap((c) => c.lines.filter((l) => l.text.startsWith("LOG ")).map((l) => l.text));
    expect(logs.filter((l) => l.includes("lost the job") || l.includes("could not record the outcome"))).toEqual([]);
    const [d] = await queue.depths([OUTAGE_KIND]);
    expect(d).toMatchObject({ queued: 0, running: 0, failed: 0 });

    // The role's idle workers backed off while the database was away (polls of 1 s doubling to at most 10 s: a
    // handful of tries in 15 s, not fifteen), and said so once back. (The busy workers above spent the outage
    // retrying their outcomes instead of claiming.)
    const back = role.log().match(/the queue answers again after (\d+) failed claims/g) ?? [];
    expect(back.length).toBeGreaterThanOrEqual(1);
    for (const l of back) expect(Number(l.match(/after (\d+)/)![1])).toBeLessThanOrEqual(6);
    const firstAfter = ran()
      .slice(ranBeforeRestart)
      .find((l) => l.at > restartedAt);
    expect(firstAfter).toBeDefined();
    expect(firstAfter!.at - restartedAt).toBeLessThan(10_000 + WORK_MS + 2000);
    // The role process says it lost the queue and kept going.
    expect(role.log()).toContain("cannot reach the queue");
    expect(role.proc.exitCode).toBeNull();
  }, 240_000);
});
