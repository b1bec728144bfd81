import { afterEach, describe, expect, test } from "bun:test";
import type { AppContext } from "../../src/app/context";
import { createSession } from "../../src/auth/sessions";
import { instanceSettings } from "../../src/db/schema/instance";
import { createApp } from "../../src/server/app";
import { buildContext } from "../../src/server/boot";
import { listConnections } from "../../src/publishing/connections";
import { createAdapters } from "../../src/publishing/adapters";
import { createUser } from "../../src/users/store";
import { FakeLinkedIn } from "../fakes/linkedin";
import { FakeMeta } from "../fakes/meta";
import { FakeTikTok } from "../fakes/tiktok";
import { FakeX } from "../fakes/x";
import { makeTestContext } from "../support/context";

const stops: (() => void)[] = [];
afterEach(() => {
  for (const s of stops.splice(0)) s();
});

/** A context pointed at the fakes' endpoints but with no app credentials in the config (unless `keep`). */
function world(opts: { keepX?: boolean } = {}) {
  const x = new FakeX({ clientId: "ui-client", clientSecret: "ui-secret-abcd1234" }).start();
  const tiktok = new FakeTikTok({ clientKey: "tt-ui", clientSecret: "tt-ui-secret" }).start();
  const meta = new FakeMeta({ appId: "meta-ui", appSecret: "meta-ui-secret" }).start();
  const strip = (env: Record<string, string>) =>
    Object.fromEntries(Object.entries(env).filter(([k]) => !/CLIENT_(ID|KEY|SECRET)$/.test(k) || opts.keepX));
  const ctx = makeTestContext({ ...strip(x.env()), ...strip(tiktok.env()), ...strip(meta.env()) });
  stops.push(() => {
    x.stop();
    tiktok.stop();
    meta.stop();
    ctx.cleanup();
  });
  const now = ctx.clock.now();
  const admin = createUser(ctx.db, { email: "admin@example.test", name: "Ada", passwordHash: "x", role: "admin", timezone: "UTC" }, now);
  const member = createUser(ctx.db, { email: "m@example.test", name: "Mo", passwordHash: "x", role: "member", timezone: "UTC" }, now);
  return { ctx, x, tiktok, meta, admin, member };
}

function signedIn(ctx: AppContext, userId: number) {
  const { token, session } = createSession(ctx.db, userId, ctx.clock.now(), 30);
  const app = createApp(ctx);
  const base = ctx.config.server.public_base_url;
  const headers = { cookie: `amk_session=${token}`, origin: base };
  return {
    get: (path: string) => app.handle(new Request(base + path, { headers })),
    post: (path: string, form: Record<string, string> = {}, extra: Record<string, string> = {}) =>
      app.handle(
        new Request(base + path, {
          method: "POST",
          headers: { ...headers, ...extra, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: session.csrfToken, ...form }),
        }),
      ),
  };
}

