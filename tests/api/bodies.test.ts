import { afterAll, beforeAll, expect, test } from "bun:test";
import { createApiToken } from "../../src/api/tokens";
import { createApp } from "../../src/server/app";
import { createUser } from "../../src/users/store";
import { listWebapps } from "../../src/webapps/store";
import { makeTestContext } from "../support/context";

let ctx: ReturnType<typeof makeTestContext>;
let app: ReturnType<typeof createApp>;
let token = "";
let userId = 0;
beforeAll(() => {
  ctx = makeTestContext();
  app = createApp(ctx);
  const u = createUser(
    ctx.db,
    { email: "ann@example.com", name: "Ann", passwordHash: "x", role: "member", timezone: "UTC" },
    ctx.clock.now(),
  );
  userId = u.id;
  token = createApiToken(ctx.db, u.id, "test", ctx.clock.now()).token;
});
afterAll(() => ctx.cleanup());

/** Every /api/v1 endpoint that takes a JSON body. */
const ENDPOINTS: [string, string][] = [
  ["POST", "/api/v1/webapps"],
  ["PATCH", "/api/v1/webapps/1"],
  ["POST", "/api/v1/webapps/1/runs"],
  ["PATCH", "/api/v1/content/1"],
  ["POST", "/api/v1/content/1/reject"],
  ["POST", "/api/v1/comments/classify"],
];

async function send(method: string, path: string, body: string, type: string | undefined) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (type) headers["content-type"] = type;
  const res = await app.handle(new Request("http://localhost:3000" + path, { method, headers, body }));
  return { status: res.status, json: (await res.json()) as { error?: { code: string; message: string } } };
}

test("a body that is not one JSON object, or has unknown or prototype keys, is refused the same way everywhere", async () => {
  const shapes = [
    "[]",
    '[{"url":"https://example.com"}]',
    "null",
    '"https://example.com"',
    "42",
    "true",
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"admin":true}}}',
    '{"prototype":1}',
    '{"toString":"x"}',
    '{"hasOwnProperty":1}',
    "{not json",
  ];
  for (const [method, path] of ENDPOINTS) {
    for (const body of shapes) {
      const r = await send(method, path, body, "application/json");
      expect([method, path, body, r.status]).toEqual([method, path, body, 400]);
      expect(Object.keys(r.json)).toEqual(["error"]);
      expect(Object.keys(r.json.error!).sort()).toEqual(["code", "message"]);
      expect(r.json.error!.code).toMatch(/^(invalid_request|invalid_json)$/);
    }
  }
  expect(listWebapps(ctx.db, userId)).toEqual([]);
});

test("only application/json is read as JSON: text/plain, forms and a missing type are 415", async () => {
  for (const [method, path] of ENDPOINTS) {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "text/html; charset=utf-8", undefined]) {
      const r = await send(method, path, '{"url":"https://example.com"}', type);
      expect([method, path, type, r.status]).toEqual([method, path, type, 415]);
      expect(r.json.error!.code).toBe("unsupported_media_type");
      expect(r.json.error!.message).toContain("Content-Type: application/json");
    }
  }
  expect(listWebapps(ctx.db, userId)).toEqual([]);
});

test("a well-formed body passes the shape check (and reaches the handler: 404 for ids that are not ours)", async () => {
  expect((await send("PATCH", "/api/v1/webapps/1", '{"name":"x"}', "application/json; charset=utf-8")).status).toBe(404);
  expect((await send("PATCH", "/api/v1/content/1", '{"caption":"x","hashtags":["a"]}', "application/json")).status).toBe(404);
  // Bodies that are optional may be left out.
  expect((await send("POST", "/api/v1/content/1/reject", "", undefined)).status).toBe(404);
  expect((await send("POST", "/api/v1/webapps/1/runs", "", undefined)).status).toBe(404);
});
