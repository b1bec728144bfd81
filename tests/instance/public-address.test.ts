import { afterEach, describe, expect, test } from "bun:test";
import type { AppContext } from "../../src/app/context";
import { createSession } from "../../src/auth/sessions";
import { instanceSettings } from "../../src/db/schema/instance";
import { createApp } from "../../src/server/app";
import { buildContext } from "../../src/server/boot";
import { createUser, findUserByEmail } from "../../src/users/store";
import { makeTestContext } from "../support/context";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function context(env: Record<string, string> = {}) {
  const ctx = makeTestContext(env);
  cleanups.push(() => ctx.cleanup());
  return ctx;
}

const SETUP = { name: "Ada", email: "ada@example.test", password: "a long enough password", timezone: "UTC" };

function anonymous(ctx: AppContext) {
  const app = createApp(ctx);
  return {
    get: (url: string, headers: Record<string, string> = {}) => app.handle(new Request(url, { headers })),
    post: (url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
      app.handle(
        new Request(url, {
          method: "POST",
          headers: { origin: new URL(url).origin, ...headers, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(form),
        }),
      ),
  };
}

function signedIn(ctx: AppContext, role: "admin" | "member") {
  const u = createUser(ctx.db, { email: `${role}@example.test`, name: role, passwordHash: "x", role, timezone: "UTC" }, ctx.clock.now());
  const { token, session } = createSession(ctx.db, u.id, ctx.clock.now(), 30);
  const app = createApp(ctx);
  const base = "http://127.0.0.1:3000";
  // The cookie's name follows the public address (__Host- once it is https), so both are sent.
  const headers = { cookie: `amk_session=${token}; __Host-amk_session=${token}`, origin: base };
  return {
    get: (path: string) => app.handle(new Request(base + path, { headers })),
    post: (path: string, form: Record<string, string>) =>
      app.handle(
        new Request(base + path, {
          method: "POST",
          headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: session.csrfToken, ...form }),
        }),
      ),
  };
}

describe("the public address", () => {
  test("setup proposes the address the browser used (Host and scheme) and saves it as the public address", async () => {
    const ctx = context();
    const a = anonymous(ctx);
    const page = await (await a.get("http://marketing.example.com:8080/setup", { host: "marketing.example.com:8080" })).text();
    expect(page).toContain('name="public_base_url"');
    expect(page).toContain('value="http://marketing.example.com:8080"');

    const done = await a.post("http://marketing.example.com:8080/setup", { ...SETUP, public_base_url: "https://box.example.com/" });
    expect(done.status).toBe(303);
    expect(findUserByEmail(ctx.db, SETUP.email)?.role).toBe("admin");
    expect(ctx.config.server.public_base_url).toBe("https://box.example.com");
    // Read back by the next start.
    const again = buildContext(
      (await import("../../src/config/load")).parseConfig("", undefined, { AMARKTAI_DATA_DIR: ctx.config.storage.data_dir }),
    );
    cleanups.push(() => again.db.$client.close());
    expect(again.config.server.public_base_url).toBe("https://box.example.com");
  });

  test("forwarded scheme and host are used only when proxy.trust_forwarded_for is on", async () => {
    const forwarded = { host: "127.0.0.1:3000", "x-forwarded-proto": "https", "x-forwarded-host": "box.example.com" };
    const plain = await (await anonymous(context()).get("http://127.0.0.1:3000/setup", forwarded)).text();
    expect(plain).toContain('value="http://127.0.0.1:3000"');
    const trusted = await (
      await anonymous(context({ AMARKTAI_PROXY_TRUST_FORWARDED_FOR: "true" })).get("http://127.0.0.1:3000/setup", forwarded)
    ).text();
    expect(trusted).toContain('value="https://box.example.com"');
  });

  test("a malformed address is refused at setup with the reason, and no account is made", async () => {
    const ctx = context();
    const r = await anonymous(ctx).post("http://127.0.0.1:3000/setup", { ...SETUP, public_base_url: "box.example.com" });
    expect(r.status).toBe(422);
    expect(await r.text()).toContain("The public address: expected an absolute URL");
    expect(findUserByEmail(ctx.db, SETUP.email)).toBeUndefined();
  });

  test("an address set in the environment wins: setup does not ask, and /settings/box shows it read-only", async () => {
    const ctx = context({ AMARKTAI_SERVER_PUBLIC_BASE_URL: "https://set.example.com" });
    const a = anonymous(ctx);
    const page = await (await a.get("http://127.0.0.1:3000/setup", { host: "127.0.0.1:3000" })).text();
    expect(page).not.toContain('name="public_base_url"');
    expect(page).toContain("Public address: https://set.example.com (set in the configuration file).");
    await a.post("http://127.0.0.1:3000/setup", { ...SETUP, public_base_url: "http://127.0.0.1:3000" });
    expect(ctx.config.server.public_base_url).toBe("https://set.example.com");
    expect(ctx.db.select().from(instanceSettings).all()).toHaveLength(0);
    const s = signedIn(ctx, "admin");
    expect(await (await s.get("/settings/box")).text()).toContain("set in the configuration file or the environment");
    expect((await s.post("/settings/box", { public_base_url: "https://other.example.com" })).status).toBe(409);
  });

  test("every page warns while the address is localhost or private, with a link to fix it; a public https address clears it", async () => {
    const ctx = context();
    const admin = signedIn(ctx, "admin");
    const before = await (await admin.get("/dashboard")).text();
    expect(before).toContain("site-warning");
    expect(before).toContain("is this machine only");
    expect(before).toContain('href="/settings/box"');

    const saved = await admin.post("/settings/box", { public_base_url: "https://box.example.com" });
    expect(saved.status).toBe(303);
    expect(await (await admin.get("/dashboard")).text()).not.toContain("site-warning");
    expect(await (await admin.get("/platforms")).text()).toContain("https://box.example.com/platforms/x/callback");

    await admin.post("/settings/box", { public_base_url: "http://192.168.1.20:3000" });
    expect(await (await admin.get("/dashboard")).text()).toContain("is in a private network");
  });

  test("members see the address but cannot change it; a bad address is refused with 422", async () => {
    const ctx = context();
    const member = signedIn(ctx, "member");
    expect((await member.get("/settings/box")).status).toBe(200);
    expect((await member.post("/settings/box", { public_base_url: "https://evil.example.com" })).status).toBe(403);
    expect(ctx.config.server.public_base_url).toBe("http://localhost:3000");
    const admin = signedIn(ctx, "admin");
    const bad = await admin.post("/settings/box", { public_base_url: "ftp://box.example.com" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("expected an http:// or https:// URL");
  });
});
