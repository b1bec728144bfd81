import { afterEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { postingAccounts } from "../../src/approvals/account-store";
import { createSession } from "../../src/auth/sessions";
import { contentItems } from "../../src/db/schema/content";
import { connections, publishJournal } from "../../src/db/schema/platforms";
import { createApp } from "../../src/server/app";
import { createAdapters } from "../../src/publishing/adapters";
import { connectionFor } from "../../src/publishing/connections";
import { publishHandlers } from "../../src/publishing/handlers";
import { runDuePublishJobs } from "../../src/publishing/runner";
import { schedulePublishing } from "../../src/publishing/schedule";
import { FakeMeta } from "../fakes/meta";
import { makeTestContext } from "../support/context";
import { makeConnection, makeItem, makeOwner, makeVideoFile } from "../support/publishing-factories";

// Two Instagram accounts for one user: the oldest one the fake does not know, then the fake's real one.
function world() {
  const fake = new FakeMeta({ processingMs: 30 }).start();
  const ctx = makeTestContext(fake.env());
  const owner = makeOwner(ctx);
  const conn = (accountId: string, accountName: string, userId = owner.userId) => {
    const token = fake.issueLongToken();
    return makeConnection(ctx, userId, "instagram", {
      accessToken: token,
      refreshToken: token,
      expiresAt: new Date(ctx.clock.now().getTime() + 60 * 86_400_000),
      accountId,
      accountName,
      extra: { username: accountName.slice(1), pageId: fake.page.id },
    });
  };
  const other = conn("17841400000099999", "@otherbrand");
  const real = conn(fake.ig.id, "@exampleapp");
  const deps = { adapters: createAdapters(ctx, { sleep: (ms: number) => Bun.sleep(ms / 500) }), random: () => 0.5 };
  const video = makeVideoFile(ctx, "reel.mp4", 200 * 1024);
  return {
    fake,
    ctx,
    owner,
    other,
    real,
    conn,
    item: () => makeItem(ctx, owner, { platform: "instagram", video }),
    async run() {
      schedulePublishing(ctx, ctx.clock.now());
      return runDuePublishJobs(ctx, publishHandlers(ctx, deps));
    },
    selected: () =>
      ctx.db
        .select({ id: connections.id, at: connections.selectedAt })
        .from(connections)
        .all()
        .filter((r) => r.at !== null)
        .map((r) => r.id),
    close() {
      fake.stop();
      ctx.cleanup();
    },
  };
}

function signedIn(ctx: Parameters<typeof createApp>[0], userId: number) {
  const { token, session } = createSession(ctx.db, userId, ctx.clock.now(), 30);
  const app = createApp(ctx);
  const base = ctx.config.server.public_base_url;
  const headers = { cookie: `amk_session=${token}`, origin: base };
  return {
    get: (path: string) => app.handle(new Request(base + path, { headers })),
    post: (path: string, extra: Record<string, string> = {}) =>
      app.handle(
        new Request(base + path, {
          method: "POST",
          headers: { ...headers, ...extra, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: session.csrfToken }),
        }),
      ),
  };
}

let w: ReturnType<typeof world>;
afterEach(() => w?.close());

