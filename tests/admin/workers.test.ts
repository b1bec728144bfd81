import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { hostname } from "node:os";
import { sqliteJobQueue } from "../../src/jobs/queue/sqlite";
import { mediaRenderJob } from "../../src/media/job";
import { publishJob } from "../../src/publishing/schedule";
import type { UserRow } from "../../src/users/store";
import { addUser, clientFor } from "../support/accounts";
import { makeTestContext } from "../support/context";
import { S3Fake, S3_FAKE_KEYS } from "../fakes/s3";

let ctx: ReturnType<typeof makeTestContext>;
let ann: UserRow;
beforeEach(async () => {
  ctx = makeTestContext();
  ann = await addUser(ctx, { email: "ann@example.com", name: "Ann", role: "admin" });
});
afterEach(() => ctx.cleanup());

// The cells of one table row (id), tags stripped: what a person reads in it.
function rowCells(html: string, id: string): string[] {
  const row = html.match(new RegExp(`<tr id="${id}">([\\s\\S]*?)</tr>`))?.[1];
  if (!row) throw new Error(`no row ${id} in the page`);
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "").trim());
}

describe("/admin/workers on a single box", () => {
  test("shows this one process, what it runs, and each queue's numbers as the SQLite queue holds them", async () => {
    const q = sqliteJobQueue(ctx.db, ctx.clock);
    const job = (kind: string, key: string, maxAttempts = 3) => ({ kind, key, payload: {}, runAt: ctx.clock.now(), maxAttempts });
    await q.enqueue(job(mediaRenderJob.kind, "render:1"));
    ctx.clock.advance(60_000);
    for (const k of ["render:2", "render:3", "render:4"]) await q.enqueue(job(mediaRenderJob.kind, k));
    await q.enqueue(job(publishJob.kind, "publish:1", 1));
    await q.enqueue(job(publishJob.kind, "publish:2"));
    const running = await q.claim([mediaRenderJob.kind]); // render:1, the oldest: running now, by this process
    const failed = (await q.claim([publishJob.kind]))!;
    expect(await q.fail(failed, "the platform refused", { retryable: false })).toBe("failed");
    expect(running?.key).toBe("render:1");

    ctx.clock.advance(120_000);
    const res = await clientFor(ctx, ann).get("/admin/workers");
    expect(res.status).toBe(200);
    expect(res.text).toContain("<title>Workers and queues");
    // The render queue: three waiting (render:2-4, queued a minute after render:1), one running, none failed.
    const render = rowCells(res.text, `queue-${mediaRenderJob.kind}`);
    expect(render.slice(0, 4)).toEqual([mediaRenderJob.kind, "3", "1", "0"]);
    expect(render[4]).toContain("(2 min ago)"); // render:2, queued two minutes before the page was read
    const publish = rowCells(res.text, `queue-${publishJob.kind}`);
    expect(publish.slice(0, 4)).toEqual([publishJob.kind, "1", "0", "1"]);
    // The one process: role all, this host and pid, running the claimed render.
    expect(res.text).toContain(`${hostname()} (pid ${process.pid})`);
    // What it runs, in words, not the raw kind and key.
    expect(res.text).toContain("<li>render of item #1</li>");
    expect(res.text).not.toContain(`${mediaRenderJob.kind} render:1`);
    expect(res.text).toContain("Single box");
    // Services: SQLite answers; the media folder reports its free space.
    expect(res.text).toMatch(/SQLite \(app data\)<\/td><td data-label="Status"><span class="badge ok">ok/);
    expect(res.text).toMatch(/GB free of [\d.]+ (GB|TB)/);
  });

  test("the live part asks for itself every few seconds and answers alone for htmx", async () => {
    const c = clientFor(ctx, ann);
    const page = await c.get("/admin/workers");
    expect(page.text).toContain('hx-get="/admin/workers/panel" hx-trigger="every 5s" hx-swap="outerHTML"');
    const panel = await c.get("/admin/workers/panel");
    expect(panel.status).toBe(200);
    expect(panel.text.startsWith('<div id="workers-live"')).toBe(true);
    expect(panel.text).not.toContain("<html");
  });

  test("a member gets the not-found page, on the page and its live part", async () => {
    const bob = await addUser(ctx, { email: "bob@example.com", name: "Bob", role: "member" });
    const c = clientFor(ctx, bob);
    for (const path of ["/admin/workers", "/admin/workers/panel"]) {
      const res = await c.get(path);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain("workers-live");
      // The plain not-found page, not the runs one ("no such run or web app", with "Web apps" lit).
      expect(res.text).toContain("Page not found");
      expect(res.text).not.toContain("web app among yours");
    }
  });

  test("someone not signed in is sent to the login page", async () => {
    const { TestClient } = await import("../support/http");
    const res = await new TestClient(ctx).get("/admin/workers");
    expect(res.status).toBe(303);
    expect(res.location).toContain("/login");
  });
});

describe("the bucket's status (storage.driver s3)", () => {
  test("a bucket that answers shows ok with its latency (a HEAD); once it stops answering it shows down with the reason", async () => {
    const s3 = new S3Fake();
    const endpoint = await s3.start();
    const c = makeTestContext({
      AMARKTAI_STORAGE_DRIVER: "s3",
      AMARKTAI_STORAGE_S3_BUCKET: s3.bucket,
      AMARKTAI_STORAGE_S3_ENDPOINT: endpoint,
      AMARKTAI_STORAGE_S3_ACCESS_KEY_ID: S3_FAKE_KEYS.accessKeyId,
      AMARKTAI_STORAGE_S3_SECRET_ACCESS_KEY: S3_FAKE_KEYS.secretAccessKey,
    });
    try {
      const admin = clientFor(c, await addUser(c, { email: "ann@example.com", name: "Ann", role: "admin" }));
      const up = (await admin.get("/admin/workers/panel")).text;
      expect(up).toMatch(
        /Bucket media<\/td><td data-label="Status"><span class="badge ok">ok<\/span><\/td><td data-label="Latency">[\d.]+ ms/,
      );
      expect(up).toContain(`answers (HEAD on ${endpoint})`);
      await s3.stop();
      const down = (await admin.get("/admin/workers/panel")).text;
      expect(down).toMatch(/Bucket media<\/td><td data-label="Status"><span class="badge danger">down/);
      expect(down).not.toContain("answers (HEAD");
    } finally {
      c.cleanup();
      await s3.stop().catch(() => undefined);
    }
  });
});
