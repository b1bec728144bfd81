import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { createApiToken, revokeApiToken } from "../../src/api/tokens";
import { createApp } from "../../src/server/app";
import { findWebapp, listWebapps } from "../../src/webapps/store";
import { createUser } from "../../src/users/store";
import { makeTestContext } from "../support/context";
import { startTestSites, type TestSites } from "../sites/server";

let sites: TestSites;
beforeAll(() => {
  sites = startTestSites();
});
afterAll(() => sites.stop());

let ctx: ReturnType<typeof makeTestContext>;
let app: ReturnType<typeof createApp>;
let alice: { id: number; token: string };
let bob: { id: number; token: string };

function person(email: string) {
  const u = createUser(
    ctx.db,
    { email, name: email.split("@")[0]!, passwordHash: "x", role: "member", timezone: "Europe/Berlin" },
    ctx.clock.now(),
  );
  return { id: u.id, token: createApiToken(ctx.db, u.id, "test", ctx.clock.now()).token };
}

beforeEach(() => {
  ctx = makeTestContext({ AMARKTAI_FETCH_TIMEOUT_MS: "500", AMARKTAI_FETCH_MAX_BYTES: "200000" });
  app = createApp(ctx);
  alice = person("alice@example.com");
  bob = person("bob@example.com");
});
afterEach(() => ctx.cleanup());

async function call(token: string | undefined, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await app.handle(
    new Request("http://localhost:3000" + path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    headers: res.headers,
    json: text ? JSON.parse(text) : undefined,
  };
}

describe("authentication", () => {
  test("GET /api/v1/me answers with the token's owner", async () => {
    const r = await call(alice.token, "GET", "/api/v1/me");
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ id: alice.id, email: "alice@example.com", name: "alice", role: "member", timezone: "Europe/Berlin" });
  });

  test("a missing, mistyped or revoked token is 401 JSON on every endpoint", async () => {
    const revoked = createApiToken(ctx.db, alice.id, "old", ctx.clock.now());
    revokeApiToken(ctx.db, alice.id, revoked.row.id);
    const endpoints: [string, string, unknown?][] = [
      ["GET", "/api/v1/me"],
      ["GET", "/api/v1/webapps"],
      ["POST", "/api/v1/webapps", { url: sites.url("/tasktide") }],
      ["GET", "/api/v1/webapps/1"],
      ["PATCH", "/api/v1/webapps/1", { name: "x" }],
      ["DELETE", "/api/v1/webapps/1"],
    ];
    for (const [method, path, body] of endpoints) {
      for (const token of [undefined, "amk_wrong", revoked.token]) {
        const r = await call(token, method, path, body);
        expect(r.status).toBe(401);
        expect(r.type).toContain("application/json");
        expect(r.json.error.code).toBe("unauthorized");
        expect(r.json.error.message).toMatch(token ? /not valid \(revoked or mistyped\)/ : /Authorization: Bearer/);
      }
    }
    expect(listWebapps(ctx.db, alice.id)).toHaveLength(0);
  });
});

