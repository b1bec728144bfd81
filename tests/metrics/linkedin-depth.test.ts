import { afterEach, describe, expect, test } from "bun:test";
import { metricRefusalsOf } from "../../src/metrics/store";
import { FakeLinkedIn } from "../fakes/linkedin";
import type { FakeOrg } from "../fakes/linkedin-orgs";
import { makeTestContext } from "../support/context";
import { makeConnection, makeOwner } from "../support/publishing-factories";
import { collect, collectDeps, metricsOf, publishedItem } from "./helpers";

let close: (() => void) | undefined;
afterEach(() => close?.());

const PAGE: FakeOrg = { id: "2414183", name: "Amarktai", vanityName: "amarktai" };

/** A fake LinkedIn and an owner connected as the member or as a Page (with the scopes given). */
function linkedinWorld(as: "member" | "page", o: { role?: FakeOrg["role"]; scopes?: string[] } = {}) {
  const fake = new FakeLinkedIn({ processingMs: 0, orgs: [{ ...PAGE, role: o.role }] }).start();
  const ctx = makeTestContext(fake.env());
  close = () => (fake.stop(), ctx.cleanup());
  const owner = makeOwner(ctx);
  const t = fake.issueTokens(o.scopes);
  const author = as === "page" ? `urn:li:organization:${PAGE.id}` : `urn:li:person:${fake.member.sub}`;
  makeConnection(ctx, owner.userId, "linkedin", {
    accessToken: t.accessToken,
    refreshToken: t.refreshToken,
    expiresAt: new Date(ctx.clock.now().getTime() + t.expiresIn * 1000),
    accountId: as === "page" ? `urn:li:organization:${PAGE.id}` : fake.member.sub,
    extra: { author },
  });
  const post = (urn: string) => {
    fake.posts.push({
      urn,
      author,
      commentary: "launch",
      createdAt: Date.now(),
      likes: 14,
      comments: [{ id: "1", actor: "urn:li:person:abc", text: "nice", at: Date.now() }],
      stats: { impressionCount: 2300, uniqueImpressionsCount: 1700, clickCount: 41, shareCount: 6 },
    });
    return publishedItem(ctx, owner, "linkedin", { remoteId: urn });
  };
  const deps = collectDeps(ctx);
  const read = async () => {
    await collect(ctx, deps);
    ctx.clock.advance(3600_000);
    return collect(ctx, deps);
  };
  return { fake, ctx, owner, post, read };
}

describe("LinkedIn: organization share statistics for Page posts, social actions for member posts", () => {
  test("a Page's share and ugcPost: impressions, unique impressions as reach, likes, comments and reshares", async () => {
    const w = linkedinWorld("page");
    const share = w.post("urn:li:share:7100000000000000001");
    const ugc = w.post("urn:li:ugcPost:7100000000000000002");
    expect(await w.read()).toMatchObject({ read: 2, problems: 0 });
    for (const item of [share, ugc])
      expect(metricsOf(w.ctx, item.id).snapshots[0]).toMatchObject({
        views: 2300,
        impressions: 2300,
        reach: 1700,
        likes: 14,
        comments: 1,
        shares: 6,
      });
    const stats = w.fake.calls.filter((c) => c.path === "/rest/organizationalEntityShareStatistics");
    expect(stats).toHaveLength(2);
  });

  test("a Page whose member is not its ADMINISTRATOR: likes and comments still read, /platforms told what to add", async () => {
    const w = linkedinWorld("page", { role: "CONTENT_ADMINISTRATOR" });
    const item = w.post("urn:li:share:7100000000000000003");
    expect(await w.read()).toMatchObject({ read: 1, refused: 0 });
    expect(metricsOf(w.ctx, item.id).snapshots[0]).toMatchObject({ likes: 14, comments: 1, impressions: null, reach: null });
    expect(metricRefusalsOf(w.ctx.db, w.owner.userId)).toMatchObject([
      { platform: "linkedin", partial: true, needs: "rw_organization_admin and the ADMINISTRATOR role on the Page" },
    ]);
  });

  test("a member's post: likes and comments only (member impressions are not offered to this app)", async () => {
    const w = linkedinWorld("member");
    const item = w.post("urn:li:share:7100000000000000004");
    expect((await w.read()).read).toBe(1);
    expect(metricsOf(w.ctx, item.id).snapshots[0]).toMatchObject({ likes: 14, comments: 1, views: null, impressions: null });
    expect(w.fake.calls.some((c) => c.path === "/rest/organizationalEntityShareStatistics")).toBe(false);
    expect(metricRefusalsOf(w.ctx.db, w.owner.userId)).toEqual([]);
  });
});
