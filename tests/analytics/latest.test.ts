import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { postFigures } from "../../src/analytics/store";
import { recordClick } from "../../src/clicks/store";
import { recordReading } from "../../src/metrics/store";
import { makeTestContext } from "../support/context";
import { seedPost } from "./fixtures";
import { makeUser, makeWebapp } from "../support/content-factories";

let ctx: ReturnType<typeof makeTestContext>;
beforeEach(() => {
  ctx = makeTestContext();
});
afterEach(() => ctx.cleanup());

const latestRow = (itemId: number) =>
  ctx.db.$client
    .query<{ views: number | null; likes: number | null; at: number | null; clicks: number; lastClick: number | null }, [number]>(
      "SELECT latest_views AS views, latest_likes AS likes, latest_taken_at AS at, clicks, last_click_at AS lastClick FROM metric_collection WHERE item_id = ?",
    )
    .get(itemId)!;

function world() {
  const user = makeUser(ctx, { timezone: "UTC" });
  const app = makeWebapp(ctx, user.id, "Acme Notes");
  const item = seedPost(ctx, {
    userId: user.id,
    webappId: app.id,
    platform: "youtube",
    publishedAt: "2026-03-01T10:00:00Z",
    readings: [
      { at: "2026-03-01T12:00:00Z", views: 100, likes: 4 },
      { at: "2026-03-02T12:00:00Z", views: 300, likes: 9 },
    ],
    clicks: ["2026-03-01T13:00:00Z", "2026-03-02T09:00:00Z"],
  });
  const due = {
    itemId: item.id,
    userId: user.id,
    webappId: app.id,
    platform: "youtube",
    remoteId: `r${item.id}`,
    publishedAt: new Date("2026-03-01T10:00:00Z"),
    failures: 0,
    problem: null,
    journalConnectionId: null,
  };
  const figures = (to: string) => postFigures(ctx.db, { userId: user.id, from: new Date("2026-03-01T00:00:00Z"), to: new Date(to) })[0]!;
  return { user, app, item, due, figures };
}

describe("the latest reading kept on the collection row", () => {
  test("a reading recorded moves the latest row, and a period ending now shows it", () => {
    const w = world();
    expect(latestRow(w.item.id)).toEqual({
      views: 300,
      likes: 9,
      at: Date.parse("2026-03-02T12:00:00Z"),
      clicks: 2,
      lastClick: Date.parse("2026-03-02T09:00:00Z"),
    });
    recordReading(ctx.db, w.due, { views: 750, likes: 30 }, new Date("2026-03-04T12:00:00Z"), new Date("2026-03-05T12:00:00Z"));
    const row = latestRow(w.item.id);
    expect([row.at, row.views, row.likes]).toEqual([Date.parse("2026-03-04T12:00:00Z"), 750, 30]);
    const f = w.figures("2026-03-10T00:00:00Z");
    expect([f.views, f.likes, f.readAt, f.clicks]).toEqual([750, 30, Date.parse("2026-03-04T12:00:00Z"), 2]);
  });

  test("past periods still read the history: the reading and the clicks as they stood at the end", () => {
    const w = world();
    recordReading(ctx.db, w.due, { views: 750, likes: 30 }, new Date("2026-03-04T12:00:00Z"), undefined);
    const before = w.figures("2026-03-02T00:00:00Z");
    expect([before.views, before.likes, before.readAt, before.clicks]).toEqual([100, 4, Date.parse("2026-03-01T12:00:00Z"), 1]);
    const between = w.figures("2026-03-03T00:00:00Z");
    expect([between.views, between.clicks]).toEqual([300, 2]);
    const first = w.figures("2026-03-01T11:00:00Z");
    expect([first.views, first.readAt, first.clicks]).toEqual([null, null, 0]);
  });

  test("a reading older than the latest (a history import) leaves the latest where it was", () => {
    const w = world();
    const latest = latestRow(w.item.id);
    recordReading(ctx.db, w.due, { views: 50 }, new Date("2026-03-01T11:00:00Z"), new Date("2026-03-05T12:00:00Z"));
    expect(latestRow(w.item.id)).toEqual(latest);
    expect(w.figures("2026-03-10T00:00:00Z").views).toBe(300);
    expect(w.figures("2026-03-01T11:30:00Z").views).toBe(50);
  });

  test("a click counted moves the count; a repeat of the same visitor and day does not", () => {
    const w = world();
    const now = new Date("2026-03-03T08:00:00Z");
    recordClick(ctx.db, { itemId: w.item.id, day: "2026-03-03", visitor: "someone", code: "c" }, now);
    recordClick(ctx.db, { itemId: w.item.id, day: "2026-03-03", visitor: "someone", code: "c" }, now);
    expect(latestRow(w.item.id)).toMatchObject({ clicks: 3, lastClick: now.getTime() });
    expect(w.figures("2026-03-10T00:00:00Z").clicks).toBe(3);
    expect(w.figures("2026-03-03T07:00:00Z").clicks).toBe(2);
    ctx.db.$client.run("DELETE FROM link_clicks WHERE item_id = ? AND visitor = 'someone'", [w.item.id]);
    expect(latestRow(w.item.id)).toMatchObject({ clicks: 2, lastClick: Date.parse("2026-03-02T09:00:00Z") });
  });

  test("a collection row made after its readings and clicks starts from them", () => {
    const w = world();
    const latest = latestRow(w.item.id);
    ctx.db.$client.run("DELETE FROM metric_collection WHERE item_id = ?", [w.item.id]);
    ctx.db.$client.run(
      "INSERT INTO metric_collection (item_id, user_id, platform, published_at, state) VALUES (?, ?, 'youtube', ?, 'collecting')",
      [w.item.id, w.user.id, Date.parse("2026-03-01T10:00:00Z")],
    );
    expect(latestRow(w.item.id)).toEqual(latest);
  });

  test("for any end of period, the kept row and the history agree", () => {
    const w = world();
    recordReading(ctx.db, w.due, { views: 750, likes: 30 }, new Date("2026-03-04T12:00:00Z"), undefined);
    const history = (to: number) =>
      ctx.db.$client
        .query<{ views: number | null; clicks: number }, [number, number, number]>(
          `SELECT (SELECT views FROM metric_snapshots WHERE item_id = ?1 AND taken_at <= ?2 ORDER BY taken_at DESC, id DESC LIMIT 1) AS views,
             (SELECT count(*) FROM link_clicks WHERE item_id = ?3 AND clicked_at <= ?2) AS clicks`,
        )
        .get(w.item.id, to, w.item.id)!;
    for (let t = Date.parse("2026-03-01T10:30:00Z"); t < Date.parse("2026-03-06T00:00:00Z"); t += 5 * 3_600_000) {
      const f = w.figures(new Date(t).toISOString());
      expect({ t: new Date(t).toISOString(), views: f.views, clicks: f.clicks }).toEqual({ t: new Date(t).toISOString(), ...history(t) });
    }
  });
});
