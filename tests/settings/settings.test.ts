import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { listApiTokens } from "../../src/api/store";
import { createApiToken, resolveApiToken } from "../../src/api/tokens";
import { verifyPassword } from "../../src/auth/passwords";
import { findUserById, type UserRow } from "../../src/users/store";
import { addUser, clientFor, TEST_PASSWORD } from "../support/accounts";
import { makeTestContext } from "../support/context";
import type { TestClient } from "../support/http";

let ctx: ReturnType<typeof makeTestContext>;
let ann: UserRow;
let c: TestClient;
beforeEach(async () => {
  ctx = makeTestContext();
  ann = await addUser(ctx, { email: "ann@example.com", name: "Ann", role: "admin" });
  c = clientFor(ctx, ann);
});
afterEach(() => ctx.cleanup());

describe("links to the other settings pages", () => {
  test("an admin sees approval, usage, API docs and schedules; every link answers", async () => {
    const page = (await c.get("/settings")).text;
    for (const [href, label] of [
      ["/approval/settings", "Approval and digest settings"],
      ["/usage", "Model usage and budget"],
      ["/api/docs", "API documentation"],
      ["/schedules", "Schedules"],
      ["/admin/workers", "Workers and queues"],
      ["/settings/users", "Users"],
    ]) {
      expect(page).toContain(`<a href="${href}"`);
      expect(page).toContain(`${label}</a>`);
      expect((await c.get(href)).status).toBe(200);
    }
  });

  test("a member does not get the admin links", async () => {
    const bob = await addUser(ctx, { email: "bob@example.com", name: "Bob", role: "member" });
    const page = (await clientFor(ctx, bob).get("/settings")).text;
    expect(page).toContain('<a href="/usage">Model usage and budget</a>');
    expect(page).toContain('<a href="/approval/settings">Approval and digest settings</a>');
    expect(page).not.toContain('href="/schedules"');
    expect(page).not.toContain('href="/admin/workers"');
    expect(page).not.toContain('href="/settings/users"');
  });
});

describe("profile", () => {
  test("shows and saves name, email and time zone", async () => {
    const page = await c.get("/settings");
    expect(page.status).toBe(200);
    expect(page.text).toContain('value="Ann"');
    expect(page.text).toContain('<option value="UTC" selected');
    const saved = await c.post("/settings/profile", { name: "Ann Smith", email: "Ann.Smith@Example.com", timezone: "Asia/Tokyo" });
    expect(saved.location).toBe("/settings?saved=profile");
    expect((await c.get("/settings?saved=profile")).text).toContain("Profile saved.");
    const u = findUserById(ctx.db, ann.id)!;
    expect([u.name, u.email, u.timezone]).toEqual(["Ann Smith", "ann.smith@example.com", "Asia/Tokyo"]);
    const hx = await c.htmx("/settings/profile", { name: "Ann S.", email: "ann.smith@example.com", timezone: "Asia/Tokyo" });
    expect(hx.status).toBe(200);
    expect(hx.text.startsWith("<form")).toBe(true);
    expect(hx.text).toContain("Profile saved.");
  });

  test("refuses a taken email, an empty name and an unknown zone, keeping what was typed", async () => {
    await addUser(ctx, { email: "bob@example.com" });
    const r = await c.post("/settings/profile", { name: "", email: "BOB@example.com", timezone: "Nowhere/Land" });
    expect(r.status).toBe(422);
    expect(r.text).toContain("Another account already uses bob@example.com");
    expect(r.text).toContain("Enter a name.");
    expect(r.text).toContain("Choose a time zone from the list.");
    expect(r.text).toContain('value="BOB@example.com"');
    const u = findUserById(ctx.db, ann.id)!;
    expect([u.name, u.email, u.timezone]).toEqual(["Ann", "ann@example.com", "UTC"]);
  });
});

describe("password", () => {
  test("needs the current password, then ends the other sessions but keeps this one", async () => {
    const other = clientFor(ctx, ann);
    const wrong = await c.htmx("/settings/password", { current_password: "not my password", password: "the next passphrase" });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain("This is not your current password.");
    expect(wrong.text).not.toContain("the next passphrase");
    expect(await verifyPassword(TEST_PASSWORD, findUserById(ctx.db, ann.id)!.passwordHash)).toBe(true);

    const ok = await c.post("/settings/password", { current_password: TEST_PASSWORD, password: "the next passphrase" });
    expect(ok.location).toBe("/settings?saved=password");
    expect(await verifyPassword("the next passphrase", findUserById(ctx.db, ann.id)!.passwordHash)).toBe(true);
    expect((await c.get("/settings")).status).toBe(200);
    expect((await other.get("/settings")).location).toBe("/login?next=%2Fsettings");
  });
});

