import { afterAll, beforeAll, expect, test } from "bun:test";
import { createApiToken } from "../../src/api/tokens";
import { createApp } from "../../src/server/app";
import { createUser } from "../../src/users/store";
import { makeTestContext } from "../support/context";

let ctx: ReturnType<typeof makeTestContext>;
let app: ReturnType<typeof createApp>;
let token = "";
beforeAll(() => {
  ctx = makeTestContext();
  app = createApp(ctx);
  const u = createUser(
    ctx.db,
    { email: "cleo@example.com", name: "Cleo", passwordHash: "x", role: "member", timezone: "UTC" },
    ctx.clock.now(),
  );
  token = createApiToken(ctx.db, u.id, "test", ctx.clock.now()).token;
});
afterAll(() => ctx.cleanup());

async function classify(body: unknown, auth = true) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (auth) headers.authorization = `Bearer ${token}`;
  const res = await app.handle(
    new Request("http://localhost:3000/api/v1/comments/classify", { method: "POST", headers, body: JSON.stringify(body) }),
  );
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

test("POST /api/v1/comments/classify answers exactly {labels, spam, language} from the offline classifier", async () => {
  const spam = await classify({ text: "Make $5000 a week from home!!! DM me on WhatsApp +1 555 0100", platform: "instagram" });
  expect(spam.status).toBe(200);
  expect(Object.keys(spam.json).sort()).toEqual(["labels", "language", "spam"]);
  expect(spam.json.spam).toBe(true);
  expect(spam.json.labels).toContain("spam");

  const question = await classify({ text: "Est-ce que l'application fonctionne aussi hors ligne sur Android ?" });
  expect(question.status).toBe(200);
  expect(question.json.spam).toBe(false);
  expect(question.json.labels).toContain("question");
  expect(question.json.language).toBe("fr");
});

test("the classify endpoint needs a token, a text, a known platform and nothing else", async () => {
  expect((await classify({ text: "hello" }, false)).status).toBe(401);
  expect((await classify({})).status).toBe(400);
  expect((await classify({ text: "hello", platform: "myspace" })).status).toBe(400);
  expect((await classify({ text: "hello", extra: 1 })).status).toBe(400);
  expect((await classify({ text: "x".repeat(20_001) })).status).toBe(400);
});

test("hostile text is classified without failing: NUL bytes, a right-to-left override, markup", async () => {
  const r = await classify({ text: "<script>alert(1)</script>\u0000\u202Egreat app, love it" });
  expect(r.status).toBe(200);
  expect(Array.isArray(r.json.labels)).toBe(true);
});
