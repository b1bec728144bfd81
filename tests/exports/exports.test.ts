import { afterAll, expect, test } from "bun:test";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportFile, exportHandler, exportJob } from "../../src/exports/job";
import { handlersOf } from "../../src/jobs/declare";
import { expireLeasesOf, findJobById } from "../../src/jobs/store";
import { PROCESS_OWNER } from "../../src/jobs/owner";
import { JobWorker } from "../../src/jobs/worker";
import { createApp } from "../../src/server/app";
import { makeTestContext } from "../support/context";
import { authedGet, formPost, makeBatch, makeItem, makeUser, makeWebapp, signIn } from "../support/content-factories";

const ctx = makeTestContext();
const app = createApp(ctx);
afterAll(() => ctx.cleanup());

/** A video of `bytes` random bytes under the media folder; its path relative to it. */
function video(name: string, bytes: number): string {
  const dir = join(ctx.config.storage.media_dir, "exports-test");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), randomBytes(bytes));
  return `exports-test/${name}`;
}

function owner() {
  const u = makeUser(ctx);
  return { u, s: signIn(ctx, u.id), w: makeWebapp(ctx, u.id) };
}

/** Asks for an export through the form and answers the export's id (from the redirect to its page). */
async function ask(s: { cookie: string; csrf: string }, what: string, id: number): Promise<number> {
  const res = await app.handle(formPost("/exports", s, { what, id: String(id) }));
  expect(res.status).toBe(303);
  const m = /^\/exports\/(\d+)$/.exec(res.headers.get("location") ?? "");
  expect(m).not.toBeNull();
  return Number(m![1]);
}

const text = async (path: string, s: { cookie: string }) => (await app.handle(authedGet(path, s))).text();

function worker(pause?: (n: number) => Promise<void>) {
  return new JobWorker(ctx.db, ctx.clock, handlersOf([exportHandler(ctx, { pause })]), { pollMs: 20 });
}

function unzipNames(path: string): string[] {
  const p = Bun.spawnSync([
    "python3",
    "-c",
    "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print('\\n'.join(sorted(z.namelist())))",
    path,
  ]);
  expect(p.exitCode).toBe(0);
  return p.stdout.toString().trim().split("\n");
}

test("a post's bundle is built as a job: its page waits, shows progress by files, then offers the download (and nobody else's)", async () => {
  const { u, s, w } = owner();
  const item = makeItem(ctx, { userId: u.id, webappId: w.id, platform: "tiktok", media: { video: video("a.mp4", 600_000) } });
  const id = await ask(s, "item", item.id);
  const waiting = await text(`/exports/${id}`, s);
  expect(waiting).toContain("Waiting for a free worker to start");
  expect(waiting).toContain(`hx-get="/exports/${id}/progress"`);
  expect(waiting).toContain('hx-trigger="every 1s"');
  expect((await app.handle(authedGet(`/exports/${id}/download`, s))).status).toBe(409);

  // The build stops after its first file: the page shows how far it is, and no finished file exists yet.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  const wk = worker((n) => (n === 1 ? held : Promise.resolve()));
  const running = wk.drain([exportJob.kind]);
  for (let i = 0; i < 100 && !findJobById(ctx.db, id)!.progress.includes("1 of"); i++) await Bun.sleep(10);
  const mid = await text(`/exports/${id}/progress`, s);
  expect(mid).toContain("Writing the zip");
  expect(mid).toMatch(/<progress max="100" value="(\d+)"/);
  expect(Number(/value="(\d+)"/.exec(mid)![1])).toBeGreaterThan(90); // the video is most of the bytes
  expect(mid).toContain("1 of 5 files");
  expect(mid).toContain('hx-trigger="every 1s"');
  expect(existsSync(exportFile(ctx, id))).toBe(false);
  expect(existsSync(`${exportFile(ctx, id)}.part`)).toBe(true);
  expect((await app.handle(authedGet(`/exports/${id}/download`, s))).status).toBe(409);
  release();
  await running;

  const done = await text(`/exports/${id}/progress`, s);
  expect(done).toContain(`Ready: amarktai-tiktok-item-${item.id}.zip`);
  expect(done).toContain(`href="/exports/${id}/download"`);
  expect(done).not.toContain("hx-trigger"); // polling stops
  expect(existsSync(`${exportFile(ctx, id)}.part`)).toBe(false);
  const dl = await app.handle(authedGet(`/exports/${id}/download`, s));
  expect(dl.status).toBe(200);
  expect(dl.headers.get("content-disposition")).toBe(`attachment; filename="amarktai-tiktok-item-${item.id}.zip"`);
  const saved = join(ctx.dir, `dl-${id}.zip`);
  await Bun.write(saved, await dl.arrayBuffer());
  expect(unzipNames(saved)).toEqual(["README.txt", "caption.txt", "hashtags.txt", "post.txt", "video.mp4"]);

  const other = owner();
  expect((await app.handle(authedGet(`/exports/${id}`, other.s))).status).toBe(404);
  expect((await app.handle(authedGet(`/exports/${id}/download`, other.s))).status).toBe(404);
  expect((await app.handle(formPost("/exports", other.s, { what: "item", id: String(item.id) }))).status).toBe(404);
});

