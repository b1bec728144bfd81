import { afterEach, describe, expect, test } from "bun:test";
import { createApp } from "../../src/server/app";
import { addUser, TEST_PASSWORD } from "../support/accounts";
import { makeTestContext } from "../support/context";
import { TestClient } from "../support/http";

const LIMITS = { AMARKTAI_AUTH_LOGIN_MAX_FAILURES: "3", AMARKTAI_AUTH_LOGIN_WINDOW_MINUTES: "15" };
let ctx: ReturnType<typeof makeTestContext>;
afterEach(() => ctx.cleanup());

function from(address: string) {
  return { headers: { "x-forwarded-for": `203.0.113.77, ${address}` } };
}

describe("login throttling behind a trusted proxy (address from X-Forwarded-For)", () => {
  test("per account: failures from many addresses block the account, with when to try again", async () => {
    ctx = makeTestContext({ ...LIMITS, AMARKTAI_PROXY_TRUST_FORWARDED_FOR: "true" });
    await addUser(ctx, { email: "ann@example.com", role: "admin" });
    await addUser(ctx, { email: "bob@example.com" });
    const c = new TestClient(ctx);
    for (const [i, ip] of ["10.0.0.1", "10.0.0.2", "10.0.0.3"].entries()) {
      const r = await c.post("/login", { email: "ann@example.com", password: "guess number " + i }, from(ip));
      expect(r.status).toBe(i < 2 ? 422 : 429);
      ctx.clock.advance(60_000);
    }
    // 12:03 now; the oldest failure (12:00) leaves the 15-minute window at 12:15.
    const blocked = await c.post("/login", { email: "ann@example.com", password: TEST_PASSWORD }, from("10.0.0.9"));
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain("Too many failed sign-ins for this account. Try again at 12:15 UTC (in 12 minutes)");
    expect(c.cookies.size).toBe(0);

    const other = await c.post("/login", { email: "bob@example.com", password: TEST_PASSWORD }, from("10.0.0.9"));
    expect(other.location).toBe("/dashboard");

    ctx.clock.set(new Date("2026-03-02T12:15:00Z"));
    const fresh = new TestClient(ctx);
    const ok = await fresh.post("/login", { email: "ann@example.com", password: TEST_PASSWORD }, from("10.0.0.9"));
    expect(ok.location).toBe("/dashboard");
  });

  test("per address: failures on different accounts block that address only", async () => {
    ctx = makeTestContext({ ...LIMITS, AMARKTAI_PROXY_TRUST_FORWARDED_FOR: "true" });
    await addUser(ctx, { email: "ann@example.com", role: "admin" });
    const c = new TestClient(ctx);
    for (const who of ["x1@example.com", "x2@example.com", "x3@example.com"])
      await c.post("/login", { email: who, password: "not the password" }, from("10.0.0.5"));
    const blocked = await c.htmx("/login", { email: "ann@example.com", password: TEST_PASSWORD }, from("10.0.0.5"));
    expect(blocked.status).toBe(429);
    expect(blocked.text.startsWith("<form")).toBe(true);
    expect(blocked.text).toContain("Too many failed sign-ins for your network address. Try again at 12:15 UTC (in 15 minutes)");
    const elsewhere = await c.post("/login", { email: "ann@example.com", password: TEST_PASSWORD }, from("10.0.0.6"));
    expect(elsewhere.location).toBe("/dashboard");
  });

  test("a successful sign-in clears the account's failures", async () => {
    ctx = makeTestContext({ ...LIMITS, AMARKTAI_PROXY_TRUST_FORWARDED_FOR: "true" });
    await addUser(ctx, { email: "ann@example.com", role: "admin" });
    const c = new TestClient(ctx);
    let ip = 1;
    const attempt = (password: string) => c.post("/login", { email: "ann@example.com", password }, from(`10.0.1.${ip++}`));
    expect((await attempt("wrong one 1")).status).toBe(422);
    expect((await attempt("wrong one 2")).status).toBe(422);
    expect((await attempt(TEST_PASSWORD)).location).toBe("/dashboard");
    c.reset();
    expect((await attempt("wrong one 3")).status).toBe(422);
    expect((await attempt("wrong one 4")).status).toBe(422);
  });
});

describe("login throttling by default (socket address; X-Forwarded-For ignored)", () => {
  test("forged X-Forwarded-For headers do not escape the per-address limit", async () => {
    ctx = makeTestContext(LIMITS);
    await addUser(ctx, { email: "ann@example.com", role: "admin" });
    const server = createApp(ctx).listen({ port: 0, hostname: "127.0.0.1" });
    try {
      const base = `http://127.0.0.1:${server.server!.port}`;
      const post = (email: string, password: string, forged: string) =>
        fetch(base + "/login", {
          method: "POST",
          redirect: "manual",
          headers: { "content-type": "application/x-www-form-urlencoded", origin: base, "x-forwarded-for": forged },
          body: new URLSearchParams({ email, password }),
        });
      for (const [i, who] of ["x1@example.com", "x2@example.com", "x3@example.com"].entries())
        await (await post(who, "not the password", `198.51.100.${i}`)).text();
      const blocked = await post("ann@example.com", TEST_PASSWORD, "198.51.100.200");
      expect(blocked.status).toBe(429);
      expect(await blocked.text()).toContain("for your network address");
    } finally {
      await server.stop(true);
    }
  });
});
