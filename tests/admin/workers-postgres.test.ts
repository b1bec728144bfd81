import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { startPostgresRegistry, type WorkerRegistry } from "../../src/admin/registry";
import type { JobQueue } from "../../src/jobs/queue/port";
import { pgBossJobQueue } from "../../src/jobs/queue/pg-boss";
import { mediaRenderJob } from "../../src/media/job";
import { publishJob } from "../../src/publishing/schedule";
import { createApp } from "../../src/server/app";
import { addUser, clientFor } from "../support/accounts";
import { makeTestContext } from "../support/context";
import { postgresMissing, startTestPostgres, type TestPostgres } from "../support/postgres";
import { underCI } from "../support/tools";
import { hostname } from "node:os";

const withPostgres = postgresMissing ? (underCI() ? describe : describe.skip) : describe;
if (postgresMissing) console.log(postgresMissing);

// The worker rows as the page shows them: "host pid" -> the row's text and whether it shows as gone.
function workerRows(html: string): Map<string, { text: string; gone: boolean }> {
  const out = new Map<string, { text: string; gone: boolean }>();
  for (const m of html.matchAll(/<tr data-worker="([^"]+)"( class="muted")?>([\s\S]*?)<\/tr>/g))
    out.set(m[1]!, { text: m[3]!.replace(/<[^>]+>/g, " ").replace(/\s+/g, " "), gone: m[2] !== undefined });
  return out;
}

function queueCells(html: string, kind: string): string[] {
  const row = html.match(new RegExp(`<tr id="queue-${kind}">([\\s\\S]*?)</tr>`))?.[1] ?? "";
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "").trim());
}

withPostgres("/admin/workers in distributed mode (real PostgreSQL)", () => {
  let pg: TestPostgres;
  let queue: JobQueue | undefined;
  let registry: WorkerRegistry | undefined;
  let child: ReturnType<typeof Bun.spawn> | undefined;
  const ctx = makeTestContext();
  afterAll(async () => {
    child?.kill(9);
    await registry?.stop().catch(() => undefined);
    await queue?.close().catch(() => undefined);
    await pg?.remove();
    ctx.cleanup();
  });

  test("lists every process from the registry, marks a killed one gone after three beats, and shows pg-boss's numbers", async () => {
    pg = await startTestPostgres();
    queue = await pgBossJobQueue({ url: pg.url, heartbeatSeconds: 10, poolSize: 3 });
    const beatMs = 300;
    registry = await startPostgresRegistry({ url: pg.url, role: "web", beatMs, running: () => [] });
    const job = (kind: string, key: string, maxAttempts = 3) => ({
      kind,
      key,
      payload: {},
      runAt: new Date(Date.now() - 1000),
      maxAttempts,
    });
    for (const k of ["r1", "r2", "r3", "r4"]) await queue.enqueue(job(mediaRenderJob.kind, k));
    await queue.enqueue(job(publishJob.kind, "p1", 1));
    await queue.enqueue(job(publishJob.kind, "p2"));
    expect(await queue.claim([mediaRenderJob.kind])).toBeDefined();
    const p = (await queue.claim([publishJob.kind]))!;
    expect(await queue.fail(p, "refused", { retryable: false })).toBe("failed");

    child = Bun.spawn([process.execPath, join(import.meta.dir, "registry-child.ts"), pg.url, "render", String(beatMs)], {
      stdout: "pipe",
      stderr: "inherit",
    });
    const reader = child.stdout as ReadableStream<Uint8Array>;
    const first = await reader.getReader().read();
    expect(new TextDecoder().decode(first.value)).toContain("READY");

    const admin = clientFor(
      ctx,
      await addUser(ctx, { email: "ann@example.com", name: "Ann", role: "admin" }),
      createApp(ctx, { queue, registry }),
    );
    const page = await admin.get("/admin/workers");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Queues (pg-boss on PostgreSQL)");
    expect(queueCells(page.text, mediaRenderJob.kind).slice(0, 4)).toEqual([mediaRenderJob.kind, "3", "1", "0"]);
    expect(queueCells(page.text, publishJob.kind).slice(0, 4)).toEqual([publishJob.kind, "1", "0", "1"]);
    expect(page.text).toMatch(/PostgreSQL \(job queues, worker registry\)<\/td><td data-label="Status"><span class="badge ok">ok/);
    const rows = workerRows(page.text);
    const host = hostname();
    expect(rows.get(`${host} ${process.pid}`)).toMatchObject({ gone: false });
    expect(rows.get(`${host} ${process.pid}`)!.text).toContain("web");
    expect(rows.get(`${host} ${child.pid}`)).toMatchObject({ gone: false });
    expect(rows.get(`${host} ${child.pid}`)!.text).toContain("render of item #9");

    child.kill(9);
    await child.exited;
    const t0 = Date.now();
    const pid = child.pid;
    for (let i = 0; workerRows((await admin.get("/admin/workers/panel")).text).get(`${host} ${pid}`)?.gone !== true; i++) {
      if (i > 100) throw new Error("the killed process never showed as gone");
      await Bun.sleep(100);
    }
    // Not before three beats of silence (its last beat may have come just before the kill).
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2 * beatMs);
    const after = workerRows((await admin.get("/admin/workers/panel")).text);
    expect(after.get(`${host} ${process.pid}`)?.gone).toBe(false);

    // PostgreSQL away: the page still answers, saying what is down, within the probes' time limit.
    await pg.stop();
    const down = await admin.get("/admin/workers/panel");
    expect(down.status).toBe(200);
    expect(down.text).toMatch(/PostgreSQL \(job queues, worker registry\)<\/td><td data-label="Status"><span class="badge danger">down/);
    expect(down.text).toContain("The processes cannot be listed");
    await pg.start();
  }, 90_000);
});