describe("choosing the account posts go out as", () => {
  test("the engine publishes as the selected account; without a choice it uses the oldest", async () => {
    w = world();
    expect(connectionFor(w.ctx, w.owner.userId, "instagram")!.id).toBe(w.other.id);
    expect(postingAccounts(w.ctx.db, w.owner.userId).get("instagram")!.name).toBe("@otherbrand");
    const s = signedIn(w.ctx, w.owner.userId);
    const r = await s.post(`/platforms/connections/${w.real.id}/select`);
    expect(r.status).toBe(303);
    expect(r.headers.get("location")).toBe("/platforms?done=selected");
    expect(w.selected()).toEqual([w.real.id]);
    expect(postingAccounts(w.ctx.db, w.owner.userId).get("instagram")!.name).toBe("@exampleapp");

    const item = w.item();
    await w.run();
    const got = w.ctx.db.select().from(contentItems).where(eq(contentItems.id, item.id)).get()!;
    expect(got.status).toBe("published");
    expect(w.fake.media).toHaveLength(1);
    expect(w.fake.media[0]!.igUser).toBe(w.fake.ig.id);
    expect(w.ctx.db.select().from(publishJournal).where(eq(publishJournal.itemId, item.id)).get()!.connectionId).toBe(w.real.id);
  });

  test("selecting again moves the choice: exactly one selected per platform; disconnecting it falls back to the oldest", async () => {
    w = world();
    const third = w.conn("17841400000077777", "@thirdbrand");
    const s = signedIn(w.ctx, w.owner.userId);
    expect((await s.post(`/platforms/connections/${w.real.id}/select`)).status).toBe(303);
    expect((await s.post(`/platforms/connections/${third.id}/select`)).status).toBe(303);
    expect(w.selected()).toEqual([third.id]);
    expect(connectionFor(w.ctx, w.owner.userId, "instagram")!.id).toBe(third.id);
    expect((await s.post(`/platforms/connections/${third.id}/disconnect`)).status).toBe(303);
    expect(connectionFor(w.ctx, w.owner.userId, "instagram")!.id).toBe(w.other.id);
  });

  test("landing back from a login that offered several accounts asks which one posts", async () => {
    w = world();
    const s = signedIn(w.ctx, w.owner.userId);
    const several = await (await s.get("/platforms?connected=instagram")).text();
    expect(several).toContain(
      "Instagram is connected with 2 accounts. Posts go to @otherbrand; to post as another one, choose &quot;Post as this account&quot; on it below.",
    );
    await s.post(`/platforms/connections/${w.real.id}/select`);
    expect(await (await s.get("/platforms?connected=instagram")).text()).toContain("Posts go to @exampleapp;");
    expect(await (await s.get("/platforms?connected=facebook")).text()).toContain("Facebook Page is connected.");
  });

  test("another user's connection answers 404 and changes nothing", async () => {
    w = world();
    const stranger = makeOwner(w.ctx);
    const theirs = w.conn(w.fake.ig.id, "@exampleapp", stranger.userId);
    const mine = signedIn(w.ctx, w.owner.userId);
    expect((await mine.post(`/platforms/connections/${w.real.id}/select`)).status).toBe(303);
    const s = signedIn(w.ctx, stranger.userId);
    expect((await s.post(`/platforms/connections/${w.real.id}/select`)).status).toBe(404);
    expect((await s.post(`/platforms/connections/999999/select`)).status).toBe(404);
    expect((await mine.post(`/platforms/connections/${theirs.id}/select`)).status).toBe(404);
    expect(w.selected()).toEqual([w.real.id]);
  });

  test("the card lists the accounts with 'Post as this account' and marks the one posts go to; htmx gets the card back", async () => {
    w = world();
    const s = signedIn(w.ctx, w.owner.userId);
    const html = await (await s.get("/platforms")).text();
    const card = html.slice(html.indexOf('id="platform-instagram"'));
    expect(card).toContain("Posts go to @otherbrand.");
    expect(card).toContain(`action="/platforms/connections/${w.real.id}/select"`);
    expect(card).not.toContain(`action="/platforms/connections/${w.other.id}/select"`);
    expect(card).toContain("Posts go here");
    const r = await s.post(`/platforms/connections/${w.real.id}/select`, { "hx-request": "true" });
    expect(r.status).toBe(200);
    const fragment = await r.text();
    expect(fragment.startsWith('<section class="card platform-card" id="platform-instagram">')).toBe(true);
    expect(fragment).toContain("Posts go to @exampleapp.");
    expect(fragment).toContain(`action="/platforms/connections/${w.other.id}/select"`);
    expect(fragment).not.toContain(`action="/platforms/connections/${w.real.id}/select"`);
    // One account only: no choice offered.
    expect(html.slice(html.indexOf('id="platform-facebook"'), html.indexOf('id="platform-facebook"') + 3000)).not.toContain(
      "Post as this account",
    );
  });
});
