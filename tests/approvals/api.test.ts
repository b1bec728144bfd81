import { afterAll, expect, test } from "bun:test";
import { createApiToken } from "../../src/api/tokens";
import { createApp } from "../../src/server/app";
import { makeTestContext } from "../support/context";
import { makeItem, makeReadyBatch, makeUser } from "../support/content-factories";

const ctx = makeTestContext();
const app = createApp(ctx);
afterAll(() => ctx.cleanup());

function api(method: string, path: string, token: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  return app.handle(
    new Request(`http://localhost:3000/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
  );
}

test("API: list, approve (idempotent), reject with reason, edit with limits, batch approve; other users' ids 404", async () => {
  const u = makeUser(ctx);
  const token = createApiToken(ctx.db, u.id, "ci", ctx.clock.now()).token;
  const { items, batch } = makeReadyBatch(ctx, u.id, { platforms: ["x", "youtube", "linkedin"] });
  const extra = makeItem(ctx, { userId: u.id, webappId: batch.webappId, batchId: batch.id, platform: "tiktok" });

  const list = (await (await api("GET", "/content?status=pending_approval", token)).json()) as { items: { id: number }[] };
  expect(list.items.map((i) => i.id).sort()).toEqual([...items.map((i) => i.id), extra.id].sort());

  const ap = await api("POST", `/content/${items[0]!.id}/approve`, token);
  expect(ap.status).toBe(200);
  expect(await ap.json()).toMatchObject({ item: { status: "approved" }, changed: true });
  expect(await (await api("POST", `/content/${items[0]!.id}/approve`, token)).json()).toMatchObject({ changed: false });

  const rj = await api("POST", `/content/${items[1]!.id}/reject`, token, { reason: "off topic" });
  expect(await rj.json()).toMatchObject({ item: { status: "rejected", rejectReason: "off topic" } });

  const tooLong = await api("PATCH", `/content/${items[2]!.id}`, token, { caption: "x".repeat(3001) });
  expect(tooLong.status).toBe(422);
  expect(await tooLong.json()).toMatchObject({
    error: { code: "invalid", message: expect.stringContaining("LinkedIn allows 3000 characters") },
  });
  const when = new Date(ctx.clock.now().getTime() + 86_400_000).toISOString();
  const edited = await api("PATCH", `/content/${items[2]!.id}`, token, { caption: "Fresh copy", hashtags: ["a", "#b"], plannedAt: when });
  expect(await edited.json()).toMatchObject({ item: { caption: "Fresh copy", hashtags: ["a", "b"], plannedAt: when } });

  const bulk = await api("POST", `/batches/${batch.id}/approve`, token);
  expect(await bulk.json()).toEqual({ batchId: batch.id, approved: 2, unchanged: 0 });

  const stranger = createApiToken(ctx.db, makeUser(ctx).id, "x", ctx.clock.now()).token;
  for (const [m, p] of [
    ["GET", `/content/${extra.id}`],
    ["POST", `/content/${extra.id}/approve`],
    ["POST", `/content/${extra.id}/reject`],
    ["PATCH", `/content/${extra.id}`],
    ["POST", `/batches/${batch.id}/approve`],
  ] as const) {
    const r = await api(m, p, stranger, m === "PATCH" ? { caption: "hijack" } : undefined);
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe("not_found");
  }
  const anon = await app.handle(new Request("http://localhost:3000/api/v1/content"));
  expect(anon.status).toBe(401);
});
