import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { countUsers, findUserByEmail } from "../../src/users/store";
import { addUser, TEST_PASSWORD } from "../support/accounts";
import { makeTestContext } from "../support/context";
import { TestClient } from "../support/http";

let ctx: ReturnType<typeof makeTestContext>;
beforeEach(() => {
  ctx = makeTestContext();
});
afterEach(() => ctx.cleanup());

describe("first-run setup", () => {
  test("with no account every page but health and static files goes to /setup", async () => {
    const c = new TestClient(ctx);
    for (const path of ["/", "/login", "/dashboard", "/settings", "/reset", "/invite/abc"]) {
      const r = await c.get(path);
      expect(r.status, path).toBe(303);
      expect(r.location, path).toBe("/setup");
    }
    expect((await c.get("/healthz")).status).not.toBe(303);
    expect((await c.get("/public/app.css")).status).toBe(200);
    const page = await c.get("/setup");
    expect(page.status).toBe(200);
    expect(page.text).toContain('autocomplete="new-password"');
    expect(page.text).toContain('<option value="Europe/Berlin"');
  });

  test("a bad form keeps what was typed (not the password) and creates nothing", async () => {
    const c = new TestClient(ctx);
    const r = await c.post("/setup", { name: "Ann", email: "not-an-email", password: "short", timezone: "Mars/Olympus" });
    expect(r.status).toBe(422);
    expect(r.text).toContain('value="Ann"');
    expect(r.text).toContain('value="not-an-email"');
    expect(r.text).toContain("is not an email address");
    expect(r.text).toContain("at least 10 characters");
    expect(r.text).toContain("Choose a time zone");
    expect(r.text).not.toContain('value="short"');
    const hx = await c.htmx("/setup", { name: "", email: "a@b.c", password: "short", timezone: "UTC" });
    expect(hx.status).toBe(422);
    expect(hx.text.startsWith("<form")).toBe(true);
    expect(countUsers(ctx.db)).toBe(0);
  });

  test("setup -> signed in -> logout -> login -> setup closed", async () => {
    const c = new TestClient(ctx);
    const made = await c.post("/setup", {
      name: "Ann Admin",
      email: "Ann@Example.com",
      password: TEST_PASSWORD,
      timezone: "Europe/Berlin",
    });
    expect(made.status).toBe(303);
    expect(made.location).toBe("/dashboard");
    const ann = findUserByEmail(ctx.db, "ann@example.com")!;
    expect(ann.role).toBe("admin");
    expect(ann.timezone).toBe("Europe/Berlin");
    expect(ann.passwordHash.startsWith("$argon2id$")).toBe(true);

    expect((await c.get("/")).location).toBe("/dashboard");
    const settings = await c.get("/settings");
    expect(settings.status).toBe(200);
    expect(settings.text).toContain("Ann Admin");

    const out = await c.post("/logout");
    expect(out.status).toBe(303);
    expect(out.location).toBe("/login?signedout=1");
    expect(c.cookies.size).toBe(0);
    expect((await c.get("/settings")).location).toBe("/login?next=%2Fsettings");
    expect((await c.get("/")).location).toBe("/login");

    expect((await c.get("/setup")).location).toBe("/login");
    const again = await c.post("/setup", { name: "Eve", email: "eve@example.com", password: TEST_PASSWORD, timezone: "UTC" });
    expect(again.location).toBe("/login");
    expect(countUsers(ctx.db)).toBe(1);

    const login = await c.post("/login", { email: "ann@example.com", password: TEST_PASSWORD });
    expect(login.status).toBe(303);
    expect(login.location).toBe("/dashboard");
    expect((await c.get("/settings")).status).toBe(200);
    expect((await c.get("/login")).location).toBe("/dashboard");
  });

  test("the session cookie is HttpOnly and SameSite=Lax; Secure with a __Host- name behind HTTPS", async () => {
    const c = new TestClient(ctx);
    const r = await c.post("/setup", { name: "Ann", email: "ann@example.com", password: TEST_PASSWORD, timezone: "UTC" });
    const cookie = r.headers.get("set-cookie")!;
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Secure");
    const https = makeTestContext({ AMARKTAI_SERVER_PUBLIC_BASE_URL: "https://marketing.example.com" });
    try {
      const h = await new TestClient(https).post("/setup", {
        name: "Ann",
        email: "ann@example.com",
        password: TEST_PASSWORD,
        timezone: "UTC",
      });
      expect(h.headers.get("set-cookie")).toMatch(/^__Host-amk_session=.*; Secure$/);
    } finally {
      https.cleanup();
    }
  });
});

