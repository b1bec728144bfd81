import { afterEach, beforeEach, expect, test } from "bun:test";
import { listApiTokens } from "../../src/api/store";
import { findUserById, type UserRow } from "../../src/users/store";
import { addUser, clientFor } from "../support/accounts";
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

const rename = { name: "Mallory", email: "ann@example.com", timezone: "UTC" };

function unchanged() {
  expect(findUserById(ctx.db, ann.id)!.name).toBe("Ann");
  expect(listApiTokens(ctx.db, ann.id)).toHaveLength(0);
}

test("a form without the session's token is refused and changes nothing", async () => {
  const r = await c.post("/settings/profile", rename, { noCsrf: true });
  expect(r.status).toBe(403);
  expect(r.text).toContain("security token is missing or stale");
  expect(r.headers.get("content-type")).toContain("text/html");
  expect(r.text).toContain("<title>This request was refused · Amarktai Marketing</title>");
  expect(r.text).toContain("reload the page and send it again");
  expect((await c.post("/settings/tokens", { name: "x", _csrf: "forged-token" })).status).toBe(403);
  expect((await c.htmx("/settings/tokens", { name: "x" }, { noCsrf: true })).status).toBe(403);
  expect((await c.post("/logout", {}, { noCsrf: true })).status).toBe(403);
  expect((await c.get("/settings")).status).toBe(200);
  unchanged();
});

test("a request from another origin is refused even with the right token", async () => {
  const r = await c.post("/settings/profile", rename, { headers: { origin: "https://evil.example", "sec-fetch-site": null } });
  expect(r.status).toBe(403);
  expect(r.text).toContain("https://evil.example");
  expect((await c.post("/settings/tokens", { name: "x" }, { headers: { origin: "null", "sec-fetch-site": null } })).status).toBe(403);
  unchanged();
});

test("Sec-Fetch-Site: cross-site is refused even with the right token", async () => {
  const r = await c.htmx("/settings/profile", rename, { headers: { "sec-fetch-site": "cross-site", origin: null } });
  expect(r.status).toBe(403);
  expect(r.text).toContain("cross-site request refused");
  expect(
    (await c.post("/login", { email: "ann@example.com", password: "x" }, { headers: { "sec-fetch-site": "cross-site" } })).status,
  ).toBe(403);
  unchanged();
});

test("the same request with token and same origin goes through (so the refusals above are real)", async () => {
  const r = await c.post("/settings/profile", rename);
  expect(r.status).toBe(303);
  expect(findUserById(ctx.db, ann.id)!.name).toBe("Mallory");
});
