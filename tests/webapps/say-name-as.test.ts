import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "bun:test";
import { createApiToken } from "../../src/api/tokens";
import { createApp } from "../../src/server/app";
import { findWebapp, listWebapps } from "../../src/webapps/store";
import { makeTestContext } from "../support/context";
import { startTestSites, type TestSites } from "../sites/server";
import { browserFor, form, signIn, type SignedInUser } from "./signed-in";

let sites: TestSites;
beforeAll(() => {
  sites = startTestSites();
});
afterAll(() => sites.stop());

let ctx: ReturnType<typeof makeTestContext>;
let alice: SignedInUser;
beforeEach(() => {
  ctx = makeTestContext({ AMARKTAI_FETCH_TIMEOUT_MS: "500", AMARKTAI_FETCH_MAX_BYTES: "200000" });
  alice = signIn(ctx, "alice@example.com", "Alice");
});
afterEach(() => ctx.cleanup());

test("'say the name as' is saved from the form, shown again with its hint, and changed on edit", async () => {
  const browser = browserFor(ctx, alice);
  const blank = await (await browser.get("/webapps/new")).text();
  expect(blank).toContain('name="sayNameAs"');
  expect(blank).toContain("How the voiceover pronounces the name");
  const res = await browser.post(
    "/webapps",
    form([
      ["url", sites.url("/tasktide")],
      ["sayNameAs", "Task Tide"],
      ["platforms", "x"],
    ]),
  );
  expect(res.status).toBe(303);
  const id = listWebapps(ctx.db, alice.user.id)[0]!.id;
  expect(findWebapp(ctx.db, alice.user.id, id)!.sayNameAs).toBe("Task Tide");
  expect(await (await browser.get(`/webapps/${id}/edit`)).text()).toContain('value="Task Tide"');
  const edit: [string, string][] = [
    ["url", sites.url("/tasktide")],
    ["name", "TaskTide"],
    ["platforms", "x"],
    ["utmSource", "{platform}"],
  ];
  const saved = await browser.htmx(`/webapps/${id}`, form([...edit, ["sayNameAs", "Tasc Tied"]]));
  expect(saved.status).toBe(200);
  expect(findWebapp(ctx.db, alice.user.id, id)!.sayNameAs).toBe("Tasc Tied");
  const tooLong = await browser.htmx(`/webapps/${id}`, form([...edit, ["sayNameAs", "x".repeat(101)]]));
  expect(tooLong.status).toBe(422);
  expect(await tooLong.text()).toContain("Say the name as is 101 characters long; keep it under 100.");
});

test("'say the name as' round-trips through the API and is described in the OpenAPI document", async () => {
  const app = createApp(ctx);
  const token = createApiToken(ctx.db, alice.user.id, "test", ctx.clock.now()).token;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await app.handle(
      new Request(`http://localhost:3000${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      }),
    );
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };
  const made = await call("POST", "/api/v1/webapps", { url: sites.url("/tasktide"), sayNameAs: "Task Tide" });
  expect(made.status).toBe(201);
  expect(made.json.sayNameAs).toBe("Task Tide");
  const patched = await call("PATCH", `/api/v1/webapps/${made.json.id}`, { sayNameAs: "" });
  expect(patched.json.sayNameAs).toBe("");
  expect((await call("GET", `/api/v1/webapps/${made.json.id}`)).json.sayNameAs).toBe("");
  const doc = await (await app.handle(new Request("http://localhost:3000/api/v1/openapi.json"))).json();
  expect(doc.components.schemas.Webapp.properties.sayNameAs.description).toContain("voiceover");
});
