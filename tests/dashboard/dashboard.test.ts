import { afterEach, beforeEach, expect, test } from "bun:test";
import { UPCOMING_SECTIONS } from "../../src/dashboard/upcoming";
import { contentEvents, contentItems } from "../../src/db/schema/content";
import type { ContentState } from "../../src/model/content-states";
import { insertWebapp } from "../../src/webapps/store";
import { makeTestContext } from "../support/context";
import { browserFor, signIn, type SignedInUser } from "../webapps/signed-in";

let ctx: ReturnType<typeof makeTestContext>;
let alice: SignedInUser;
beforeEach(() => {
  ctx = makeTestContext();
  alice = signIn(ctx, "alice@example.com", "Alice");
});
afterEach(() => ctx.cleanup());

function app(userId: number, name: string, active = true) {
  return insertWebapp(ctx.db, userId, { url: `https://${name}.example/`, name, active }, ctx.clock.now()).id;
}

function item(userId: number, webappId: number, status: ContentState, publishedDaysAgo?: number) {
  const now = ctx.clock.now();
  const row = ctx.db
    .insert(contentItems)
    .values({ userId, webappId, platform: "x", format: "text", status, createdAt: now, updatedAt: now })
    .returning()
    .get();
  if (publishedDaysAgo !== undefined) {
    const at = new Date(now.getTime() - publishedDaysAgo * 86_400_000);
    ctx.db
      .insert(contentEvents)
      .values({ itemId: row.id, userId, at, action: "publish", channel: "system", fromStatus: "publishing", toStatus: "published" })
      .run();
  }
}

function stat(html: string, label: string): number {
  const m = new RegExp(`<div class="value">(\\d+)</div><div class="label">${label}</div>`).exec(html);
  if (!m) throw new Error(`no card "${label}" on the dashboard`);
  return Number(m[1]);
}

test("a new user gets a guide to add the first web app, and no numbers", async () => {
  const html = await (await browserFor(ctx, alice).get("/dashboard")).text();
  expect(html).toContain("Add your first web app");
  expect(html).toContain('href="/webapps/new"');
  expect(html).not.toContain('class="card stat"');
});

test("the cards count the user's own rows", async () => {
  const a1 = app(alice.user.id, "one");
  app(alice.user.id, "two", false);
  const a3 = app(alice.user.id, "three");
  item(alice.user.id, a1, "pending_approval");
  item(alice.user.id, a3, "pending_approval");
  item(alice.user.id, a3, "pending_approval");
  item(alice.user.id, a1, "scheduled");
  item(alice.user.id, a1, "published", 1);
  item(alice.user.id, a3, "published", 6.9);
  item(alice.user.id, a3, "published", 8);
  item(alice.user.id, a1, "draft");
  item(alice.user.id, a1, "rejected");

  const bob = signIn(ctx, "bob@example.com", "Bob");
  const b1 = app(bob.user.id, "bobs");
  item(bob.user.id, b1, "pending_approval");
  item(bob.user.id, b1, "scheduled");
  item(bob.user.id, b1, "published", 1);

  const html = await (await browserFor(ctx, alice).get("/dashboard")).text();
  expect(stat(html, "Web apps")).toBe(3);
  expect(stat(html, "Active web apps")).toBe(2);
  expect(stat(html, "Waiting for approval")).toBe(3);
  expect(stat(html, "Scheduled")).toBe(1);
  expect(stat(html, "Published in the last 7 days")).toBe(2);

  const bobs = await (await browserFor(ctx, bob).get("/dashboard")).text();
  expect(stat(bobs, "Web apps")).toBe(1);
  expect(stat(bobs, "Waiting for approval")).toBe(1);
  expect(stat(bobs, "Published in the last 7 days")).toBe(1);

  ctx.clock.advance(2 * 86_400_000);
  const later = await (await browserFor(ctx, alice).get("/dashboard")).text();
  expect(stat(later, "Published in the last 7 days")).toBe(1);
});

test("sections not built yet say so, with what they will hold", async () => {
  expect(UPCOMING_SECTIONS.map((s) => s.path)).toEqual([]); // /analytics is built (tests/analytics)
  for (const s of UPCOMING_SECTIONS) {
    const res = await browserFor(ctx, alice).get(s.path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Not built yet");
    expect(html).toContain(Bun.escapeHTML(s.summary));
    expect(html).toContain(`href="${s.path}" aria-current="page"`);
  }
});

test("the guided start resumes where the user left it: add an app, connect or skip, generate, review", async () => {
  const web = browserFor(ctx, alice);
  const step = (html: string) => /<li class="now" aria-current="step">.*?<span>([^<]+)<\/span>/s.exec(html)?.[1];
  expect(step(await (await web.get("/start")).text())).toBe("Add your web app");
  const id = insertWebapp(ctx.db, alice.user.id, { url: "https://one.example/", name: "One", platforms: ["x"] }, ctx.clock.now()).id;
  const platforms = await (await web.get("/start")).text();
  expect(step(platforms)).toBe("Connect platforms");
  expect(platforms).toContain('href="/platforms"');
  expect(platforms).toContain('href="/start?skip=connect"');
  const skipped = await (await web.get("/start?skip=connect")).text();
  expect(step(skipped)).toBe("Generate the first batch");
  expect(skipped).toContain(`action="/webapps/${id}/runs"`);
  expect(skipped).toContain("Not connected (posted by hand): X.");
  // The dashboard shows the same guide, at the step the state says (no run yet and nothing connected).
  expect(step(await (await web.get("/dashboard")).text())).toBe("Connect platforms");
  ctx.db.$client.run(
    `insert into connections (user_id, platform, account_id, access_token_sealed, created_at, updated_at) values (${alice.user.id}, 'x', 'a1', 'sealed', 0, 0)`,
  );
  const connected = await (await web.get("/start")).text();
  expect(step(connected)).toBe("Generate the first batch"); // connecting counts as this step done
  expect(connected).not.toContain("Not connected (posted by hand)");
  item(alice.user.id, id, "pending_approval");
  ctx.db.$client.run(
    `insert into batches (user_id, webapp_id, local_date, attempt, status, created_at) values (${alice.user.id}, ${id}, '2026-03-02', 1, 'ready', 0)`,
  );
  ctx.db.$client.run(
    `insert into pipeline_runs (user_id, webapp_id, batch_id, local_date, attempt, job_key, trigger, status, created_at)
     values (${alice.user.id}, ${id}, last_insert_rowid(), '2026-03-02', 1, 'k', 'manual', 'ready', 0)`,
  );
  const review = await (await web.get("/dashboard")).text();
  expect(step(review)).toBe("Review and approve");
  expect(review).toContain("1 post waits for you.");
});
