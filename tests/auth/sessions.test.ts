import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { createSession, validateSession } from "../../src/auth/sessions";
import { makeUser } from "../support/content-factories";
import { clientFor } from "../support/accounts";
import { makeTestContext } from "../support/context";

const DAY = 86_400_000;
let ctx: ReturnType<typeof makeTestContext>;
beforeEach(() => {
  ctx = makeTestContext();
});
afterEach(() => ctx.cleanup());

const sessionRows = () => ctx.db.$client.query("select count(*) as n from sessions").get() as { n: number };

describe("session expiry", () => {
  test("a session is valid up to its last millisecond, then refused and deleted", () => {
    const user = makeUser(ctx);
    const start = ctx.clock.now();
    const { token } = createSession(ctx.db, user.id, start, 30);
    const at = (ms: number) => new Date(start.getTime() + ms);
    expect(validateSession(ctx.db, token, at(30 * DAY - 1), 30)?.user.id).toBe(user.id);
    // the call above renewed it (second half of its life): expiry is now 30 days after that use
    const renewedUntil = 30 * DAY - 1 + 30 * DAY;
    expect(validateSession(ctx.db, token, at(renewedUntil - 1), 30)?.user.id).toBe(user.id);
    expect(validateSession(ctx.db, token, at(2 * renewedUntil), 30)).toBeUndefined();
    expect(sessionRows().n).toBe(0);
  });

  test("an unused session is refused at its expiry, even though it would be in its renewal window", () => {
    const user = makeUser(ctx);
    const start = ctx.clock.now();
    const { token } = createSession(ctx.db, user.id, start, 30);
    expect(validateSession(ctx.db, token, new Date(start.getTime() + 30 * DAY), 30)).toBeUndefined();
    expect(validateSession(ctx.db, token, start, 30)).toBeUndefined(); // deleted, not just hidden
  });

  test("sliding: a use in the first half keeps the expiry; a use in the second half moves it", () => {
    const user = makeUser(ctx);
    const start = ctx.clock.now();
    const { token, session } = createSession(ctx.db, user.id, start, 30);
    const early = validateSession(ctx.db, token, new Date(start.getTime() + 10 * DAY), 30)!;
    expect(early.renewed).toBe(false);
    expect(early.session.expiresAt.getTime()).toBe(session.expiresAt.getTime());
    const late = validateSession(ctx.db, token, new Date(start.getTime() + 20 * DAY), 30)!;
    expect(late.renewed).toBe(true);
    expect(late.session.expiresAt.getTime()).toBe(start.getTime() + 50 * DAY);
  });

  test("through the app: a signed-in browser is sent to /login once its session has expired", async () => {
    const user = makeUser(ctx);
    const c = clientFor(ctx, user);
    expect((await c.get("/dashboard")).status).toBe(200);
    ctx.clock.advance(ctx.config.auth.session_days * DAY);
    const after = await c.get("/dashboard");
    expect(after.status).toBe(303);
    expect(after.location).toStartWith("/login");
    expect(sessionRows().n).toBe(0);
  });
});