describe("web apps CRUD", () => {
  test("POST with only url answers 201 with the fields pre-filled from the page", async () => {
    const r = await call(alice.token, "POST", "/api/v1/webapps", { url: sites.url("/tasktide") });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      url: sites.url("/tasktide"),
      name: "TaskTide",
      description: "TaskTide turns a messy backlog into a calm weekly plan your whole team can see.",
      // Read from a loopback test site: image addresses there are not kept (the owner's browser would load them).
      ogImageUrl: "",
      faviconUrl: "",
      themeColor: "#0f766e",
      feeds: [sites.url("/feed.xml")],
      platforms: [],
      active: true,
      hasLogo: false,
      utmSource: "{platform}",
    });
    expect(r.json.id).toBeNumber();
    expect(r.headers.get("location")).toBe(`/api/v1/webapps/${r.json.id}`);
    expect(findWebapp(ctx.db, alice.id, r.json.id)!.name).toBe("TaskTide");
  });

  test("given fields win, platforms are the six ids; list, get, patch, delete", async () => {
    const created = await call(alice.token, "POST", "/api/v1/webapps", {
      url: sites.url("/recipes"),
      name: "Recipes",
      platforms: ["youtube", "linkedin"],
      keywords: ["food"],
      brandColors: ["#AA0000"],
      active: false,
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: "Recipes",
      description: "Save recipes from anywhere & cook them with friends.",
      platforms: ["youtube", "linkedin"],
      keywords: ["food"],
      brandColors: ["#aa0000"],
      active: false,
    });
    const id = created.json.id;

    const list = await call(alice.token, "GET", "/api/v1/webapps");
    expect(list.status).toBe(200);
    expect(list.json.webapps.map((w: { id: number }) => w.id)).toEqual([id]);
    expect((await call(alice.token, "GET", `/api/v1/webapps/${id}`)).json).toEqual(created.json);

    ctx.clock.advance(60_000);
    const patched = await call(alice.token, "PATCH", `/api/v1/webapps/${id}`, { audience: "Home cooks", platforms: ["x"] });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ name: "Recipes", audience: "Home cooks", platforms: ["x"], active: false });
    expect(patched.json.updatedAt).not.toBe(created.json.updatedAt);

    const del = await call(alice.token, "DELETE", `/api/v1/webapps/${id}`);
    expect(del.status).toBe(204);
    expect((await call(alice.token, "GET", `/api/v1/webapps/${id}`)).status).toBe(404);
  });

  test("control and bidi characters in names and lists sent to the API are stripped before they are saved", async () => {
    const r = await call(alice.token, "POST", "/api/v1/webapps", {
      url: sites.url("/tasktide"),
      name: "Task\u0000Tide \u202ePro",
      callToAction: "Start\u0007 free",
      keywords: ["plan\u200fning"],
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ name: "TaskTide Pro", callToAction: "Start free", keywords: ["planning"] });
    const patched = await call(alice.token, "PATCH", `/api/v1/webapps/${r.json.id}`, { description: "One\u0000 line\u2066" });
    expect(patched.json.description).toBe("One line");
  });

  test("share image and icon addresses on loopback, link-local or metadata hosts are refused on save", async () => {
    const id = (await call(alice.token, "POST", "/api/v1/webapps", { url: sites.url("/tasktide") })).json.id;
    for (const [field, url] of [
      ["ogImageUrl", "https://127.0.0.1/og.png"],
      ["ogImageUrl", "https://169.254.169.254/latest/meta-data/"],
      ["faviconUrl", "https://[fe80::1]/favicon.ico"],
      ["faviconUrl", "http://cdn.example/favicon.ico"],
    ] as const) {
      const r = await call(alice.token, "PATCH", `/api/v1/webapps/${id}`, { [field]: url });
      expect([field, r.status]).toEqual([field, 422]);
      expect(r.json.error.message).toMatch(/https:\/\/|loopback|metadata|link-local/);
    }
    expect(findWebapp(ctx.db, alice.id, id)).toMatchObject({ ogImageUrl: "", faviconUrl: "" });
    const ok = await call(alice.token, "PATCH", `/api/v1/webapps/${id}`, { ogImageUrl: "https://cdn.example/og.png" });
    expect(ok.json.ogImageUrl).toBe("https://cdn.example/og.png");
  });

  test("another user's web app is 404 on every endpoint and is not changed", async () => {
    const id = (await call(alice.token, "POST", "/api/v1/webapps", { url: sites.url("/tasktide") })).json.id;
    const before = findWebapp(ctx.db, alice.id, id);
    for (const [method, body] of [["GET"], ["PATCH", { name: "Mine now" }], ["DELETE"]] as [string, unknown?][]) {
      const r = await call(bob.token, method, `/api/v1/webapps/${id}`, body);
      expect(r.status).toBe(404);
      expect(r.json.error.code).toBe("not_found");
    }
    expect((await call(bob.token, "GET", "/api/v1/webapps")).json.webapps).toEqual([]);
    expect(findWebapp(ctx.db, alice.id, id)).toEqual(before);
  });

  test("shape errors are 400 JSON naming the field (Elysia validation mapped)", async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /"url" is required/],
      [{ url: 42 }, /url/],
      [{ url: sites.url("/tasktide"), platforms: ["myspace"] }, /"platforms.0" .* must be one of youtube, tiktok/],
      [{ url: sites.url("/tasktide"), platfroms: ["x"] }, /unknown field "platfroms"/],
      [{ url: sites.url("/tasktide"), active: "yes" }, /active/],
    ];
    for (const [body, field] of cases) {
      const r = await call(alice.token, "POST", "/api/v1/webapps", body);
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe("invalid_request");
      expect(r.json.error.message).toMatch(field);
    }
    const bad = await call(alice.token, "POST", "/api/v1/webapps", "{not json");
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toMatch(/invalid_json|invalid_request/);
    const badId = await call(alice.token, "GET", "/api/v1/webapps/abc");
    expect(badId.status).toBe(400);
    expect(badId.json.error.message).toContain("id");
    expect(listWebapps(ctx.db, alice.id)).toHaveLength(0);
  });

  test("rules and fetch problems are 422 with a code; a duplicate is 409", async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ url: "notaurl" }, "invalid_field", /not a web address/],
      [{ url: sites.url("/data.json") }, "not_html", /not a web page/],
      [{ url: sites.url("/slow?ms=3000") }, "timeout", /took longer than 0\.5 s/],
      [{ url: sites.url("/huge?mb=2") }, "too_large", /larger than 200 kB/],
      [{ url: "http://127.0.0.1:9/" }, "unreachable", /could not reach/],
      [{ url: sites.url("/loop-a") }, "too_many_redirects", /more than 5 times/],
      [{ url: sites.url("/tasktide"), utmMedium: "a b" }, "invalid_field", /UTM medium/],
      [{ url: sites.url("/tasktide"), brandColors: ["red"] }, "invalid_request", /brandColors/],
    ];
    for (const [body, code, message] of cases) {
      const r = await call(alice.token, "POST", "/api/v1/webapps", body);
      expect(r.json.error.code).toBe(code);
      expect(r.status).toBe(code === "invalid_request" ? 400 : 422);
      expect(r.json.error.message).toMatch(message);
    }
    expect((await call(alice.token, "POST", "/api/v1/webapps", { url: sites.url("/tasktide") })).status).toBe(201);
    const dup = await call(alice.token, "POST", "/api/v1/webapps", { url: sites.url("/tasktide") });
    expect(dup.status).toBe(409);
    expect(dup.json.error).toMatchObject({ code: "duplicate", field: "url" });
    const other = (await call(alice.token, "POST", "/api/v1/webapps", { url: sites.url("/recipes") })).json.id;
    const clash = await call(alice.token, "PATCH", `/api/v1/webapps/${other}`, { url: sites.url("/tasktide") });
    expect(clash.status).toBe(409);
    const emptyName = await call(alice.token, "PATCH", `/api/v1/webapps/${other}`, { name: " " });
    expect(emptyName.status).toBe(422);
    expect(emptyName.json.error.field).toBe("name");
  });

  test("unknown API paths are 404 JSON", async () => {
    const r = await call(alice.token, "GET", "/api/v1/nothing-here");
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe("not_found");
  });
});