test("control and bidi characters in a name sent by a form are stripped before it is saved", async () => {
  const saved = await c.post("/settings/profile", { name: "Ann\u0000 \u202eSmith\u2066", email: "ann@example.com", timezone: "UTC" });
  expect(saved.location).toBe("/settings?saved=profile");
  expect(findUserById(ctx.db, ann.id)!.name).toBe("Ann Smith");
});

test("guessing the current password is throttled like sign-in", async () => {
  const tight = makeTestContext({ AMARKTAI_AUTH_LOGIN_MAX_FAILURES: "2" });
  try {
    const bob = await addUser(tight, { email: "bob@example.com" });
    const client = clientFor(tight, bob);
    for (const guess of ["guess number one", "guess number two"]) {
      const r = await client.post("/settings/password", { current_password: guess, password: "the next passphrase" });
      expect(r.status).toBe(422);
      expect(r.text).toContain("This is not your current password.");
    }
    const right = await client.post("/settings/password", { current_password: TEST_PASSWORD, password: "the next passphrase" });
    expect(right.status).toBe(422);
    expect(right.text).toContain("Too many failed sign-ins for this account from your network address. Try again at 12:15 UTC");
    expect(await verifyPassword(TEST_PASSWORD, findUserById(tight.db, bob.id)!.passwordHash)).toBe(true);
  } finally {
    tight.cleanup();
  }
});

test("changing the password revokes the API tokens only when asked, and signs out other sessions", async () => {
  const kept = createApiToken(ctx.db, ann.id, "kept", ctx.clock.now()).token;
  const other = clientFor(ctx, ann);
  const plain = await c.post("/settings/password", { current_password: TEST_PASSWORD, password: "the next passphrase" });
  expect(plain.location).toBe("/settings?saved=password");
  expect(resolveApiToken(ctx.db, kept, ctx.clock.now())).toBe(ann.id);
  expect((await other.get("/settings")).status).toBe(303);

  expect((await c.get("/settings")).text).toContain('name="revoke_tokens"');
  const asked = await c.htmx("/settings/password", {
    current_password: "the next passphrase",
    password: "a third passphrase",
    revoke_tokens: "on",
  });
  expect(asked.location).toBe("/settings?saved=password");
  expect(resolveApiToken(ctx.db, kept, ctx.clock.now())).toBeUndefined();
  expect(listApiTokens(ctx.db, ann.id)).toEqual([]);
});

describe("personal API tokens", () => {
  test("create shows the token once; list shows name and prefix; revoke stops it", async () => {
    const created = await c.post("/settings/tokens", { name: "deploy script" });
    expect(created.status).toBe(200);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const token = /id="new-token"[^>]*value="(amk_[a-z0-9]+)"/.exec(created.text)?.[1] ?? /value="(amk_[a-z0-9]+)"/.exec(created.text)?.[1];
    expect(token).toBeDefined();
    expect(created.text).toContain("shown only this once");
    expect(resolveApiToken(ctx.db, token!, ctx.clock.now())).toBe(ann.id);

    const list = await c.get("/settings");
    expect(list.text).toContain("deploy script");
    expect(list.text).toContain(token!.slice(0, 10));
    expect(list.text).not.toContain(token!);
    expect(list.text).toContain("2 Mar 2026, 12:00");

    const hx = await c.htmx("/settings/tokens", { name: "" });
    expect(hx.text.startsWith("<section")).toBe(true);
    expect(listApiTokens(ctx.db, ann.id).map((t) => t.name)).toEqual(["API token", "deploy script"]);

    const id = listApiTokens(ctx.db, ann.id).find((t) => t.name === "deploy script")!.id;
    const bob = clientFor(ctx, await addUser(ctx, { email: "bob@example.com" }));
    expect((await bob.post(`/settings/tokens/${id}/revoke`)).status).toBe(404);
    expect(resolveApiToken(ctx.db, token!, ctx.clock.now())).toBe(ann.id);

    const revoked = await c.post(`/settings/tokens/${id}/revoke`);
    expect(revoked.location).toBe("/settings?saved=revoked");
    expect(resolveApiToken(ctx.db, token!, ctx.clock.now())).toBeUndefined();
    const again = await c.htmx(`/settings/tokens/${id}/revoke`);
    expect(again.status).toBe(404);
    expect(again.text).toContain("does not exist any more");
  });
});
