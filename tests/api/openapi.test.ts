import { afterAll, expect, test } from "bun:test";
import { createApp } from "../../src/server/app";
import { makeTestContext } from "../support/context";

const ctx = makeTestContext();
afterAll(() => ctx.cleanup());
const app = createApp(ctx);

async function getDoc() {
  const res = await app.handle(new Request("http://localhost:3000/api/v1/openapi.json"));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/json");
  return JSON.parse(await res.text());
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

test("the OpenAPI document is valid JSON, needs no token, and lists every /api/v1 route the app serves", async () => {
  const doc = await getDoc();
  expect(doc.openapi).toBe("3.1.0");
  expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  const served = app.routes
    .filter((r) => r.path.startsWith("/api/v1/") && !r.path.includes("*") && r.method !== "ALL")
    .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
  expect(served.length).toBeGreaterThanOrEqual(7);
  const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
    Object.keys(ops).map((m) => `${m} ${p}`),
  );
  expect(documented.sort()).toEqual([...new Set(served)].sort());
});

test("every operation has a unique id and responses, and every $ref resolves", async () => {
  const doc = await getDoc();
  const ids = new Set<string>();
  for (const ops of Object.values(doc.paths as Record<string, Record<string, { operationId: string; responses: object }>>)) {
    for (const op of Object.values(ops)) {
      expect(ids.has(op.operationId)).toBeFalse();
      ids.add(op.operationId);
      expect(Object.keys(op.responses).length).toBeGreaterThan(0);
    }
  }
  for (const ref of collectRefs(doc)) {
    const name = ref.replace("#/components/schemas/", "");
    expect(doc.components.schemas[name]).toBeDefined();
  }
  expect(doc.components.schemas.WebappCreate.required).toEqual(["url"]);
  expect(doc.components.schemas.Webapp.properties.platforms.items.enum).toEqual([
    "youtube",
    "tiktok",
    "instagram",
    "facebook",
    "x",
    "linkedin",
  ]);
});

test("the docs page renders every operation from the document, with no external scripts", async () => {
  const doc = await getDoc();
  const res = await app.handle(new Request("http://localhost:3000/api/docs"));
  expect(res.status).toBe(200);
  const html = await res.text();
  for (const ops of Object.values(doc.paths as Record<string, Record<string, { operationId: string; summary: string }>>)) {
    for (const op of Object.values(ops)) {
      expect(html).toContain(`id="${op.operationId}"`);
      expect(html).toContain(Bun.escapeHTML(op.summary));
    }
  }
  expect(html).toContain('id="schema-WebappCreate"');
  expect(html).toContain('<a href="/dashboard">← Back to the app</a>'); // a way back from the docs
  expect(html).not.toMatch(/<script[^>]+src="https?:/);
  expect(html).not.toMatch(/<link[^>]+href="https?:/);
});
