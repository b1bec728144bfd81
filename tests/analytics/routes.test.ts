import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { join } from "node:path";
import { createApiToken } from "../../src/api/tokens";
import { createApp } from "../../src/server/app";
import { clientFor } from "../support/accounts";
import { makeTestContext } from "../support/context";
import { seedPost, seedWorld } from "./fixtures";

let ctx: ReturnType<typeof makeTestContext>;
let w: ReturnType<typeof seedWorld>;
let app: ReturnType<typeof createApp>;
beforeEach(() => {
  ctx = makeTestContext();
  ctx.clock.set(new Date("2026-03-07T17:00:00Z"));
  w = seedWorld(ctx);
  app = createApp(ctx);
});
afterEach(() => ctx.cleanup());

const WEEK = "range=custom&from=2026-02-28&to=2026-03-06";

/** The value shown on a totals card. */
function card(html: string, label: string): string {
  const m = new RegExp(`<span class="label">${label}</span><span class="value">([^<]*)</span>`).exec(html);
  if (!m) throw new Error(`no card "${label}"`);
  return m[1]!;
}

describe("the analytics page", () => {
  test("shows the seeded numbers: totals, change, breakdowns, a chart per figure and the ranked posts linking to their pages", async () => {
    const r = await clientFor(ctx, w.user, app).get(`/analytics?${WEEK}`);
    expect(r.status).toBe(200);
    const html = r.text;
    expect(card(html, "Posts")).toBe("3");
    expect(card(html, "Views")).toBe("1,400");
    expect(card(html, "Likes")).toBe("50");
    expect(card(html, "Comments")).toBe("14");
    expect(card(html, "Clicks")).toBe("2");
    expect(card(html, "Engagement rate")).toBe("5.43 %"); // 76 / 1400
    // Previous 7 days: old with 50 views as it stood at 28 Feb 05:00 UTC.
    expect(html).toContain("+2700 % vs 50 before");
    expect(html).toContain("1,400 views from 3 posts published 28 Feb 2026 – 6 Mar 2026");
    expect(html.match(/<svg class="chart"/g)?.length).toBe(8);
    expect(html).toContain("Engagement rate = (likes + comments + shares + saves)");
    expect(html).toContain(`href="/content/${w.a.id}"`);
    expect(html).toContain(`href="/content/${w.b.id}"`);
    // Post times in the user's zone (28 Feb 20:30 in New York).
    expect(html).toContain("Sat 28 Feb, 20:30");
    expect(html).not.toContain("99,999");
    expect(html).not.toContain("NaN");
    // The YouTube row of the platform table links to the posts behind its views.
    expect(html).toContain(`href="/analytics?range=custom&from=2026-02-28&to=2026-03-06&platform=youtube&sort=views#posts"`);
  });

  test("an htmx request gets the results region only; sorting and filters change it", async () => {
    const c = clientFor(ctx, w.user, app);
    const frag = await c.get(`/analytics?${WEEK}&platform=x&sort=clicks`, { htmx: true });
    expect(frag.status).toBe(200);
    expect(frag.text).not.toContain("<html");
    expect(card(frag.text, "Posts")).toBe("2");
    expect(card(frag.text, "Views")).toBe("400");
    const rows = [...frag.text.matchAll(/href="\/content\/(\d+)"/g)].map((m) => Number(m[1]));
    expect(rows).toEqual([w.a.id, w.c.id]);
  });

  test("an empty period says what will appear and when", async () => {
    const r = await clientFor(ctx, w.user, app).get("/analytics?range=custom&from=2025-01-01&to=2025-01-31");
    expect(r.status).toBe(200);
    expect(r.text).toContain("No published posts in 1 Jan 2025 – 31 Jan 2025.");
    expect(r.text).toContain("about an hour after publishing");
  });

  test("a foreign or unknown web app is 404; a reversed or too long period is 400 with a sentence", async () => {
    const c = clientFor(ctx, w.user, app);
    const foreign = await c.get(`/analytics?webapp_id=${w.theirs.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.text).toContain(`There is no web app ${w.theirs.id} among yours.`);
    expect((await c.get("/analytics?webapp_id=99999")).status).toBe(404);
    const reversed = await c.get("/analytics?range=custom&from=2026-03-05&to=2026-03-01");
    expect(reversed.status).toBe(400);
    expect(reversed.text).toContain("The end of the period comes before its start; swap from and to.");
    const long = await c.get("/analytics?range=custom&from=2025-01-01&to=2026-03-01");
    expect(long.status).toBe(400);
    expect(long.text).toContain("The period is longer than 400 days; choose a shorter one.");
    expect((await c.get("/analytics?range=custom&from=2025-02-05&to=2026-03-10")).status).toBe(200); // 399 days
    expect((await c.get("/analytics?range=12")).status).toBe(400);
    const noStart = await c.get("/analytics?range=custom&from=&to=2026-03-01");
    expect(noStart.status).toBe(400);
    expect(noStart.text).toContain("A custom period needs a start date");
    expect((await c.get("/analytics?range=custom&from=yesterday")).status).toBe(400);
    expect((await c.get("/analytics?platform=myspace")).status).toBe(400);
    // Far-away years are a 400 too (they once failed inside time zone arithmetic with a 500).
    for (const [from, to] of [
      ["0001-01-01", "0001-02-01"],
      ["0099-01-01", "0099-02-01"],
      ["9999-01-01", "9999-02-01"],
    ]) {
      const far = await c.get(`/analytics?range=custom&from=${from}&to=${to}`);
      expect(far.status).toBe(400);
      expect(far.text).toContain("is not a start date");
    }
    expect((await c.get(`/analytics/posts.csv?webapp_id=${w.theirs.id}`)).status).toBe(404);
  });
});

/** Parses RFC 4180 CSV (quoted fields with commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    } else cell += ch;
  }
  return rows;
}

describe("the posts table's pages", () => {
  test("shows the first rows, then more with htmx (the next rows and a new button) or without JavaScript (a longer page)", async () => {
    for (let i = 0; i < 24; i++)
      seedPost(ctx, {
        userId: w.user.id,
        webappId: w.notes.id,
        platform: "linkedin",
        publishedAt: `2026-03-0${2 + (i % 4)}T12:${String(10 + i).padStart(2, "0")}:00Z`,
        caption: `Extra post ${i}`,
        readings: [{ at: "2026-03-06T12:00:00Z", views: 1000 + i }],
      });
    const c = clientFor(ctx, w.user, app);
    const rows = (html: string) => html.match(/<tr title=/g)?.length ?? 0;
    const page = (await c.get(`/analytics?${WEEK}&sort=views`)).text;
    expect(rows(page)).toBe(20); // of 27
    expect(page).toContain("Extra post 23"); // the most viewed first
    expect(page).toContain("Show 7 more of 7");
    const more = await c.get(`/analytics/rows?${WEEK}&sort=views&offset=20`, { htmx: true });
    expect(more.status).toBe(200);
    expect(rows(more.text)).toBe(7);
    expect(more.text).toContain(`href="/content/${w.c.id}"`); // never read: last
    expect(more.text).not.toContain("more of");
    const longer = (await c.get(`/analytics?${WEEK}&sort=views&show=70`)).text;
    expect(rows(longer)).toBe(27);
    expect(longer).not.toContain("more of");
  });

  test("a period over 60 days draws a bar per week", async () => {
    const html = (await clientFor(ctx, w.user, app).get("/analytics?range=custom&from=2026-01-01&to=2026-03-06")).text;
    // 65 days: 10 bars of 7 days (the last shorter); the week holding 28 Feb – 6 Mar names its dates.
    expect(html).toContain("Trends by week of publishing");
    expect(html).toMatch(/published 26 Feb 2026 – 4 Mar 2026/);
  });
});

describe("the CSV", () => {
  test("parses back to the page's numbers, one row per post, with tricky captions kept and formulas defused", async () => {
    ctx.db.$client.run("UPDATE content_items SET caption = ? WHERE id = ?", ['=HYPERLINK("x"), said "hi"\nline two', w.a.id]);
    const r = await clientFor(ctx, w.user, app).get(`/analytics/posts.csv?${WEEK}&sort=views`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toStartWith("text/csv; charset=utf-8");
    expect(r.headers.get("content-disposition")).toBe('attachment; filename="amarktai-posts-2026-02-28-to-2026-03-06.csv"');
    expect(r.text.charCodeAt(0)).not.toBe(0xfeff);
    const [header, ...rows] = parseCsv(r.text);
    expect(header).toEqual([
      "item_id",
      "published_at",
      "web_app",
      "platform",
      "caption",
      "views",
      "likes",
      "comments",
      "shares",
      "saves",
      "clicks",
      "engagement_rate",
      "numbers_read_at",
      "removed",
      "url",
    ]);
    const byId = new Map(rows.map((row) => [Number(row[0]), Object.fromEntries(header!.map((h, i) => [h, row[i]!]))]));
    expect(rows.length).toBe(3);
    const a = byId.get(w.a.id)!;
    expect(a).toMatchObject({ published_at: "2026-03-01T01:30:00.000Z", web_app: "Acme Notes", platform: "X", views: "400", likes: "20" });
    expect(a).toMatchObject({
      comments: "4",
      shares: "2",
      saves: "",
      clicks: "2",
      engagement_rate: "0.065",
      numbers_read_at: "2026-03-03T02:30:00.000Z",
    });
    expect(a.caption).toBe(`'=HYPERLINK("x"), said "hi"\nline two`);
    expect(byId.get(w.b.id)).toMatchObject({ views: "1000", likes: "30", comments: "10", saves: "10", engagement_rate: "0.05" });
    expect(byId.get(w.c.id)).toMatchObject({ views: "", engagement_rate: "", numbers_read_at: "" });
    // The sum of the CSV's views is the page's total.
    expect(rows.reduce((s, row) => s + Number(row[5] || 0), 0)).toBe(1400);
  });
});

describe("the API", () => {
  async function call(token: string, path: string) {
    const res = await app.handle(new Request(`http://localhost:3000${path}`, { headers: { authorization: `Bearer ${token}` } }));
    return { status: res.status, text: await res.text(), type: res.headers.get("content-type") };
  }

  test("summary, posts and CSV of the token owner, with the page's filters; foreign web app 404; bad period 400", async () => {
    const token = createApiToken(ctx.db, w.user.id, "t", ctx.clock.now()).token;
    const s = await call(token, `/api/v1/analytics/summary?from=2026-02-28&to=2026-03-06`);
    expect(s.status).toBe(200);
    const summary = JSON.parse(s.text);
    expect(summary.totals).toEqual({
      posts: 3,
      views: 1400,
      likes: 50,
      comments: 14,
      shares: 2,
      saves: 10,
      clicks: 2,
      engagementRate: 76 / 1400,
      watchTimeSeconds: 0,
      watchedPosts: 0,
    });
    expect(summary.previous.views).toBe(50);
    expect(summary.filter).toMatchObject({
      from: "2026-02-28T05:00:00.000Z",
      to: "2026-03-07T05:00:00.000Z",
      timeZone: "America/New_York",
    });
    expect(summary.engagementRateDefinition).toContain("÷ views");

    const p = await call(token, `/api/v1/analytics/posts?from=2026-02-28&to=2026-03-06&webapp_id=${w.tasks.id}&sort=views&limit=1`);
    expect(p.status).toBe(200);
    const posts = JSON.parse(p.text).posts;
    expect(posts.length).toBe(1);
    expect(posts[0]).toMatchObject({ itemId: w.b.id, views: 1000, webappName: "Acme Tasks", platform: "youtube" });

    const csv = await call(token, `/api/v1/analytics/posts.csv?from=2026-02-28T05:00:00Z&to=2026-03-07T05:00:00Z&platform=youtube`);
    expect(csv.status).toBe(200);
    expect(csv.type).toStartWith("text/csv");
    expect(parseCsv(csv.text).length).toBe(2);

    const foreign = await call(token, `/api/v1/analytics/summary?webapp_id=${w.theirs.id}`);
    expect(foreign.status).toBe(404);
    expect(JSON.parse(foreign.text).error).toMatchObject({ code: "not_found", field: "webapp_id" });
    const reversed = await call(token, "/api/v1/analytics/posts?from=2026-03-05&to=2026-03-01");
    expect(reversed.status).toBe(400);
    expect(JSON.parse(reversed.text).error.message).toContain("before its start");
    expect((await call(token, "/api/v1/analytics/posts?limit=0")).status).toBe(400);
    const theirToken = createApiToken(ctx.db, w.stranger.id, "t", ctx.clock.now()).token;
    const theirs = JSON.parse((await call(theirToken, "/api/v1/analytics/summary?from=2026-02-28&to=2026-03-06")).text);
    expect(theirs.totals.views).toBe(99999);
  });

  test("the OpenAPI document lists the three endpoints", async () => {
    const doc = JSON.parse(await (await app.handle(new Request("http://localhost:3000/api/v1/openapi.json"))).text());
    for (const path of ["/api/v1/analytics/summary", "/api/v1/analytics/posts", "/api/v1/analytics/posts.csv"])
      expect(doc.paths[path].get).toBeDefined();
  });
});

describe("the item page", () => {
  test("shows the post's own curves, when its numbers were last read, and that it was removed on the platform", async () => {
    const c = clientFor(ctx, w.user, app);
    const page = (await c.get(`/content/${w.a.id}`)).text;
    expect(page).toContain("Numbers last read Thu 19 Mar, 20:00 · 3 readings · engagement rate 6.89 %"); // 62 / 900; 20 Mar 00:00 UTC in New York (summer time since 8 Mar)
    expect(page.match(/<svg class="curve"/g)?.length).toBe(4); // views, likes, comments, shares; X gives no saves
    expect(page).toContain("Saves: not given by X");
    const gone = seedPost(ctx, {
      userId: w.user.id,
      webappId: w.notes.id,
      platform: "linkedin",
      publishedAt: "2026-03-02T12:00:00Z",
      readings: [{ at: "2026-03-03T12:00:00Z", views: 70 }],
      removed: true,
    });
    const removed = (await c.get(`/content/${gone.id}`)).text;
    expect(removed).toContain("Removed on LinkedIn (noticed Tue 3 Mar, 07:00)");
    expect(removed).toContain("Views: 70");
    const unread = (await c.get(`/content/${w.c.id}`)).text;
    expect(unread).toContain("Not read yet: the first numbers are read about an hour after publishing.");
  });
});

describe("kept results", () => {
  test("a new reading or click shows on the next load, also when written by another connection (the CLI)", async () => {
    const c = clientFor(ctx, w.user, app);
    expect(card((await c.get(`/analytics?${WEEK}`)).text, "Views")).toBe("1,400");
    ctx.db.$client.run(
      "INSERT INTO metric_snapshots (item_id, user_id, webapp_id, platform, taken_at, views) VALUES (?, ?, ?, 'youtube', ?, 1500)",
      [w.b.id, w.user.id, w.tasks.id, new Date("2026-03-06T20:00:00Z").getTime()],
    );
    expect(card((await c.get(`/analytics?${WEEK}`)).text, "Views")).toBe("1,900");
    const other = new Database(join(ctx.config.storage.data_dir, "amarktai.db"));
    other.run("INSERT INTO link_clicks (item_id, day, visitor, code, clicked_at) VALUES (?, '2026-03-06', 'cli', 'x', ?)", [
      w.b.id,
      new Date("2026-03-06T21:00:00Z").getTime(),
    ]);
    other.close();
    expect(card((await c.get(`/analytics?${WEEK}`)).text, "Clicks")).toBe("3");
  });
});

test("without a session the page, its rows and its CSV send to sign-in; without a token the API answers 401", async () => {
  for (const path of ["/analytics", "/analytics/rows?offset=20", "/analytics/posts.csv"]) {
    const res = await app.handle(new Request(`http://localhost:3000${path}`));
    expect([302, 303]).toContain(res.status);
    expect(res.headers.get("location")).toStartWith("/login");
  }
  const api = await app.handle(new Request("http://localhost:3000/api/v1/analytics/summary"));
  expect(api.status).toBe(401);
});
