import { afterEach, beforeEach, expect, test } from "bun:test";
import { createApiToken } from "../../src/api/tokens";
import { findUserById } from "../../src/users/store";
import { createApp } from "../../src/server/app";
import { makeTestContext } from "../support/context";
import { authedGet, formPost, makeUser, makeWebapp, signIn } from "../support/content-factories";
import { pdfText, seedTwoWeeks } from "./helpers";

let ctx: ReturnType<typeof makeTestContext>;
let app: ReturnType<typeof createApp>;
beforeEach(() => {
  ctx = makeTestContext();
  ctx.clock.set(new Date("2026-03-10T09:00:00Z"));
  app = createApp(ctx);
});
afterEach(() => ctx.cleanup());

const api = (path: string, token?: string) =>
  app.handle(new Request(`http://localhost:3000${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }));

test("GET /reports/week.pdf downloads the signed-in user's report; someone else's web app is 404; no session goes to sign-in", async () => {
  const { user, app: webapp } = await seedTwoWeeks(ctx);
  const other = makeUser(ctx);
  const foreign = makeWebapp(ctx, other.id, "Not Yours");
  const s = signIn(ctx, user.id);
  const res = await app.handle(authedGet("/reports/week.pdf", s));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  expect(res.headers.get("content-disposition")).toBe('attachment; filename="report-week-2026-03-02.pdf"');
  expect(pdfText(Buffer.from(await res.arrayBuffer()))).toContain("8,345");
  const one = await app.handle(authedGet(`/reports/month.pdf?webapp_id=${webapp.id}`, s));
  expect(one.status).toBe(200);
  expect(pdfText(Buffer.from(await one.arrayBuffer()))).toContain("February 2026");
  expect((await app.handle(authedGet(`/reports/week.pdf?webapp_id=${foreign.id}`, s))).status).toBe(404);
  expect((await app.handle(authedGet("/reports/year.pdf", s))).status).toBe(404);
  const anon = await app.handle(new Request("http://localhost:3000/reports/week.pdf"));
  expect(anon.status).toBe(303);
  expect(anon.headers.get("location")).toStartWith("/login");
});

test("GET /api/v1/reports/<period>.pdf is scoped to the token's user and documented", async () => {
  const { user, app: webapp } = await seedTwoWeeks(ctx);
  const other = makeUser(ctx);
  const foreign = makeWebapp(ctx, other.id, "Not Yours");
  const token = createApiToken(ctx.db, user.id, "reports", ctx.clock.now()).token;
  const res = await api(`/api/v1/reports/week.pdf?webapp_id=${webapp.id}`, token);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  const text = pdfText(Buffer.from(await res.arrayBuffer()));
  expect(text).toContain("Café Lumière");
  expect(text).toContain("8,345");
  const otherToken = createApiToken(ctx.db, other.id, "other", ctx.clock.now()).token;
  const theirs = pdfText(Buffer.from(await (await api("/api/v1/reports/week.pdf", otherToken)).arrayBuffer()));
  expect(theirs).toContain("There was nothing to measure");
  expect(theirs).not.toContain("Café Lumière");
  const notFound = await api(`/api/v1/reports/week.pdf?webapp_id=${foreign.id}`, token);
  expect(notFound.status).toBe(404);
  expect(((await notFound.json()) as { error: { code: string } }).error.code).toBe("not_found");
  const second = makeWebapp(ctx, user.id, "Second Shop");
  const both = await api(`/api/v1/reports/week.pdf?webapp_id=${webapp.id},${second.id}`, token);
  expect(pdfText(Buffer.from(await both.arrayBuffer()))).toContain("Café Lumière, Second Shop");
  expect((await api(`/api/v1/reports/week.pdf?webapp_id=${webapp.id},${foreign.id}`, token)).status).toBe(404);
  const bad = await api("/api/v1/reports/week.pdf?webapp_id=abc", token);
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: { field: string } }).error.field).toBe("webapp_id");
  expect((await api("/api/v1/reports/year.pdf", token)).status).toBe(404);
  expect((await api("/api/v1/reports/week.pdf")).status).toBe(401);
  const doc = (await (await api("/api/v1/openapi.json")).json()) as { paths: Record<string, { get?: { operationId: string } }> };
  expect(doc.paths["/api/v1/reports/{file}"]?.get?.operationId).toBe("getReportPdf");
});

test("the settings page sets how often the report email comes (htmx and plain form); a made-up value is refused", async () => {
  const user = makeUser(ctx);
  const s = signIn(ctx, user.id);
  const page = await (await app.handle(authedGet("/settings", s))).text();
  expect(page).toContain('id="report"');
  expect(page).toContain('<option value="weekly" selected>');
  expect(page).toContain('href="/reports/week.pdf"');
  const htmx = await app.handle(formPost("/settings/report", s, { frequency: "monthly" }, { htmx: true }));
  expect(htmx.status).toBe(200);
  expect(await htmx.text()).toContain("Report email setting saved.");
  expect(findUserById(ctx.db, user.id)!.reportFrequency).toBe("monthly");
  const plain = await app.handle(formPost("/settings/report", s, { frequency: "off" }));
  expect(plain.status).toBe(303);
  expect(plain.headers.get("location")).toBe("/settings?saved=report");
  expect(findUserById(ctx.db, user.id)!.reportFrequency).toBe("off");
  expect(await (await app.handle(authedGet("/settings?saved=report", s))).text()).toContain("Report email setting saved.");
  const bad = await app.handle(formPost("/settings/report", s, { frequency: "hourly" }, { htmx: true }));
  expect(bad.status).toBe(422);
  expect(findUserById(ctx.db, user.id)!.reportFrequency).toBe("off");
});
