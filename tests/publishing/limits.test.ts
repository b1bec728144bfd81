import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { PLATFORM_RULES } from "../../src/platforms/rules";
import { writePhase } from "../../src/publishing/store";
import { type Caps, capWait } from "../../src/publishing/limits";
import { makeTestContext } from "../support/context";
import { makeConnection, makeItem, makeOwner } from "../support/publishing-factories";

const MINUTE = 60_000;
let ctx: ReturnType<typeof makeTestContext>;
let owner: ReturnType<typeof makeOwner>;
let connId: number;
beforeEach(() => {
  ctx = makeTestContext();
  owner = makeOwner(ctx);
  connId = makeConnection(ctx, owner.userId, "tiktok", { accessToken: "t", accountId: "creator-1" }).id;
});
afterEach(() => ctx.cleanup());

// TikTok's table: 6 posts a minute, 15 a day (the creator cap); nothing reported live.
const tiktok = (): Caps => ({
  label: PLATFORM_RULES.tiktok.label,
  perMinute: PLATFORM_RULES.tiktok.perMinute,
  daily: PLATFORM_RULES.tiktok.dailyCap,
  liveUsed: 0,
});
const now = () => ctx.clock.now();
const ago = (ms: number) => new Date(now().getTime() - ms);

/** Records `n` posts already sent on the account at the given times. */
function sent(times: Date[]): void {
  for (const at of times) {
    const item = makeItem(ctx, owner, { platform: "tiktok", status: "published" });
    writePhase(ctx.db, item.id, connId, "create_sent", {}, at);
  }
}
const next = () => makeItem(ctx, owner, { platform: "tiktok" }).id;

describe("the per-minute cap (TikTok: 6 a minute)", () => {
  test("TikTok's table says 6 posts a minute and 15 a day", () => {
    expect(PLATFORM_RULES.tiktok.perMinute).toBe(6);
    expect(PLATFORM_RULES.tiktok.dailyCap).toBe(15);
  });

  test("5 posts in the last minute leave room for a 6th; 6 make the 7th wait until the oldest is a minute old", () => {
    sent([ago(50_000), ago(40_000), ago(30_000), ago(20_000), ago(10_000)]);
    expect(capWait(ctx.db, connId, tiktok(), next(), now())).toBeUndefined();
    sent([ago(5_000)]);
    const wait = capWait(ctx.db, connId, tiktok(), next(), now());
    expect(wait?.reason).toBe("TikTok allows 6 posts a minute");
    expect(wait?.until.getTime()).toBe(ago(50_000).getTime() + MINUTE);
  });

  test("posts older than a minute no longer count against it", () => {
    sent(Array.from({ length: 6 }, (_, i) => ago(MINUTE + 1000 + i * 1000)));
    expect(capWait(ctx.db, connId, tiktok(), next(), now())).toBeUndefined();
  });

  test("a post of the account in flight takes one of the minute's slots", () => {
    sent([ago(50_000), ago(40_000), ago(30_000), ago(20_000), ago(10_000)]);
    const other = makeItem(ctx, owner, { platform: "tiktok", status: "publishing" });
    writePhase(ctx.db, other.id, connId, "prepared", {}, now());
    const wait = capWait(ctx.db, connId, tiktok(), next(), now());
    expect(wait?.reason).toBe("TikTok allows 6 posts a minute, counting 1 post being published right now");
  });

  test("the daily cap: 14 posts today leave room for one more; the 15th makes the next wait", () => {
    sent(Array.from({ length: 14 }, (_, i) => ago((i + 2) * 10 * MINUTE)));
    expect(capWait(ctx.db, connId, tiktok(), next(), now())).toBeUndefined();
    sent([ago(5 * MINUTE)]);
    expect(capWait(ctx.db, connId, tiktok(), next(), now())?.reason).toBe("the daily cap of 15 posts on TikTok is reached");
  });
});
