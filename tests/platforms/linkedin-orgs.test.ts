import { afterEach, describe, expect, test } from "bun:test";
import { createSession } from "../../src/auth/sessions";
import { createApp } from "../../src/server/app";
import { createAdapters } from "../../src/publishing/adapters";
import { type ConnectionRow, getConnectionRow, listConnections, openConnection } from "../../src/publishing/connections";
import { refreshDueTokens } from "../../src/publishing/refresh";
import { FakeLinkedIn } from "../fakes/linkedin";
import type { FakeOrg } from "../fakes/linkedin-orgs";
import { makeTestContext } from "../support/context";
import {
  makeConnection,
  makeImageFile,
  makeItem,
  makeOwner,
  makeVideoFile,
  publishQueue,
  recordPublishEvents,
} from "../support/publishing-factories";

const MEMBER_SCOPES = ["openid", "profile", "w_member_social"];
const ORGS: FakeOrg[] = [
  { id: "2414183", name: "Example App Inc", vanityName: "example-app", logo: "D4E0BAQExampleLogo" },
  { id: "5550001", name: "Side Project", vanityName: "side-project" },
  { id: "7770001", name: "Only Analyst Here", vanityName: "analyst", role: "ANALYST" },
  { id: "8880001", name: "Asked To Admin", vanityName: "asked", state: "REQUESTED" },
];

function world(opts: ConstructorParameters<typeof FakeLinkedIn>[0] = {}, env: Record<string, string> = {}) {
  const fake = new FakeLinkedIn({ processingMs: 0, partSize: 256 * 1024, orgs: ORGS, ...opts }).start();
  const ctx = makeTestContext({ ...fake.env(), ...env });
  const owner = makeOwner(ctx);
  const adapters = createAdapters(ctx, { sleep: (ms: number) => Bun.sleep(ms / 500) });
  const events = recordPublishEvents(ctx);
  const { token, session } = createSession(ctx.db, owner.userId, ctx.clock.now(), 30);
  const app = createApp(ctx);
  const base = ctx.config.server.public_base_url;
  const headers = { cookie: `amk_session=${token}`, origin: base };
  const getPage = (path: string) => app.handle(new Request(base + path, { headers }));
  const post = (path: string) =>
    app.handle(
      new Request(base + path, {
        method: "POST",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: session.csrfToken }),
      }),
    );
  return {
    fake,
    ctx,
    owner,
    adapters,
    events,
    post,
    ...publishQueue(ctx, { adapters, random: () => 0.5 }),
    /** Connect through the routes: Connect, LinkedIn's consent (the fake), then our callback. */
    async connect(): Promise<{ consentUrl: URL; done: Response }> {
      const start = await post("/platforms/linkedin/connect");
      expect(start.status).toBe(303);
      const consentUrl = new URL(start.headers.get("location")!);
      const back = new URL((await fetch(consentUrl, { redirect: "manual" })).headers.get("location")!);
      return { consentUrl, done: await getPage(back.pathname + back.search) };
    },
    rows: () => listConnections(ctx, owner.userId),
    byName: (name: string) => listConnections(ctx, owner.userId).find((r) => r.accountName === name)!,
    open: (r: ConnectionRow) => openConnection(ctx, getConnectionRow(ctx, r.id)!),
    card: async () => {
      const html = await (await getPage("/platforms")).text();
      const at = html.indexOf('id="platform-linkedin"');
      return html.slice(at, html.indexOf("</section>", at));
    },
    close() {
      fake.stop();
      ctx.cleanup();
    },
  };
}

let w: ReturnType<typeof world>;
afterEach(() => w?.close());

