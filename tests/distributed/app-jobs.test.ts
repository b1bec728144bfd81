import { afterAll, beforeAll, expect, test } from "bun:test";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportFile } from "../../src/exports/job";
import { findJobById } from "../../src/jobs/store";
import { createApp } from "../../src/server/app";
import { authedGet, formPost, makeItem, makeUser, makeWebapp, signIn } from "../support/content-factories";
import { makeTestContext } from "../support/context";
import { startTestPostgres, type TestPostgres } from "../support/postgres";
import type { RunningServer } from "../support/server";
import { until } from "../support/wait";
import { describeWithPostgres } from "./postgres-suite";
import { ownerPid, startRole } from "./roles";

// A job the app enqueues (an export asked for on the web) runs on a `--role render` process: the scheduler's relay
// hands it to pg-boss, the render worker builds it and writes its progress and outcome back onto the job's row.

describeWithPostgres("an app job in distributed mode", () => {
  let pg: TestPostgres;
  const ctx = makeTestContext();
  const app = createApp(ctx);
  const roles: RunningServer[] = [];
  beforeAll(async () => {
    pg = await startTestPostgres();
    roles.push(await startRole(pg, ctx, "scheduler"), await startRole(pg, ctx, "render"));
  }, 60_000);
  afterAll(async () => {
    for (const r of roles) await r.stop();
    await pg?.remove();
    ctx.cleanup();
  });

  test("an export asked for on the web is built by the render role and offered for download", async () => {
    const [scheduler, render] = roles as [RunningServer, RunningServer];
    const u = makeUser(ctx);
    const s = signIn(ctx, u.id);
    const w = makeWebapp(ctx, u.id);
    mkdirSync(join(ctx.config.storage.media_dir, "dist"), { recursive: true });
    writeFileSync(join(ctx.config.storage.media_dir, "dist", "a.mp4"), randomBytes(200_000));
    const item = makeItem(ctx, { userId: u.id, webappId: w.id, platform: "tiktok", media: { video: "dist/a.mp4" } });
    const res = await app.handle(formPost("/exports", s, { what: "item", id: String(item.id) }));
    expect(res.status).toBe(303);
    const id = Number(/\/exports\/(\d+)$/.exec(res.headers.get("location") ?? "")![1]);

    await until(() => findJobById(ctx.db, id)!.status === "done", "the export job done", 30_000);
    const job = findJobById(ctx.db, id)!;
    expect(job.relayedAt).not.toBeNull();
    expect(job.attempts).toBe(1);
    expect(ownerPid(job.leaseOwner)).toBe(render.proc.pid);
    expect(job.progress).toContain("of");
    // Named by the job row's id, as on one box: the page finds it and offers it.
    expect(Bun.file(exportFile(ctx, id)).size).toBeGreaterThan(200_000);
    const page = await (await app.handle(authedGet(`/exports/${id}`, s))).text();
    expect(page).toContain(`/exports/${id}/download`);
    const download = await app.handle(authedGet(`/exports/${id}/download`, s));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toContain("zip");
    expect(scheduler.log()).not.toContain("cannot relay");
  }, 60_000);
});
