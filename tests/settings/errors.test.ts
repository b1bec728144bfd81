import { afterEach, beforeEach, expect, test } from "bun:test";
import { createApp } from "../../src/server/app";
import { addUser, clientFor } from "../support/accounts";
import { makeTestContext } from "../support/context";
import { TestClient } from "../support/http";

let ctx: ReturnType<typeof makeTestContext>;
beforeEach(() => {
  ctx = makeTestContext();
});
afterEach(() => ctx.cleanup());

test("an unknown page is a friendly 404: card for strangers, app shell for signed-in users", async () => {
  const ann = await addUser(ctx, { email: "ann@example.com", name: "Ann", role: "admin" });
  const stranger = await new TestClient(ctx).get("/no/such/<page>");
  expect(stranger.status).toBe(404);
  expect(stranger.headers.get("content-type")).toContain("text/html");
  expect(stranger.text).toContain("Page not found");
  expect(stranger.text).toContain("auth-card");
  expect(stranger.text).not.toContain("<page>");
  const member = await clientFor(ctx, ann).get("/no/such/page");
  expect(member.status).toBe(404);
  expect(member.text).toContain('class="sidebar"');
  expect(member.text).toContain("Go to the dashboard");
  const hx = await clientFor(ctx, ann).get("/nothing", { htmx: true });
  expect(hx.status).toBe(404);
  expect(hx.text.startsWith("<div")).toBe(true);
});

test("a failing handler gives a 500 page with a reference that is in the log", async () => {
  const ann = await addUser(ctx, { email: "ann@example.com", role: "admin" });
  const app = createApp(ctx).get("/boom", () => {
    throw new Error("disk on fire");
  });
  const r = await clientFor(ctx, ann, app as unknown as TestClient["app"]).get("/boom");
  expect(r.status).toBe(500);
  expect(r.text).toContain("Something went wrong");
  expect(r.text).not.toContain("disk on fire");
  const reference = /<code>([0-9a-f]{8})<\/code>/.exec(r.text)?.[1];
  expect(reference).toBeDefined();
  expect(r.text).toContain('class="sidebar"');
  expect(ctx.logLines.some((l) => l.includes(reference!) && l.includes("disk on fire"))).toBe(true);
});
