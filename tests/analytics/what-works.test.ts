import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { importHistory } from "../../src/learning/import";
import { seededRandom } from "../../src/learning/random";
import { localParts } from "../../src/lib/zoned-time";
import { WHAT_WORKS_TTL_MS } from "../../src/analytics/routes";
import { createApp } from "../../src/server/app";
import { clientFor } from "../support/accounts";
import { makeTestContext } from "../support/context";
import { seedWorld } from "./fixtures";

let ctx: ReturnType<typeof makeTestContext>;
let w: ReturnType<typeof seedWorld>;
beforeEach(() => {
  ctx = makeTestContext();
  ctx.clock.set(new Date("2026-03-07T17:00:00Z"));
  w = seedWorld(ctx);
});
afterEach(() => ctx.cleanup());

/** 120 X posts whose engagement peaks at 14-16 h on weekdays (New York) and doubles for question openings. */
function history(): string {
  const rng = seededRandom(7);
  const lines = ["platform,posted_at,text,impressions,likes,comments,shares,clicks"];
  for (let i = 0; i < 120; i++) {
    const at = new Date(Date.parse("2026-02-27T00:00:00Z") - Math.floor(i / 2) * 86_400_000 + (11 + Math.floor(rng() * 12)) * 3_600_000);
    const local = localParts(at, "America/New_York");
    const peak = local.weekday >= 1 && local.weekday <= 5 && local.hour >= 14 && local.hour < 16;
    const question = i % 2 === 0;
    const impressions = 1000 + Math.floor(rng() * 1000);
    const likes = Math.round(impressions * 0.02 * (peak ? 3 : 1) * (question ? 2 : 1) * (0.8 + 0.4 * rng()));
    const text = question ? `Tip ${i}: plan the week in one place?` : `Tip ${i}: plan the week in one place.`;
    lines.push(`x,${at.toISOString().replace("Z", "+00:00")},"${text}",${impressions},${likes},1,0,`);
  }
  return lines.join("\n");
}

describe("What works on /analytics", () => {
  test("per web app and platform: the learned best window and arms in words, with posts, impressions and the lift against the table", async () => {
    const app = w.notes;
    expect(importHistory(ctx.db, { id: app.id, userId: w.user.id }, history(), "csv", ctx.clock.now())).toMatchObject({ ok: true });
    const html = (await clientFor(ctx, w.user, createApp(ctx)).get(`/analytics?webapp_id=${app.id}`)).text;
    expect(html).toContain("What works: Acme Notes");
    expect(html).not.toContain("What works: Acme Tasks");
    expect(html).toMatch(
      /Weekdays 14-16 h: your X posts there get [1-4]\.\dx your average engagement, [1-4]\.\dx what the general table expected \(\d+ posts, [\d,]+ impressions\)\./,
    );
    expect(html).toMatch(
      /Opening line: question works best, 1\.\dx your average engagement \(likely [\d.]+x-[\d.]+x; 6\d posts, [\d,]+ impressions\)\./,
    );
    // Every app shows when none is picked; an app with no history yet says the times come from the table.
    const all = (await clientFor(ctx, w.user, createApp(ctx)).get("/analytics")).text;
    expect(all).toContain("What works: Acme Tasks");
    expect(all).toContain("from the general table, not enough of your own");
  });

  test("kept for a few minutes whatever the period (fitting the model is costly), then read again with the new results", async () => {
    const app = w.notes;
    const server = createApp(ctx);
    const before = (await clientFor(ctx, w.user, server).get(`/analytics?webapp_id=${app.id}`)).text;
    expect(before).not.toContain("Weekdays 14-16 h");
    expect(importHistory(ctx.db, { id: app.id, userId: w.user.id }, history(), "csv", ctx.clock.now())).toMatchObject({ ok: true });
    // Another period right after the import: the results are new, "What works" is the kept one.
    const soon = (await clientFor(ctx, w.user, server).get(`/analytics?webapp_id=${app.id}&range=7`)).text;
    expect(soon).not.toContain("Weekdays 14-16 h");
    ctx.clock.advance(WHAT_WORKS_TTL_MS + 1_000);
    const later = (await clientFor(ctx, w.user, server).get(`/analytics?webapp_id=${app.id}&range=7`)).text;
    expect(later).toContain("Weekdays 14-16 h");
  });
});