test("a build that dies mid-file leaves only its part file, which is never offered; the next attempt finishes it", async () => {
  const { u, s, w } = owner();
  const item = makeItem(ctx, { userId: u.id, webappId: w.id, platform: "youtube", media: { video: video("b.mp4", 50_000) } });
  const id = await ask(s, "item", item.id);
  // The process "dies" after the first file: its build never goes on, and its lease is taken back.
  const dead = worker(() => new Promise<void>(() => {}));
  void dead.drain([exportJob.kind]);
  for (let i = 0; i < 100 && !findJobById(ctx.db, id)!.progress.includes("1 of"); i++) await Bun.sleep(10);
  expect(existsSync(`${exportFile(ctx, id)}.part`)).toBe(true);
  expect((await app.handle(authedGet(`/exports/${id}/download`, s))).status).toBe(409);
  expect(await text(`/exports/${id}`, s)).toContain("Writing the zip");
  expireLeasesOf(ctx.db, PROCESS_OWNER);
  await worker().drain([exportJob.kind]);
  expect(findJobById(ctx.db, id)!.status).toBe("done");
  expect(await text(`/exports/${id}`, s)).toContain("Download the zip");
  const saved = join(ctx.dir, `dl-${id}.zip`);
  await Bun.write(saved, await (await app.handle(authedGet(`/exports/${id}/download`, s))).arrayBuffer());
  expect(unzipNames(saved)).toContain("video.mp4");
});

test("a file that vanishes during the build fails the attempt without leaving a file; the retry writes what is left", async () => {
  const { u, s, w } = owner();
  const item = makeItem(ctx, {
    userId: u.id,
    webappId: w.id,
    platform: "tiktok",
    media: { video: video("c.mp4", 20_000), cover: video("c.jpg", 1000) },
  });
  const id = await ask(s, "item", item.id);
  // The cover goes after the plan listed it and before it is read (the video is written first).
  await worker(async (n) => {
    if (n === 1) rmSync(join(ctx.config.storage.media_dir, "exports-test", "c.jpg"));
  }).drain([exportJob.kind]);
  const job = findJobById(ctx.db, id)!;
  expect(job.status).toBe("queued"); // it tries again later
  expect(job.lastError).toContain("ENOENT");
  expect(existsSync(exportFile(ctx, id))).toBe(false);
  expect(existsSync(`${exportFile(ctx, id)}.part`)).toBe(false);
  expect(await text(`/exports/${id}`, s)).toContain("trying again after");
  ctx.db.$client.query("UPDATE jobs SET run_at = 0 WHERE id = ?").run(id);
  await worker().drain([exportJob.kind]);
  const saved = join(ctx.dir, `dl-${id}.zip`);
  await Bun.write(saved, await (await app.handle(authedGet(`/exports/${id}/download`, s))).arrayBuffer());
  expect(unzipNames(saved)).toEqual(["README.txt", "caption.txt", "hashtags.txt", "post.txt", "video.mp4"]);
});

