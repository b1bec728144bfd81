import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { makeUser } from "../support/content-factories";
import { makeTestContext } from "../support/context";
import { startTestPostgres, type TestPostgres } from "../support/postgres";
import { until } from "../support/wait";
import { describeWithPostgres } from "./postgres-suite";

// Three scheduler processes share one schedule and one of them is killed (kill -9) midway: every account gets exactly
// one run per tick. The issue asks for 10 minutes of a one-minute schedule; this runs 10 ticks of a one-second schedule
// (croner takes six-field patterns, and tickOf names a tick by the second for them), scaled 60:1: the claim path is the
// same, what is counted is ticks and a kill between them, and 10 minutes would not fit a test.

const TICKS = 10;

describeWithPostgres("three schedulers, one killed midway", () => {
  let pg: TestPostgres;
  const ctx = makeTestContext();
  const children: Subprocess<"ignore", "pipe", "pipe">[] = [];
  beforeAll(async () => {
    pg = await startTestPostgres();
    ctx.db.$client.run("CREATE TABLE account_runs (account INTEGER NOT NULL, tick_at INTEGER NOT NULL, pid INTEGER NOT NULL)");
    for (let i = 0; i < 3; i++) makeUser(ctx);
  }, 30_000);
  afterAll(async () => {
    for (const c of children) {
      c.kill("SIGKILL");
      await c.exited;
    }
    await pg?.remove();
    ctx.cleanup();
  });

  const rows = () =>
    ctx.db.$client.query("SELECT account, tick_at AS tick, pid FROM account_runs").all() as {
      account: number;
      tick: number;
      pid: number;
    }[];

  test("each account gets exactly one run per tick for 10 ticks", async () => {
    const child = join(import.meta.dir, "scheduler-child.ts");
    const { data_dir, media_dir } = ctx.config.storage;
    for (let i = 0; i < 3; i++) {
      children.push(Bun.spawn([process.execPath, child, data_dir, media_dir, pg.url], { stdin: "ignore", stdout: "pipe", stderr: "pipe" }));
    }
    await Promise.all(children.map((c) => readyOf(c)));

    // The ten ticks: whole seconds from the first one after all three run.
    const first = Math.ceil(Date.now() / 1000) * 1000 + 1000;
    const ticks = Array.from({ length: TICKS }, (_, i) => first + i * 1000);
    await Bun.sleep(first + 4500 - Date.now());
    // Kill the scheduler that ran the most ticks so far, between two ticks.
    const byPid = new Map<number, number>();
    for (const r of rows()) if (r.tick >= first) byPid.set(r.pid, (byPid.get(r.pid) ?? 0) + 1);
    const victimPid = [...byPid.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? children[0]!.pid;
    const victim = children.find((c) => c.pid === victimPid)!;
    victim.kill("SIGKILL");
    await victim.exited;
    const killedAt = Date.now();

    const last = ticks[TICKS - 1]!;
    await until(() => rows().filter((r) => r.tick === last).length === 3, "the last tick's runs", 15_000);
    await Bun.sleep(300); // a duplicate of the last tick, were there one, would land now

    const inWindow = rows().filter((r) => r.tick >= first && r.tick <= last);
    for (const account of [1, 2, 3]) {
      const mine = inWindow.filter((r) => r.account === account).map((r) => r.tick);
      expect(mine.sort((a, b) => a - b)).toEqual(ticks);
    }
    // The killed one ran ticks before the kill and none after; the other two carried on.
    expect(inWindow.some((r) => r.pid === victimPid)).toBe(true);
    expect(inWindow.filter((r) => r.pid === victimPid && r.tick > killedAt)).toEqual([]);
    expect(new Set(inWindow.filter((r) => r.tick > killedAt).map((r) => r.pid)).size).toBeGreaterThanOrEqual(1);
  }, 60_000);
});

async function readyOf(c: Subprocess<"ignore", "pipe", "pipe">): Promise<void> {
  const reader = c.stdout.getReader();
  const decoder = new TextDecoder();
  let out = "";
  const deadline = Date.now() + 30_000;
  while (!out.includes("READY")) {
    const r = await reader.read();
    if (r.done || Date.now() > deadline)
      throw new Error(`scheduler child ${c.pid} did not start: ${out}${await new Response(c.stderr).text()}`);
    out += decoder.decode(r.value, { stream: true });
  }
  reader.releaseLock();
}
