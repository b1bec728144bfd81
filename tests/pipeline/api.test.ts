import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createApiToken } from "../../src/api/tokens";
import { createApp } from "../../src/server/app";
import { executeRun } from "../../src/pipeline/run";
import { createUser } from "../../src/users/store";
import { NoProviderGateway } from "../agents/fixtures";
import { startResearchSites, type ResearchSites } from "../sites/research-sites";
import { makeTestContext } from "../support/context";
import { seedApp } from "./support";

let sites: ResearchSites;
beforeAll(() => (sites = startResearchSites()));
afterAll(() => sites.stop());

describe("runs API", () => {
  test("POST starts a run (202), again gives the same run (200), force makes attempt 2; GET shows steps and items", async () => {
    const ctx = makeTestContext();
    try {
      const { userId, webappId } = seedApp(ctx, { url: sites.url("/"), platforms: ["tiktok", "facebook"] });
      const { token } = createApiToken(ctx.db, userId, "test", ctx.clock.now());
      const app = createApp(ctx);
      const call = (method: string, path: string, body?: unknown) =>
        app.handle(
          new Request(`http://localhost:3000${path}`, {
            method,
            headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
            body: body ? JSON.stringify(body) : undefined,
          }),
        );
      const first = await call("POST", `/api/v1/webapps/${webappId}/runs`);
      expect(first.status).toBe(202);
      const run = await first.json();
      expect(first.headers.get("location")).toBe(`/api/v1/runs/${run.id}`);
      expect(run).toMatchObject({
        webapp_id: webappId,
        local_date: "2026-03-02",
        attempt: 1,
        status: "queued",
        trigger: "api",
        steps: [],
        items: [],
      });
      expect((await call("POST", `/api/v1/webapps/${webappId}/runs`)).status).toBe(200);
      await executeRun(ctx, new NoProviderGateway(), run.id);
      const got = await (await call("GET", `/api/v1/runs/${run.id}`)).json();
      expect(got.status).toBe("ready");
      expect(got.steps.map((s: { step: string; status: string }) => `${s.step}:${s.status}`)).toEqual([
        "research:done",
        "creative:done",
        "media:done",
        "optimize:done",
        "queue:done",
      ]);
      expect(got.items.length).toBe(3);
      expect(got.items.every((i: { status: string; writer: string }) => i.status === "pending_approval" && i.writer === "builtin")).toBe(
        true,
      );
      const forced = await call("POST", `/api/v1/webapps/${webappId}/runs`, { force: true, date: "2026-03-02" });
      expect(forced.status).toBe(202);
      expect((await forced.json()).attempt).toBe(2);
      const bad = await call("POST", `/api/v1/webapps/${webappId}/runs`, { date: "2026-02-31" });
      expect(bad.status).toBe(422);
      expect((await bad.json()).error.message).toContain("not a real date");
      expect((await call("POST", `/api/v1/webapps/${webappId}/runs`, { forse: true })).status).toBe(400);
    } finally {
      ctx.cleanup();
    }
  });

  test("other people's web apps and runs answer 404; no token answers 401", async () => {
    const ctx = makeTestContext();
    try {
      const { webappId } = seedApp(ctx, { url: sites.url("/") });
      const other = createUser(
        ctx.db,
        { email: "o@example.com", name: "O", passwordHash: "x", role: "member", timezone: "UTC" },
        ctx.clock.now(),
      );
      const { token } = createApiToken(ctx.db, other.id, "t", ctx.clock.now());
      const app = createApp(ctx);
      const res = await app.handle(
        new Request(`http://localhost:3000/api/v1/webapps/${webappId}/runs`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}` },
        }),
      );
      expect(res.status).toBe(404);
      expect(
        (await app.handle(new Request(`http://localhost:3000/api/v1/runs/1`, { headers: { authorization: `Bearer ${token}` } }))).status,
      ).toBe(404);
      expect((await app.handle(new Request(`http://localhost:3000/api/v1/runs/1`))).status).toBe(401);
    } finally {
      ctx.cleanup();
    }
  });
});
