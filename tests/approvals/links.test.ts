import { afterAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { join } from "node:path";
import { createBatchToken } from "../../src/approvals/links";
import { contentItems } from "../../src/db/schema/content";
import { createApp } from "../../src/server/app";
import { createLink } from "../../src/links/store";
import { makeTestContext } from "../support/context";
import { makeReadyBatch, makeUser, signIn } from "../support/content-factories";

const ctx = makeTestContext();
const app = createApp(ctx);
afterAll(() => ctx.cleanup());

const statuses = (ids: number[]) => ids.map((id) => ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!.status);
const link = (token: string, method = "GET", headers: Record<string, string> = {}) =>
  app.handle(new Request(`http://localhost:3000/links/${token}`, { method, headers }));
const post = (token: string, headers: Record<string, string> = {}) =>
  link(token, "POST", { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:3000", ...headers });

function setup() {
  const u = makeUser(ctx);
  const b = makeReadyBatch(ctx, u.id, { platforms: ["x", "youtube"] });
  const ids = b.items.map((i) => i.id);
  return { u, b, ids, token: createBatchToken(ctx, u.id, b.batch.id, "approve", "email", 36) };
}

test("GET and HEAD (mail scanners) only show a confirm page; POST approves once; a replay changes nothing", async () => {
  const { ids, token } = setup();
  const get = await link(token);
  expect(get.status).toBe(200);
  expect(get.headers.get("referrer-policy")).toBe("no-referrer");
  const html = await get.text();
  expect(html).toContain("Approve all 2 posts");
  expect(html).toContain(`action="/links/${token}"`);
  expect((await link(token, "HEAD")).status).toBe(200);
  await link(token);
  expect(statuses(ids)).toEqual(["pending_approval", "pending_approval"]);
  const first = await post(token);
  expect(first.status).toBe(200);
  expect(await first.text()).toContain("2 posts were approved.");
  expect(statuses(ids)).toEqual(["approved", "approved"]);
  const replay = await post(token);
  expect(replay.status).toBe(410);
  expect(await replay.text()).toContain("already been used. Nothing was changed.");
  const regot = await link(token);
  expect(await regot.text()).toContain("already been used");
  const u = ctx.db.select().from(contentItems).where(eq(contentItems.id, ids[0]!)).get()!;
  const fresh = createBatchToken(ctx, u.userId, u.batchId!, "approve", "email", 36);
  expect(await (await link(fresh)).text()).toContain("Nothing waits for approval");
});

test("an expired link shows a clear page and changes nothing", async () => {
  const { ids, token } = setup();
  ctx.clock.advance(36 * 3_600_000 + 1);
  const res = await post(token);
  expect(res.status).toBe(410);
  expect(await res.text()).toContain("This link has expired");
  expect(statuses(ids)).toEqual(["pending_approval", "pending_approval"]);
});

test("a tampered token, or a token of another purpose, is not valid", async () => {
  const { ids, token } = setup();
  const tampered = token.slice(0, -1) + (token.endsWith("a") ? "b" : "a");
  expect(await (await post(tampered)).text()).toContain("This link is not valid");
  const reset = createLink(ctx.db, { purpose: "reset", userId: 1, ttlMs: 60_000 }, ctx.clock.now()).token;
  expect(await (await post(reset)).text()).toContain("This link is not valid");
  expect(statuses(ids)).toEqual(["pending_approval", "pending_approval"]);
});

test("a link scoped to one user cannot act on another user's batch; a signed-in other user cannot use it", async () => {
  const victim = setup();
  const attacker = makeUser(ctx);
  const forged = createBatchToken(ctx, attacker.id, victim.b.batch.id, "approve", "email", 36);
  expect(await (await post(forged)).text()).toContain("This link is not valid");
  expect(statuses(victim.ids)).toEqual(["pending_approval", "pending_approval"]);
  const s = signIn(ctx, attacker.id);
  const viaSession = await post(victim.token, { cookie: s.cookie, "x-csrf-token": s.csrf });
  expect(viaSession.status).toBe(403);
  expect(await viaSession.text()).toContain("belongs to another account");
  expect(statuses(victim.ids)).toEqual(["pending_approval", "pending_approval"]);
  const own = await post(victim.token);
  expect(own.status).toBe(200);
  expect(statuses(victim.ids)).toEqual(["approved", "approved"]);
});

test("a Telegram button token does not work as an email link (separate scope)", async () => {
  const { u, b, ids } = setup();
  const tg = createBatchToken(ctx, u.id, b.batch.id, "approve", "telegram", 36);
  expect(await (await post(tg)).text()).toContain("This link is not valid");
  expect(statuses(ids)).toEqual(["pending_approval", "pending_approval"]);
});

test("two connections racing to use the same links: exactly one use of each link wins", async () => {
  const u = makeUser(ctx);
  const purpose = "approval.approve_batch";
  const tokens = Array.from(
    { length: 100 },
    (_, i) => createLink(ctx.db, { purpose, userId: u.id, subject: String(i + 1), ttlMs: 3_600_000 }, ctx.clock.now()).token,
  );
  const start = new SharedArrayBuffer(8);
  const gate = new Int32Array(start);
  const dbPath = join(ctx.config.storage.data_dir, "amarktai.db");
  const workers = [0, 1].map(() => new Worker(join(import.meta.dir, "link-race-worker.ts")));
  try {
    const wins = workers.map(
      (w) =>
        new Promise<string[]>((resolve, reject) => {
          w.onmessage = (e) => resolve(e.data as string[]);
          w.onerror = (e) => reject(e);
          w.postMessage({ dbPath, tokens, purpose, now: ctx.clock.now().getTime(), start });
        }),
    );
    // both threads open their connection, then start together
    while (Atomics.load(gate, 1) < 2) await Bun.sleep(1);
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    const [a, b] = await Promise.all(wins);
    const inBoth = a!.filter((t) => new Set(b).has(t));
    expect(inBoth).toEqual([]);
    expect(a!.length + b!.length).toBe(tokens.length);
  } finally {
    for (const w of workers) w.terminate();
  }
});