describe("platform app credentials entered in the browser", () => {
  test("credentials saved on the X card are used by the connect flow at once (no restart), sealed, never shown", async () => {
    const w = world();
    const s = signedIn(w.ctx, w.admin.id);
    const before = await (await s.get("/platforms")).text();
    expect(before).toContain(`${w.ctx.config.server.public_base_url}/platforms/x/callback`);
    expect(before).toContain('data-copy="#redirect-x"');
    expect((await s.post("/platforms/x/connect")).status).toBe(409);

    const saved = await s.post("/platforms/x/credentials", { client_id: "ui-client", client_secret: "ui-secret-abcd1234" });
    expect(saved.status).toBe(303);
    const rows = w.ctx.db.select().from(instanceSettings).all();
    const secretRow = rows.find((r) => r.key === "platform_x.client_secret")!;
    expect(secretRow.sealed).toBe(true);
    expect(secretRow.value).not.toContain("ui-secret");
    expect(w.ctx.secrets.open(secretRow.value)).toBe("ui-secret-abcd1234");

    const html = await (await s.get("/platforms")).text();
    expect(html).not.toContain("ui-secret-abcd1234");
    expect(html).toContain("set, ends with …1234");
    expect(html).toContain('value="ui-client"');

    const start = await s.post("/platforms/x/connect");
    expect(start.status).toBe(303);
    const consent = await fetch(start.headers.get("location")!, { redirect: "manual" });
    const back = new URL(consent.headers.get("location")!);
    const done = await s.get(back.pathname + back.search);
    expect(done.status).toBe(303);
    expect(listConnections(w.ctx, w.admin.id).map((c) => c.accountId)).toEqual([w.x.user.id]);
    // The publishing adapters are built from the same effective config.
    expect(createAdapters(w.ctx).x).toBeDefined();
  });

  test("an empty secret field keeps the stored secret; a new one replaces it; a context built again reads them back", async () => {
    const w = world();
    const s = signedIn(w.ctx, w.admin.id);
    await s.post("/platforms/x/credentials", { client_id: "ui-client", client_secret: "first-secret-0001" });
    expect((await s.post("/platforms/x/credentials", { client_id: "ui-client", client_secret: "" })).status).toBe(303);
    expect(w.ctx.config.platform_x.client_secret).toBe("first-secret-0001");
    await s.post("/platforms/x/credentials", { client_id: "ui-client", client_secret: "second-secret-0002" });
    expect(w.ctx.config.platform_x.client_secret).toBe("second-secret-0002");
    const again = buildContext({ ...w.ctx.config, platform_x: { ...w.ctx.config.platform_x, client_id: "", client_secret: "" } });
    stops.push(() => again.db.$client.close());
    expect(again.config.platform_x.client_id).toBe("ui-client");
    expect(again.config.platform_x.client_secret).toBe("second-secret-0002");
  });

  test("values from the config file win: shown as set in the configuration file, read-only, and not overwritten", async () => {
    const w = world({ keepX: true });
    const s = signedIn(w.ctx, w.admin.id);
    const html = await (await s.get("/platforms")).text();
    const card = html.slice(html.indexOf('id="platform-x"'), html.indexOf('id="platform-linkedin"'));
    expect(card).toContain("set in the configuration file");
    expect(card).not.toContain('name="client_id"');
    expect(card).not.toContain('name="client_secret"');
    expect(card).not.toContain("ui-secret-abcd1234");
    const r = await s.post("/platforms/x/credentials", { client_id: "other", client_secret: "other-secret" });
    expect(r.status).toBe(422);
    expect(await r.text()).toContain("set in the configuration file");
    expect(w.ctx.config.platform_x.client_id).toBe("ui-client");
  });

  test("a missing id or a secret with spaces is refused with the reason, on the card (htmx) with 422", async () => {
    const w = world();
    const s = signedIn(w.ctx, w.admin.id);
    const r = await s.post("/platforms/tiktok/credentials", { client_key: "", client_secret: "x" }, { "hx-request": "true" });
    expect(r.status).toBe(422);
    const body = await r.text();
    expect(body).toContain('id="platform-tiktok"');
    expect(body).toContain("Enter the Client key of your TikTok app.");
    const spaced = await s.post("/platforms/tiktok/credentials", { client_key: "tt-ui", client_secret: "a b" }, { "hx-request": "true" });
    expect(await spaced.text()).toContain("contain no spaces");
  });

  test("Test asks the fake token endpoints: accepted with the right credentials, a clear sentence with wrong ones", async () => {
    const w = world();
    const s = signedIn(w.ctx, w.admin.id);
    const test = async (platform: string) =>
      await (await s.post(`/platforms/${platform}/credentials/test`, {}, { "hx-request": "true" })).text();
    expect(await test("x")).toContain("Enter and save the X app credentials first");

    await s.post("/platforms/x/credentials", { client_id: "ui-client", client_secret: "ui-secret-abcd1234" });
    expect(await test("x")).toContain("X accepted the client id and secret");
    await s.post("/platforms/x/credentials", { client_id: "ui-client", client_secret: "wrong-secret" });
    expect(await test("x")).toContain("X refused the client id and secret (unauthorized_client: Missing valid authorization header)");

    await s.post("/platforms/tiktok/credentials", { client_key: "tt-ui", client_secret: "tt-ui-secret" });
    expect(await test("tiktok")).toContain("TikTok accepted the client key and secret");
    await s.post("/platforms/tiktok/credentials", { client_key: "tt-ui", client_secret: "nope" });
    expect(await test("tiktok")).toContain("TikTok refused the client key and secret (invalid_client: Client key or secret is incorrect.)");

    await s.post("/platforms/instagram/credentials", { client_id: "meta-ui", client_secret: "meta-ui-secret" });
    expect(await test("facebook")).toContain("Meta accepted the App ID and App Secret");
    await s.post("/platforms/facebook/credentials", { client_id: "meta-ui", client_secret: "bad" });
    expect(await test("instagram")).toContain("Meta refused the App ID and App Secret: Error validating client secret.");

    await s.post("/platforms/youtube/credentials", { client_id: "g-id", client_secret: "g-secret" });
    expect(await test("youtube")).toContain("verified when you press Connect YouTube");
  });

  test("LinkedIn: a wrong secret is refused; without the client credentials flow the check says it happens on connect", async () => {
    for (const enabled of [false, true]) {
      const li = new FakeLinkedIn({ clientId: "li-ui", clientSecret: "li-ui-secret", clientCredentials: enabled }).start();
      const env = Object.fromEntries(Object.entries(li.env()).filter(([k]) => !/CLIENT_(ID|SECRET)$/.test(k)));
      const ctx = makeTestContext(env);
      stops.push(() => {
        li.stop();
        ctx.cleanup();
      });
      const admin = createUser(
        ctx.db,
        { email: "a@example.test", name: "A", passwordHash: "x", role: "admin", timezone: "UTC" },
        ctx.clock.now(),
      );
      const s = signedIn(ctx, admin.id);
      const test = async () => await (await s.post("/platforms/linkedin/credentials/test", {}, { "hx-request": "true" })).text();
      await s.post("/platforms/linkedin/credentials", { client_id: "li-ui", client_secret: "wrong" });
      expect(await test()).toContain("LinkedIn refused the client id and secret (invalid_client: Client authentication failed)");
      await s.post("/platforms/linkedin/credentials", { client_id: "li-ui", client_secret: "li-ui-secret" });
      expect(await test()).toContain(
        enabled ? "LinkedIn accepted the client id and secret" : "they are verified when you press Connect LinkedIn",
      );
    }
  });

  test("members see no credentials form and get 403 on save and test", async () => {
    const w = world();
    const s = signedIn(w.ctx, w.member.id);
    const html = await (await s.get("/platforms")).text();
    expect(html).not.toContain('name="client_secret"');
    expect((await s.post("/platforms/x/credentials", { client_id: "a", client_secret: "b" })).status).toBe(403);
    expect((await s.post("/platforms/x/credentials/test")).status).toBe(403);
    expect(w.ctx.config.platform_x.client_id).toBe("");
  });

  test("each card links its guide, which opens; an unknown guide is 404", async () => {
    const w = world();
    const s = signedIn(w.ctx, w.admin.id);
    const html = await (await s.get("/platforms")).text();
    expect(html).toContain('href="/platforms/meta/guide"');
    const guide = await s.get("/platforms/meta/guide");
    expect(guide.status).toBe(200);
    expect(await guide.text()).toContain("Valid OAuth Redirect URIs");
    expect((await s.get("/platforms/myspace/guide")).status).toBe(404);
  });
});