describe("login", () => {
  test("a wrong password or unknown email gives the same message and no session", async () => {
    await addUser(ctx, { email: "ann@example.com", role: "admin" });
    const c = new TestClient(ctx);
    const wrong = await c.post("/login", { email: "ann@example.com", password: "wrong password!" });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain("The email or password is wrong");
    expect(wrong.text).toContain('value="ann@example.com"');
    expect(wrong.text).not.toContain("wrong password!");
    const unknown = await c.htmx("/login", { email: "nobody@example.com", password: "whatever12345" });
    expect(unknown.status).toBe(422);
    expect(unknown.text.startsWith("<form")).toBe(true);
    expect(unknown.text).toContain("The email or password is wrong");
    expect(c.cookies.size).toBe(0);
  });

  test("a signed-out htmx poll sends the browser to sign in, then back to the page it showed, not the fragment", async () => {
    await addUser(ctx, { email: "ann@example.com", role: "admin" });
    const c = new TestClient(ctx);
    const poll = await c.get("/admin/workers/panel", {
      htmx: true,
      headers: { "hx-current-url": `${c.base}/admin/workers?tab=1` },
    });
    expect(poll.headers.get("hx-redirect")).toBe("/login?next=" + encodeURIComponent("/admin/workers?tab=1"));
    // A page on another site is never where the user goes back to.
    const foreign = await c.get("/admin/workers/panel", { htmx: true, headers: { "hx-current-url": "https://evil.example/x" } });
    expect(foreign.headers.get("hx-redirect")).toBe("/login");
  });

  test("htmx login answers HX-Redirect with the cookie", async () => {
    await addUser(ctx, { email: "ann@example.com", role: "admin" });
    const c = new TestClient(ctx);
    const r = await c.htmx("/login", { email: "ANN@example.com ", password: TEST_PASSWORD });
    expect(r.status).toBe(200);
    expect(r.headers.get("hx-redirect")).toBe("/dashboard");
    expect(c.cookies.size).toBe(1);
  });
});

describe("returning to the page asked for", () => {
  test("after sign-in the user lands on the page that sent them to /login", async () => {
    await addUser(ctx, { email: "ann@example.com", role: "admin" });
    const c = new TestClient(ctx);
    const asked = await c.get("/settings/users?tab=1");
    expect(asked.location).toBe("/login?next=%2Fsettings%2Fusers%3Ftab%3D1");
    const page = await c.get(asked.location!);
    expect(page.text).toContain('name="next" value="/settings/users?tab=1"');
    const wrong = await c.post("/login", { email: "ann@example.com", password: "nope nope nope", next: "/settings/users?tab=1" });
    expect(wrong.text).toContain('name="next" value="/settings/users?tab=1"');
    const r = await c.post("/login", { email: "ann@example.com", password: TEST_PASSWORD, next: "/settings/users?tab=1" });
    expect(r.location).toBe("/settings/users?tab=1");
  });

  test("next never leads to another site", async () => {
    await addUser(ctx, { email: "ann@example.com", role: "admin" });
    for (const next of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "evil"]) {
      const c = new TestClient(ctx);
      const r = await c.post("/login", { email: "ann@example.com", password: TEST_PASSWORD, next });
      expect(r.location, next).toBe("/dashboard");
    }
  });
});
