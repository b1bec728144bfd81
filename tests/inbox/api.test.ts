import { afterEach, describe, expect, test } from "bun:test";
import { createApiToken } from "../../src/api/tokens";
import { replyOf } from "../../src/inbox/reply-store";
import { createApp } from "../../src/server/app";
import { buildOpenApiDocument } from "../../src/server/openapi";
import { makeItem, makeUser, makeWebapp } from "../support/content-factories";
import { makeConnection } from "../support/publishing-factories";
import { makeTestContext } from "../support/context";
import { makeComment } from "./factories";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function world() {
  const ctx = makeTestContext();
  cleanup = ctx.cleanup;
  const app = createApp(ctx);
  const mk = (email: string) => {
    const user = makeUser(ctx, { email });
    const webapp = makeWebapp(ctx, user.id);
    const item = makeItem(ctx, { userId: user.id, webappId: webapp.id, platform: "youtube", status: "published" });
    return {
      user,
      base: { userId: user.id, webappId: webapp.id, itemId: item.id },
      token: createApiToken(ctx.db, user.id, "t", ctx.clock.now()).token,
    };
  };
  const call = async (token: string | undefined, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await app.handle(
      new Request(`http://localhost:3000${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    );
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  return { ctx, mk, call };
}

describe("/api/v1/comments", () => {
  test("lists only the token's user's comments, with the page's filters", async () => {
    const w = world();
    const me = w.mk("me@example.com");
    const other = w.mk("other@example.com");
    makeComment(w.ctx, { ...me.base, text: "Does it work offline?" });
    makeComment(w.ctx, { ...me.base, text: "Love it, thanks!" });
    makeComment(w.ctx, { ...other.base, text: "Secret question?" });
    const all = await w.call(me.token, "GET", "/api/v1/comments");
    expect(all.status).toBe(200);
    const texts = (all.json.comments as { text: string }[]).map((c) => c.text);
    expect(texts.sort()).toEqual(["Does it work offline?", "Love it, thanks!"]);
    const q = await w.call(me.token, "GET", "/api/v1/comments?show=question");
    expect((q.json.comments as { text: string }[]).map((c) => c.text)).toEqual(["Does it work offline?"]);
    expect((await w.call(undefined, "GET", "/api/v1/comments")).status).toBe(401);
  });

  test("reply: someone else's comment is 404, over the limit is 422 with the count, a good one is queued once (202)", async () => {
    const w = world();
    const me = w.mk("me@example.com");
    const other = w.mk("other@example.com");
    makeConnection(w.ctx, me.user.id, "youtube", { accessToken: "ya29.test", accountId: "UC_me" });
    const mine = makeComment(w.ctx, { ...me.base, text: "Does it work offline?" });
    const theirs = makeComment(w.ctx, { ...other.base, text: "Is it free?" });
    expect((await w.call(me.token, "POST", `/api/v1/comments/${theirs.id}/reply`, { text: "hi" })).status).toBe(404);
    expect(replyOf(w.ctx.db, theirs.id)).toBeUndefined();
    const long = await w.call(me.token, "POST", `/api/v1/comments/${mine.id}/reply`, { text: "x".repeat(10_001) });
    expect(long.status).toBe(422);
    expect(JSON.stringify(long.json)).toContain("10001 characters");
    const ok = await w.call(me.token, "POST", `/api/v1/comments/${mine.id}/reply`, { text: "Yes, offline too." });
    expect(ok).toEqual({ status: 202, json: { commentId: mine.id, phase: "prepared" } });
    expect((await w.call(me.token, "POST", `/api/v1/comments/${theirs.id}/hide`)).status).toBe(404);
  });

  test("the endpoints are in the OpenAPI document", () => {
    const w = world();
    const doc = buildOpenApiDocument(w.ctx) as { paths: Record<string, unknown> };
    for (const p of ["/api/v1/comments", "/api/v1/comments/{id}/reply", "/api/v1/comments/{id}/like", "/api/v1/comments/{id}/hide"])
      expect(doc.paths[p]).toBeDefined();
  });
});