describe("LinkedIn: the member and the Pages they administer", () => {
  test("connecting stores the member and each Page they administer (approved ADMINISTRATOR only), all on the one grant", async () => {
    w = world();
    const { consentUrl, done } = await w.connect();
    expect(consentUrl.searchParams.get("scope")).toBe(
      "openid profile w_member_social w_organization_social r_organization_social rw_organization_admin",
    );
    expect(done.status).toBe(303);
    const rows = w.rows();
    expect(rows.map((r) => [r.accountId, r.accountName])).toEqual([
      [w.fake.member.sub, "Ada Example"],
      ["2414183", "Example App Inc (Page)"],
      ["5550001", "Side Project (Page)"],
    ]);
    const [member, page, side] = rows.map((r) => w.open(r));
    expect(member!.extra.author).toBe(`urn:li:person:${w.fake.member.sub}`);
    expect(page!.extra.author).toBe("urn:li:organization:2414183");
    expect(side!.extra.author).toBe("urn:li:organization:5550001");
    expect(new Set(rows.map((r) => w.open(r).accessToken)).size).toBe(1);
    expect(new Set(rows.map((r) => w.open(r).refreshToken)).size).toBe(1);
    expect(rows[1]!.avatarUrl).toBe("https://media.licdn.com/dms/image/D4E0BAQExampleLogo/company-logo_200_200/0?e=1790000000&v=beta");
    expect(rows[2]!.avatarUrl).toBe("");
    expect(rows.every((r) => r.scopes.includes("w_organization_social"))).toBe(true);

    const card = await w.card();
    expect(card).toContain("Posts go to Ada Example.");
    expect(card).toContain(`action="/platforms/connections/${rows[1]!.id}/select"`);
    expect(card).toContain(`action="/platforms/connections/${rows[2]!.id}/select"`);
    expect(card).not.toContain("Permissions not granted");
  });

  test("choosing a Page makes the engine upload, post and reconcile as urn:li:organization:<id>", async () => {
    w = world();
    await w.connect();
    const page = w.byName("Example App Inc (Page)");
    expect((await w.post(`/platforms/connections/${page.id}/select`)).status).toBe(303);
    expect(await w.card()).toContain("Posts go to Example App Inc (Page).");

    const video = makeVideoFile(w.ctx, "page.mp4", 400 * 1024);
    const first = makeItem(w.ctx, w.owner, { platform: "linkedin", video, caption: "A video from the Page" });
    await w.run();
    expect(w.get(first.id).status).toBe("published");
    expect(w.fake.posts[0]!.author).toBe("urn:li:organization:2414183");
    expect(w.fake.posts[0]!.media).toMatch(/^urn:li:video:/);

    const img = await makeImageFile(w.ctx, "page.jpg", 1200, 627);
    const second = makeItem(w.ctx, w.owner, { platform: "linkedin", format: "image", images: [img], caption: "A picture from the Page" });
    await w.run();
    expect(w.get(second.id).status).toBe("published");
    expect(w.fake.posts[1]!.author).toBe("urn:li:organization:2414183");
    expect(w.fake.images.get(w.fake.posts[1]!.media!)!.owner).toBe("urn:li:organization:2414183");

    // The answer to the create call is lost: the post is found by listing the Page's posts, not posted twice.
    w.fake.fail("create", "accept_then_503");
    const third = makeItem(w.ctx, w.owner, { platform: "linkedin", video, caption: "Lost answer from the Page" });
    await w.run();
    expect(w.get(third.id).status).toBe("publishing");
    w.ctx.clock.advance(61_000);
    await w.run();
    expect(w.get(third.id).status).toBe("published");
    expect(w.get(third.id).remoteId).toBe(w.fake.posts[2]!.urn);
    expect(w.fake.posts.map((p) => p.author)).toEqual(Array(3).fill("urn:li:organization:2414183"));
  });

  test("without the organization scopes the member is still connected and the card names the missing ones", async () => {
    w = world({ grantedScopes: MEMBER_SCOPES });
    const { done } = await w.connect();
    expect(done.status).toBe(303);
    expect(w.fake.calls.some((c) => c.path === "/rest/organizationAcls")).toBe(true);
    const rows = w.rows();
    expect(rows.map((r) => r.accountName)).toEqual(["Ada Example"]);
    expect(rows[0]!.scopes).toEqual(MEMBER_SCOPES);
    expect(await w.card()).toContain("w_organization_social, r_organization_social, rw_organization_admin (reconnect and allow them)");
  });

  test("an app without the Community Management API: LinkedIn refuses the sign-in and the page says what to change; organizations: false asks only for the member", async () => {
    w = world({ appScopes: MEMBER_SCOPES });
    const { done } = await w.connect();
    expect(done.status).toBe(400);
    const html = await done.text();
    expect(html).toContain("is not authorized for your application");
    expect(html).toContain("set platform_linkedin.organizations: false");
    expect(w.rows()).toHaveLength(0);
    w.close();

    w = world({ appScopes: MEMBER_SCOPES }, { AMARKTAI_PLATFORM_LINKEDIN_ORGANIZATIONS: "false" });
    const again = await w.connect();
    expect(again.consentUrl.searchParams.get("scope")).toBe("openid profile w_member_social");
    expect(again.done.status).toBe(303);
    expect(w.rows().map((r) => r.accountName)).toEqual(["Ada Example"]);
    expect(w.fake.calls.some((c) => c.path === "/rest/organizationAcls")).toBe(false);
    expect(await w.card()).not.toContain("Permissions not granted");
  });

  test("refreshing one account of the grant renews every account of it (one token call); another grant keeps its own tokens", async () => {
    w = world();
    await w.connect();
    const grant = w.rows();
    const old = w.open(grant[0]!).accessToken;
    const own = w.fake.issueTokens();
    const other = makeConnection(w.ctx, w.owner.userId, "linkedin", {
      accessToken: own.accessToken,
      refreshToken: own.refreshToken,
      expiresAt: grant[0]!.expiresAt!,
      accountId: "zzOtherMember",
      accountName: "Other Member",
      extra: { author: "urn:li:person:zzOtherMember" },
    });

    w.ctx.clock.advance(60 * 86_400_000 - 10 * 60_000);
    const out = await refreshDueTokens(w.ctx, w.ctx.clock.now(), w.adapters);
    expect(out.revoked + out.failed).toBe(0);
    expect(w.fake.refreshes).toBe(2);
    const renewed = grant.map((r) => w.open(r).accessToken);
    expect(new Set(renewed).size).toBe(1);
    expect(renewed[0]).not.toBe(old);
    expect(w.fake.accepts(renewed[0]!)).toBe(true);
    expect(grant.every((r) => getConnectionRow(w.ctx, r.id)!.expiresAt!.getTime() > w.ctx.clock.now().getTime() + 59 * 86_400_000)).toBe(
      true,
    );
    const otherToken = w.open(other).accessToken;
    expect(otherToken).not.toBe(own.accessToken);
    expect(otherToken).not.toBe(renewed[0]);

    // A 401 while posting as the Page: the engine refreshes, and the member row gets the same new token.
    const page = w.byName("Example App Inc (Page)");
    expect((await w.post(`/platforms/connections/${page.id}/select`)).status).toBe(303);
    w.fake.fail("create", "expired_token");
    const item = makeItem(w.ctx, w.owner, { platform: "linkedin", video: makeVideoFile(w.ctx, "r.mp4", 300 * 1024) });
    await w.run();
    expect(w.get(item.id).status).toBe("published");
    expect(w.fake.refreshes).toBe(3);
    expect(w.open(w.byName("Ada Example")).accessToken).toBe(w.open(page).accessToken);
    expect(w.open(page).accessToken).not.toBe(renewed[0]);
  });

  test("a revoked grant marks the member and every Page for reconnecting, with one alert; another user cannot choose my Page", async () => {
    w = world();
    await w.connect();
    const page = w.byName("Side Project (Page)");
    expect((await w.post(`/platforms/connections/${page.id}/select`)).status).toBe(303);
    w.fake.fail("init", "revoked");
    const item = makeItem(w.ctx, w.owner, { platform: "linkedin", video: makeVideoFile(w.ctx, "v.mp4", 300 * 1024) });
    await w.run();
    expect(w.get(item.id).status).toBe("failed");
    expect(w.rows().map((r) => r.status)).toEqual(["reconnect_needed", "reconnect_needed", "reconnect_needed"]);
    expect(w.events).toEqual(["connection.revoked", "content.attention"]);

    const stranger = makeOwner(w.ctx);
    const { token, session } = createSession(w.ctx.db, stranger.userId, w.ctx.clock.now(), 30);
    const base = w.ctx.config.server.public_base_url;
    const res = await createApp(w.ctx).handle(
      new Request(`${base}/platforms/connections/${w.byName("Example App Inc (Page)").id}/select`, {
        method: "POST",
        headers: { cookie: `amk_session=${token}`, origin: base, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: session.csrfToken }),
      }),
    );
    expect(res.status).toBe(404);
    expect(
      w
        .rows()
        .filter((r) => r.selectedAt !== null)
        .map((r) => r.id),
    ).toEqual([page.id]);
  });
});
