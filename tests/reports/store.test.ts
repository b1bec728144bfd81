import { afterEach, beforeEach, expect, test } from "bun:test";
import { claimReport, markReportSent, releaseReport } from "../../src/reports/store";
import { makeTestContext } from "../support/context";
import { makeUser } from "../support/content-factories";

let ctx: ReturnType<typeof makeTestContext>;
beforeEach(() => {
  ctx = makeTestContext();
});
afterEach(() => ctx.cleanup());

const at = (iso: string) => new Date(iso);

test("a period is claimed once; a claim the sender never finished frees up after an hour; a sent one never", () => {
  const u = makeUser(ctx);
  expect(claimReport(ctx.db, u.id, "week", "2026-03-02", at("2026-03-09T07:00:00Z"))).toBe(true);
  expect(claimReport(ctx.db, u.id, "week", "2026-03-02", at("2026-03-09T07:05:00Z"))).toBe(false);
  // Another period or another kind is its own claim.
  expect(claimReport(ctx.db, u.id, "month", "2026-03-02", at("2026-03-09T07:05:00Z"))).toBe(true);
  // The process died mid-send: an hour later the claim can be taken again, once.
  expect(claimReport(ctx.db, u.id, "week", "2026-03-02", at("2026-03-09T08:01:00Z"))).toBe(true);
  expect(claimReport(ctx.db, u.id, "week", "2026-03-02", at("2026-03-09T08:02:00Z"))).toBe(false);
  markReportSent(ctx.db, u.id, "week", "2026-03-02", at("2026-03-09T08:02:00Z"));
  expect(claimReport(ctx.db, u.id, "week", "2026-03-02", at("2026-03-20T08:00:00Z"))).toBe(false);
  // Releasing a sent report does nothing; releasing an unsent claim frees it at once.
  releaseReport(ctx.db, u.id, "week", "2026-03-02");
  expect(claimReport(ctx.db, u.id, "week", "2026-03-02", at("2026-03-21T08:00:00Z"))).toBe(false);
  releaseReport(ctx.db, u.id, "month", "2026-03-02");
  expect(claimReport(ctx.db, u.id, "month", "2026-03-02", at("2026-03-09T07:06:00Z"))).toBe(true);
});
