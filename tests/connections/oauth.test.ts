import { afterEach, describe, expect, test } from "bun:test";
import { getConnectionRow, listConnections, openConnection, storeRefreshedTokens } from "../../src/publishing/connections";
import { refreshDueTokens } from "../../src/publishing/handlers";
import { ConnectError, finishConnect, oauthProviders, startConnect } from "../../src/connections/oauth";
import { makeOwner } from "../support/publishing-factories";
import { xWorld } from "../platforms/x-helpers";

let w: ReturnType<typeof xWorld>;
afterEach(() => w?.close());

/** Follows the consent URL to the fake, which "consents" and redirects back with code and state. */
async function consent(url: string): Promise<URLSearchParams> {
  const res = await fetch(url, { redirect: "manual" });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location")!).searchParams;
}

describe("X OAuth 2.0 with PKCE against the fake", () => {
  test("connect: state checked, code exchanged with the PKCE verifier, account stored with sealed tokens", async () => {
    w = xWorld();
    const user = makeOwner(w.ctx);
    const x = oauthProviders(w.ctx).x!;
    const url = startConnect(w.ctx, x, user.userId);
    expect(url).toContain("code_challenge_method=S256");
    const back = await consent(url);
    const rows = await finishConnect(w.ctx, x, user.userId, { state: back.get("state")!, code: back.get("code")! });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.accountName).toBe("Amarktai Test (@amarktai_test)");
    expect(rows[0]!.accessTokenSealed.startsWith("v1:")).toBe(true);
    const conn = openConnection(w.ctx, rows[0]!);
    expect(conn.refreshToken).toMatch(/^xrt-/);
    expect(conn.extra.username).toBe("amarktai_test");
    expect(conn.scopes).toContain("offline.access");
    expect(listConnections(w.ctx, user.userId)).toHaveLength(1);
  });

  test("a state we did not issue (or issued to someone else) is refused and nothing is stored", async () => {
    w = xWorld();
    const a = makeOwner(w.ctx);
    const b = makeOwner(w.ctx);
    const x = oauthProviders(w.ctx).x!;
    const back = await consent(startConnect(w.ctx, x, a.userId));
    await expect(finishConnect(w.ctx, x, a.userId, { state: "forged", code: back.get("code")! })).rejects.toBeInstanceOf(ConnectError);
    await expect(finishConnect(w.ctx, x, b.userId, { state: back.get("state")!, code: back.get("code")! })).rejects.toBeInstanceOf(
      ConnectError,
    );
    expect(listConnections(w.ctx, a.userId)).toHaveLength(0);
    expect(listConnections(w.ctx, b.userId)).toHaveLength(0);
  });

  test("the fake verifies PKCE: a wrong verifier gets no tokens", async () => {
    w = xWorld();
    const user = makeOwner(w.ctx);
    const x = oauthProviders(w.ctx).x!;
    const back = await consent(startConnect(w.ctx, x, user.userId));
    await expect(
      x.exchange({
        code: back.get("code")!,
        codeVerifier: "not-the-verifier-".repeat(3),
        redirectUri: `${w.ctx.config.server.public_base_url}/platforms/x/callback`,
      }),
    ).rejects.toThrow();
  });

  test("refreshDueTokens refreshes ahead of expiry and stores X's rotated refresh token atomically", async () => {
    w = xWorld();
    const before = openConnection(w.ctx, getConnectionRow(w.ctx, w.conn.id)!);
    w.ctx.clock.advance(2 * 3600_000 - 20 * 60_000); // 20 minutes before expiry, inside refresh_ahead_minutes (30)
    const out = await refreshDueTokens(w.ctx, w.ctx.clock.now(), w.deps);
    expect(out.refreshed).toBe(1);
    const after = openConnection(w.ctx, getConnectionRow(w.ctx, w.conn.id)!);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.expiresAt!.getTime()).toBe(w.ctx.clock.now().getTime() + 7200_000);
    // the rotated-out token is dead at X: using the stored one again must still work
    w.ctx.clock.advance(2 * 3600_000);
    expect((await refreshDueTokens(w.ctx, w.ctx.clock.now(), w.deps)).refreshed).toBe(1);
    expect(getConnectionRow(w.ctx, w.conn.id)!.status).toBe("ok");
  });

  test("nothing is refreshed long before expiry", async () => {
    w = xWorld();
    expect((await refreshDueTokens(w.ctx, w.ctx.clock.now(), w.deps)).refreshed).toBe(0);
  });

  test("a refresh answer without a refresh token keeps the stored one", () => {
    w = xWorld();
    const before = openConnection(w.ctx, getConnectionRow(w.ctx, w.conn.id)!);
    storeRefreshedTokens(w.ctx, w.conn.id, { accessToken: "new-access", refreshToken: "" }, w.ctx.clock.now());
    const after = openConnection(w.ctx, getConnectionRow(w.ctx, w.conn.id)!);
    expect(after.accessToken).toBe("new-access");
    expect(after.refreshToken).toBe(before.refreshToken);
  });

  test("a 503 from the token endpoint is transient: no reconnect_needed, error noted", async () => {
    w = xWorld();
    w.fake.fail("token", "server_error");
    w.ctx.clock.advance(2 * 3600_000 - 10 * 60_000);
    const out = await refreshDueTokens(w.ctx, w.ctx.clock.now(), w.deps);
    expect(out.failed).toBe(1);
    const row = getConnectionRow(w.ctx, w.conn.id)!;
    expect(row.status).toBe("ok");
    expect(row.refreshFailures).toBe(1);
    expect(row.lastError).toContain("will retry");
    expect(w.events).toHaveLength(0);
  });

  test("a revoked grant (invalid token answer) marks reconnect_needed and raises connection.revoked once", async () => {
    w = xWorld();
    w.fake.revokeAll();
    w.ctx.clock.advance(2 * 3600_000 - 10 * 60_000);
    const out = await refreshDueTokens(w.ctx, w.ctx.clock.now(), w.deps);
    expect(out.revoked).toBe(1);
    expect(getConnectionRow(w.ctx, w.conn.id)!.status).toBe("reconnect_needed");
    expect(w.events.map((e) => e.name)).toEqual(["connection.revoked"]);
    // reconnect_needed connections are not refreshed again by the schedule
    expect((await refreshDueTokens(w.ctx, w.ctx.clock.now(), w.deps)).revoked).toBe(0);
  });
});
