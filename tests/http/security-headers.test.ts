import { afterEach, expect, test } from "bun:test";
import { createApiToken } from "../../src/api/tokens";
import { CONTENT_SECURITY_POLICY } from "../../src/http/security-headers";
import { addUser, clientFor } from "../support/accounts";
import { makeTestContext } from "../support/context";
import { TestClient } from "../support/http";

let ctx: ReturnType<typeof makeTestContext>;
afterEach(() => ctx.cleanup());

test("every response carries the CSP, DENY framing, nosniff and the referrer policy", async () => {
  ctx = makeTestContext();
  const ann = await addUser(ctx, { email: "ann@example.com", role: "admin" });
  const signedIn = clientFor(ctx, ann);
  const anon = new TestClient(ctx);
  const token = createApiToken(ctx.db, ann.id, "t", ctx.clock.now()).token;
  const answers = [
    await signedIn.get("/dashboard"),
    await signedIn.get("/settings"),
    await signedIn.htmx("/settings/profile", { name: "Ann", email: "ann@example.com", timezone: "UTC" }),
    await signedIn.get("/no-such-page"),
    await anon.get("/login"),
    await anon.get("/settings"),
    await anon.get("/public/app.css"),
    await anon.get("/api/v1/me"),
    await anon.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } }),
  ];
  for (const r of answers) {
    expect(r.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers.get("x-frame-options")).toBe("DENY");
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(r.headers.get("referrer-policy")).toBe("same-origin");
  }
  expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 404, 200, 303, 200, 401, 200]);
  // Pages and API answers are never kept by a browser or proxy (a shared computer after sign-out); static files are.
  for (const r of answers.filter((_, i) => i !== 6)) expect(r.headers.get("cache-control")).toContain("no-store");
  expect(answers[6]!.headers.get("cache-control")).toBe("public, max-age=3600");
});

test("the policy allows no inline script or style, and no framing", () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));
  expect(directives.get("default-src")).toEqual(["'self'"]);
  expect(directives.get("script-src")).toEqual(["'self'"]);
  expect(directives.get("style-src")).toEqual(["'self'"]);
  expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
  expect(CONTENT_SECURITY_POLICY).not.toContain("unsafe");
});

test("pages hold no inline script, no inline style attribute and configure htmx by meta tag", async () => {
  ctx = makeTestContext();
  const ann = await addUser(ctx, { email: "ann@example.com", role: "admin" });
  const c = clientFor(ctx, ann);
  const pages = [await c.get("/dashboard"), await c.get("/webapps/new"), await c.get("/settings"), await new TestClient(ctx).get("/login")];
  for (const p of pages) {
    expect(p.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(p.text).not.toMatch(/\sstyle=/);
    expect(p.text).toContain('<meta name="htmx-config" content="{&#34;includeIndicatorCSS&#34;:false}"/>');
  }
});
