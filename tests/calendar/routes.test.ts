import { afterAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { calendarRange } from "../../src/calendar/range";
import { contentEvents, contentItems } from "../../src/db/schema/content";
import { createApp } from "../../src/server/app";
import { makeTestContext } from "../support/context";
import { authedGet, formPost, makeItem, makeUser, makeWebapp, signIn } from "../support/content-factories";

// The test clock is Monday 2 March 2026, 12:00 UTC (07:00 in New York); New York moves to summer time on Sunday 8 March.
const ctx = makeTestContext();
const app = createApp(ctx);
afterAll(() => ctx.cleanup());

const row = (id: number) => ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!;
const plan = (id: number, iso: string) =>
  ctx.db
    .update(contentItems)
    .set({ plannedAt: new Date(iso) })
    .where(eq(contentItems.id, id))
    .run();

/** The ids of the items in each day cell of the grid: date -> ids. */
function gridDays(html: string): Map<string, number[]> {
  const grid = html.slice(html.indexOf('<ol class="cal-grid'), html.indexOf("</ol>", html.indexOf('<ol class="cal-grid')));
  const days = new Map<string, number[]>();
  for (const cell of grid.split('data-date="').slice(1))
    days.set(
      cell.slice(0, 10),
      [...cell.matchAll(/id="cal-item-(\d+)"/g)].map((m) => Number(m[1])),
    );
  return days;
}

function newYorker() {
  const u = makeUser(ctx, { timezone: "America/New_York" });
  return { u, s: signIn(ctx, u.id), app: makeWebapp(ctx, u.id) };
}

test("the week runs Monday to Sunday in the user's zone, across the change to summer time", () => {
  const r = calendarRange({}, ctx.clock.now(), "America/New_York");
  expect(r.days).toEqual(["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08"]);
  expect(r.from.toISOString()).toBe("2026-03-02T05:00:00.000Z"); // midnight EST
  expect(r.to.toISOString()).toBe("2026-03-09T04:00:00.000Z"); // midnight EDT
  expect([r.prev, r.next, r.today]).toEqual(["2026-02-23", "2026-03-09", "2026-03-02"]);
  const m = calendarRange({ view: "month", date: "2026-03-15" }, ctx.clock.now(), "UTC");
  expect([m.days[0], m.days.at(-1), m.days.length, m.prev, m.next]).toEqual(["2026-02-23", "2026-04-05", 42, "2026-02-01", "2026-04-01"]);
  expect(calendarRange({ view: "year", date: "2026-02-30" }, ctx.clock.now(), "UTC")).toMatchObject({ view: "week", anchor: "2026-03-02" });
});

test("posts land on their local day: 23:30 in New York is that evening, not the next UTC day; other accounts and rejected posts stay out", async () => {
  const { u, s, app: w } = newYorker();
  const wed = makeItem(ctx, { userId: u.id, webappId: w.id, platform: "linkedin", caption: "Wednesday late post" });
  plan(wed.id, "2026-03-05T04:30:00Z"); // Wed 4 Mar 23:30 EST
  const sun = makeItem(ctx, { userId: u.id, webappId: w.id, status: "approved" });
  plan(sun.id, "2026-03-09T03:30:00Z"); // Sun 8 Mar 23:30 EDT
  const nextWeek = makeItem(ctx, { userId: u.id, webappId: w.id });
  plan(nextWeek.id, "2026-03-09T04:30:00Z"); // Mon 9 Mar 00:30 EDT
  const lastWeek = makeItem(ctx, { userId: u.id, webappId: w.id, status: "approved" });
  plan(lastWeek.id, "2026-03-02T04:30:00Z"); // Sun 1 Mar 23:30 EST
  const rejected = makeItem(ctx, { userId: u.id, webappId: w.id, status: "rejected" });
  plan(rejected.id, "2026-03-04T15:00:00Z");
  // Published on Tuesday though it was planned for Friday: it sits where it was published.
  const published = makeItem(ctx, {
    userId: u.id,
    webappId: w.id,
    status: "published",
    platform: "youtube",
    media: { cover: "a/cover.jpg" },
  });
  plan(published.id, "2026-03-06T15:00:00Z");
  ctx.db
    .insert(contentEvents)
    .values({
      itemId: published.id,
      at: new Date("2026-03-03T14:05:00Z"),
      action: "publish.published",
      channel: "system",
      toStatus: "published",
    })
    .run();
  const other = makeUser(ctx);
  const foreign = makeItem(ctx, { userId: other.id, webappId: makeWebapp(ctx, other.id).id });
  plan(foreign.id, "2026-03-04T15:00:00Z");

  const res = await app.handle(authedGet("/calendar", s));
  expect(res.status).toBe(200);
  const html = await res.text();
  const days = gridDays(html);
  expect(days.get("2026-03-04")).toEqual([wed.id]);
  expect(days.get("2026-03-08")).toEqual([sun.id]);
  expect(days.get("2026-03-03")).toEqual([published.id]);
  expect(days.get("2026-03-06")).toEqual([]);
  expect([...days.values()].flat().sort()).toEqual([wed.id, sun.id, published.id].sort());
  expect(html).toContain("Planned 23:30 · LinkedIn");
  expect(html).toContain("Published 09:05 · YouTube Shorts");
  expect(html).toContain('class="cal-item cal-p-youtube"');
  expect(html).toContain('src="/media/a/cover.jpg"');
  expect(html).toContain(`draggable="true" data-item="${wed.id}" data-time="23:30"`);
  expect(html).not.toContain(`data-item="${published.id}"`); // a published post does not move
  expect(html).toContain('href="/calendar?view=week&date=2026-03-09"');

  const next = gridDays(await (await app.handle(authedGet("/calendar?view=week&date=2026-03-09", s))).text());
  expect(next.get("2026-03-09")).toEqual([nextWeek.id]);
  const month = await (await app.handle(authedGet("/calendar?view=month&date=2026-03-20", s))).text();
  expect(month).toContain("March 2026");
  const inMonth = gridDays(month);
  expect(inMonth.get("2026-03-01")).toEqual([lastWeek.id]);
  expect(inMonth.get("2026-03-04")).toEqual([wed.id]);
});

test("the Move form (no JS) replans a post through the edit path; htmx gets the calendar back with a sentence", async () => {
  const { u, s, app: w } = newYorker();
  const item = makeItem(ctx, { userId: u.id, webappId: w.id, status: "approved" });
  const plain = await app.handle(
    formPost("/calendar/move", s, { item: String(item.id), plannedAt: "2026-03-06T10:15", view: "month", date: "2026-03-02" }),
  );
  expect(plain.status).toBe(303);
  expect(plain.headers.get("location")).toBe("/calendar?view=month&date=2026-03-02");
  expect(row(item.id).plannedAt!.toISOString()).toBe("2026-03-06T15:15:00.000Z");
  const events = ctx.db.select().from(contentEvents).where(eq(contentEvents.itemId, item.id)).all();
  expect(events.map((e) => [e.action, e.detail, e.channel])).toEqual([["edited", "planned time", "web"]]);

  const htmx = await app.handle(
    formPost(
      "/calendar/move",
      s,
      { item: String(item.id), plannedAt: "2026-03-08T23:30", view: "week", date: "2026-03-02" },
      { htmx: true },
    ),
  );
  expect(htmx.status).toBe(200);
  const body = await htmx.text();
  expect(body).toStartWith('<div id="calendar" class="calendar">');
  expect(body).toContain(`Moved item ${item.id} to Sun 8 Mar, 23:30.`);
  expect(gridDays(body).get("2026-03-08")).toEqual([item.id]);
  expect(row(item.id).plannedAt!.toISOString()).toBe("2026-03-09T03:30:00.000Z");
});

test("a move into the past, of a published post, or of another account's post is refused with a sentence and changes nothing", async () => {
  const { u, s, app: w } = newYorker();
  const item = makeItem(ctx, { userId: u.id, webappId: w.id });
  const before = row(item.id).plannedAt!.getTime();
  const past = await app.handle(
    formPost(
      "/calendar/move",
      s,
      { item: String(item.id), plannedAt: "2026-03-02T06:00", view: "week", date: "2026-03-02" },
      { htmx: true },
    ),
  );
  expect(past.status).toBe(422);
  expect(await past.text()).toContain("The planned time is in the past; pick a later time.");
  expect(row(item.id).plannedAt!.getTime()).toBe(before);

  const published = makeItem(ctx, { userId: u.id, webappId: w.id, status: "published" });
  const pub = await app.handle(formPost("/calendar/move", s, { item: String(published.id), plannedAt: "2026-03-06T10:00" }));
  expect(pub.status).toBe(409);
  const pubHtml = await pub.text();
  expect(pubHtml).toContain(`Item ${published.id} is already published; it cannot move.`);
  expect(pubHtml).toContain("<title>Calendar"); // without JS the whole page comes back with the sentence

  const scheduled = makeItem(ctx, { userId: u.id, webappId: w.id, status: "publishing" });
  const busy = await app.handle(
    formPost("/calendar/move", s, { item: String(scheduled.id), plannedAt: "2026-03-06T10:00" }, { htmx: true }),
  );
  expect(busy.status).toBe(409);
  expect(await busy.text()).toContain("is being published now; it cannot move.");

  const other = makeUser(ctx);
  const foreign = makeItem(ctx, { userId: other.id, webappId: makeWebapp(ctx, other.id).id });
  const foreignBefore = row(foreign.id).plannedAt!.getTime();
  const res = await app.handle(formPost("/calendar/move", s, { item: String(foreign.id), plannedAt: "2026-03-06T10:00" }, { htmx: true }));
  expect(res.status).toBe(404);
  expect(await res.text()).toContain(`Item ${foreign.id} was not found.`);
  expect(row(foreign.id).plannedAt!.getTime()).toBe(foreignBefore);
  const none = await app.handle(formPost("/calendar/move", s, { item: "x", plannedAt: "2026-03-06T10:00" }, { htmx: true }));
  expect(none.status).toBe(404);
});

test("years the calendar cannot show read as today, and a move more than a year ahead is refused with a sentence", async () => {
  const { u, s, app: w } = newYorker();
  for (const q of ["view=month&date=9999-12-01", "view=week&date=9999-12-31", "view=week&date=0001-01-01"]) {
    const res = await app.handle(authedGet(`/calendar?${q}`, s));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('data-date="2026-03-02"');
  }
  const item = makeItem(ctx, { userId: u.id, webappId: w.id });
  const before = row(item.id).plannedAt!.getTime();
  const far = await app.handle(
    formPost(
      "/calendar/move",
      s,
      { item: String(item.id), plannedAt: "9999-12-31T23:59", view: "week", date: "2026-03-02" },
      { htmx: true },
    ),
  );
  expect(far.status).toBe(422);
  expect(await far.text()).toContain("A post can be moved at most a year ahead; pick an earlier time.");
  expect(row(item.id).plannedAt!.getTime()).toBe(before);
});
