import { afterEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { loginFailures } from "../../src/db/schema/accounts";
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
  test("per account and address: failures from one address block that account from there, with when to try again", async () => {
    ctx = makeTestContext({ ...LIMITS, AMARKTAI_PROXY_TRUST_FORWARDED_FOR: "true" });
    await addUser(ctx, { email: "ann@example.com", role: "admin" });
    await addUser(ctx, { email: "bob@example.com" });
    const c = new TestClient(ctx);
    for (const i of [0, 1, 2]) {
      const r = await c.post("/login", { email: "ann@example.com", password: "guess number " + i }, from("10.0.0.1"));
      expect(r.status).toBe(i < 2 ? 422 : 429);
      ctx.clock.advance(60_000);
    }
    // 12:03 now; the oldest failure (12:00) leaves the 15-minute window at 12:15.
    const blocked = await c.post("/login", { email: "ann@example.com", password: TEST_PASSWORD }, from("10.0.0.1"));
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain(
      "Too many failed sign-ins for this account from your network address. Try again at 12:15 UTC (in 12 minutes)",
    );
    expect(c.cookies.size).toBe(0);

    const other = await c.post("/login", { email: "bob@example.com", password: TEST_PASSWORD }, from("10.0.0.1"));
    expect(other.location).toBe("/dashboard");
    const owner = new TestClient(ctx);
    expect((await owner.post("/login", { email: "ann@example.com", password: TEST_PASSWORD }, from("10.0.0.9"))).location).toBe(
      "/dashboard",
    );

    ctx.clock.set(new Date("2026-03-02T12:15:00Z"));
    const fresh = new TestClient(ctx);
    const ok = await fresh.post("/login", { email: "ann@example.com", password: TEST_PASSWORD }, from("10.0.0.1"));
    expect(ok.location).toBe("/dashboard");
  });

  test("per account: a guessing run spread over many addresses meets the account's ceiling (4 x the limit)", async () => {
    ctx = makeTestContext({ ...LIMITS, AMARKTAI_PROXY_TRUST_FORWARDED_FOR: "true" });
    await addUser(ctx, { email: "ann@example.com", role: "admin" });
    const c = new TestClient(ctx);
    for (let i = 0; i < 12; i++) {
      const r = await c.post("/login", { email: "ann@example.com", password: "guess " + i }, from(`10.0.2.${i}`));
      expect(r.status).toBe(i < 11 ? 422 : 429);
    }
    const blocked = await c.post("/login", { email: "ann@example.com", password: TEST_PASSWORD }, from("10.0.3.1"));
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain("Too many failed sign-ins for this account. Try again at 12:15 UTC");
  });

  test("a stranger's failures on other accounts from the same address do not block this account", async () => {
    ctx = makeTestContext({ ...LIMITS, AMARKTAI_PROXY_TRUST_FORWARDED_FOR: "true" });
    await addUser(ctx, { email: "ann@example.com", role: "admin" });
    await addUser(ctx, { email: "bob@example.com" });
    const c = new TestClient(ctx);
    for (const who of ["x1@example.com", "x2@example.com", "x3@example.com", "bob@example.com", "bob@example.com", "bob@example.com"])
      await c.post("/login", { email: who, password: "not the password" }, from("10.0.0.5"));
    const admin = await c.htmx("/login", { email: "ann@example.com", password: TEST_PASSWORD }, from("10.0.0.5"));
    expect(admin.location).toBe("/dashboard");
    const bob = await new TestClient(ctx).htmx("/login", { email: "bob@example.com", password: TEST_PASSWORD }, from("10.0.0.5"));
    expect(bob.status).toBe(429);
    expect(bob.text.startsWith("<form")).toBe(true);
  });

  test("40 parallel wrong sign-ins record at most the limit, and the right password during the block is refused", async () => {
    ctx = makeTestContext({ ...LIMITS, AMARKTAI_PROXY_TRUST_FORWARDED_FOR: "true" });
    await addUser(ctx, { email: "ann@example.com", role: "admin" });
    const c = new TestClient(ctx);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        c.post("/login", { email: "ann@example.com", password: "parallel guess " + i }, from("10.0.0.7")),
      ),
    );
    expect(ctx.db.select().from(loginFailures).where(eq(loginFailures.email, "ann@example.com")).all().length).toBe(3);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(37);
    const right = await c.post("/login", { email: "ann@example.com", password: TEST_PASSWORD }, from("10.0.0.7"));
    expect(right.status).toBe(429);
    expect(c.cookies.size).toBe(0);
  });

  test("a successful sign-in clears the account's failures", async () => {
    ctx = makeTestContext({ ...LIMITS, AMARKTAI_PROXY_TRUST_FORWARDED_FOR: "true" });
    await addUser(ctx, { email: "ann@example.com", role: "admin" });
    const c = new TestClient(ctx);
    const attempt = (password: string) => c.post("/login", { email: "ann@example.com", password }, from("10.0.1.1"));
    expect((await attempt("wrong one 1")).status).toBe(422);
    expect((await attempt("wrong one 2")).status).toBe(422);
    expect((await attempt(TEST_PASSWORD)).location).toBe("/dashboard");
    c.reset();
    expect((await attempt("wrong one 3")).status).toBe(422);
    expect((await attempt("wrong one 4")).status).toBe(422);
  });
});

describe("login throttling by default (socket address; X-Forwarded-For ignored)", () => {
  test("forged X-Forwarded-For headers do not escape the limit", async () => {
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
      for (const i of [0, 1, 2]) await (await post("ann@example.com", "not the password", `198.51.100.${i}`)).text();
      const blocked = await post("ann@example.com", TEST_PASSWORD, "198.51.100.200");
      expect(blocked.status).toBe(429);
      expect(await blocked.text()).toContain("for this account from your network address");
    } finally {
      await server.stop(true);
    }
  });
});
