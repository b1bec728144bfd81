import { afterEach, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { recordEvent, transition } from "../../src/content/state";
import { contentEvents, contentItems } from "../../src/db/schema/content";
import { makeTestContext } from "../support/context";
import { makeItem, makeOwner } from "../support/publishing-factories";

let ctx: ReturnType<typeof makeTestContext>;
afterEach(() => ctx?.cleanup());

const actor = { userId: null, channel: "system" as const };

test("a transition writes the columns it sets as the schema encodes them (dates, JSON, null) and a history line with both states", () => {
  ctx = makeTestContext();
  const owner = makeOwner(ctx);
  const item = makeItem(ctx, owner, { status: "failed" });
  const now = new Date(ctx.clock.now().getTime() + 5000);
  const planned = new Date(now.getTime() + 3_600_000);
  ctx.db
    .update(contentItems)
    .set({ failure: "it broke", media: { video: "a.mp4" } })
    .where(eq(contentItems.id, item.id))
    .run();

  expect(
    transition(ctx.db, item.id, "scheduled", actor, {
      from: ["failed"],
      action: "retry",
      detail: "again",
      set: { failure: null, plannedAt: planned, media: { video: "b.mp4" }, remoteId: undefined },
      now,
    }),
  ).toBe(true);
  const row = ctx.db.select().from(contentItems).where(eq(contentItems.id, item.id)).get()!;
  expect(row).toMatchObject({
    status: "scheduled",
    failure: null,
    plannedAt: planned,
    media: { video: "b.mp4" },
    remoteId: null,
    updatedAt: now,
  });
  const events = ctx.db.select().from(contentEvents).where(eq(contentEvents.itemId, item.id)).all();
  expect(events.map((e) => [e.action, e.fromStatus, e.toStatus, e.detail, e.at.getTime()])).toEqual([
    ["retry", "failed", "scheduled", "again", now.getTime()],
  ]);
});

test("the same kind of transition on other items reuses its statement with each item's own values; a refused one changes nothing", () => {
  ctx = makeTestContext();
  const owner = makeOwner(ctx);
  const items = [
    makeItem(ctx, owner, { status: "scheduled" }),
    makeItem(ctx, owner, { status: "publishing" }),
    makeItem(ctx, owner, { status: "draft" }),
  ];
  const now = ctx.clock.now();
  const moved = items.map((it, i) =>
    transition(ctx.db, it.id, "failed", actor, { from: ["scheduled", "publishing"], set: { failure: `reason ${i}` }, now }),
  );
  expect(moved).toEqual([true, true, false]);
  const rows = items.map((it) => ctx.db.select().from(contentItems).where(eq(contentItems.id, it.id)).get()!);
  expect(rows.map((r) => [r.status, r.failure])).toEqual([
    ["failed", "reason 0"],
    ["failed", "reason 1"],
    ["draft", null],
  ]);
  const events = ctx.db.select().from(contentEvents).all();
  expect(events.map((e) => [e.itemId, e.fromStatus, e.toStatus])).toEqual([
    [items[0]!.id, "scheduled", "failed"],
    [items[1]!.id, "publishing", "failed"],
  ]);
  // A history line that is not a state change has no states.
  recordEvent(ctx.db, items[2]!.id, actor, "note", "just a note", now);
  expect(ctx.db.select().from(contentEvents).where(eq(contentEvents.itemId, items[2]!.id)).get()).toMatchObject({
    action: "note",
    fromStatus: null,
    toStatus: null,
    detail: "just a note",
  });
});