test("an export whose post is gone fails for good: the page says so and offers to try again, never a download", async () => {
  const { u, s, w } = owner();
  const item = makeItem(ctx, { userId: u.id, webappId: w.id, platform: "x" });
  const id = await ask(s, "item", item.id);
  ctx.db.$client.query("UPDATE content_items SET user_id = ? WHERE id = ?").run(makeUser(ctx).id, item.id);
  await worker().drain([exportJob.kind]);
  expect(findJobById(ctx.db, id)!.status).toBe("failed");
  const page = await text(`/exports/${id}`, s);
  expect(page).toContain("The export could not be written");
  expect(page).toContain("no longer exists, or is not this account");
  expect(page).toContain("Try again");
  const status = page.slice(page.indexOf('<section id="export-status"'));
  expect(status).not.toContain("/download");
  expect(status).not.toContain("hx-trigger");
});

test("a batch's export holds every post's bundle in a folder of its own", async () => {
  const { u, s, w } = owner();
  const batch = makeBatch(ctx, { userId: u.id, webappId: w.id, localDate: "2026-03-02" });
  const a = makeItem(ctx, { userId: u.id, webappId: w.id, batchId: batch.id, platform: "x" });
  const b = makeItem(ctx, { userId: u.id, webappId: w.id, batchId: batch.id, platform: "youtube", media: { video: video("d.mp4", 3000) } });
  makeItem(ctx, { userId: u.id, webappId: w.id, batchId: batch.id, platform: "linkedin", status: "rejected" });
  const id = await ask(s, "batch", batch.id);
  await worker().drain([exportJob.kind]);
  const dl = await app.handle(authedGet(`/exports/${id}/download`, s));
  expect(dl.headers.get("content-disposition")).toBe(`attachment; filename="amarktai-batch-${batch.id}-2026-03-02.zip"`);
  const saved = join(ctx.dir, `dl-${id}.zip`);
  await Bun.write(saved, await dl.arrayBuffer());
  const names = unzipNames(saved);
  expect(names).toContain(`x-item-${a.id}/post.txt`);
  expect(names).toContain(`youtube-item-${b.id}/video.mp4`);
  expect(names.some((n) => n.startsWith("linkedin-"))).toBe(false);
  expect((await app.handle(formPost("/exports", owner().s, { what: "batch", id: String(batch.id) }))).status).toBe(404);
  expect((await app.handle(formPost("/exports", s, { what: "account", id: String(u.id) }))).status).toBe(404); // not an operator's admin
});

test("a post's own page offers its bundle: the button asks for the same export as /platforms", async () => {
  const { u, s, w } = owner();
  const item = makeItem(ctx, { userId: u.id, webappId: w.id, platform: "x" });
  const page = await text(`/content/${item.id}`, s);
  expect(page).toContain('<form method="post" action="/exports" class="export-form">');
  expect(page).toContain(`<input type="hidden" name="id" value="${item.id}"/>`);
  expect(page).toContain("Download bundle (zip)");
  await ask(s, "item", item.id);
});

test("the approval page offers each batch's bundle (zip): its button asks for the run page's export, with the same live page", async () => {
  const { u, s, w } = owner();
  const batch = makeBatch(ctx, { userId: u.id, webappId: w.id });
  makeItem(ctx, { userId: u.id, webappId: w.id, batchId: batch.id, platform: "x" });
  const page = await text("/approval", s);
  const section = page.slice(page.indexOf(`id="batch-${batch.id}"`));
  const form = /<form method="post" action="\/exports" class="export-form">[\s\S]*?<\/form>/.exec(section)?.[0] ?? "";
  expect(form).toContain('<input type="hidden" name="what" value="batch"/>');
  expect(form).toContain(`<input type="hidden" name="id" value="${batch.id}"/>`);
  expect(form).toContain("Download this batch&#x27;s posts (zip)");
  const id = await ask(s, "batch", batch.id);
  const waiting = await text(`/exports/${id}`, s);
  expect(waiting).toContain(`hx-get="/exports/${id}/progress"`);
  expect(waiting).toContain('hx-trigger="every 1s"');
});
