import { afterAll, beforeAll, expect, test } from "bun:test";
import { isShortCode, newShortCode } from "../../src/clicks/code";
import { planLink } from "../../src/clicks/links";
import { shortLinksActive, unreachableBaseUrlReason } from "../../src/clicks/reach";
import { findShortLink, insertShortLink, itemClickCount, itemShortLinks } from "../../src/clicks/store";
import { JobWorker } from "../../src/jobs/worker";
import { handlersOf } from "../../src/jobs/declare";
import { pipelineJobHandler } from "../../src/pipeline/handler";
import { requestRun } from "../../src/pipeline/start";
import { batchItems } from "../../src/pipeline/store";
import { createApp } from "../../src/server/app";
import { NoProviderGateway } from "../agents/fixtures";
import { seedApp } from "../pipeline/support";
import { startResearchSites, type ResearchSites } from "../sites/research-sites";
import { makeTestContext } from "../support/context";
import { makeItem, makeUser, makeWebapp } from "../support/content-factories";

let sites: ResearchSites;
beforeAll(() => (sites = startResearchSites()));
afterAll(() => sites.stop());

const PUBLIC = "https://amk.example.com";

test("codes are at most 10 base62 characters and do not repeat", () => {
  const codes = new Set(Array.from({ length: 5000 }, newShortCode));
  expect(codes.size).toBe(5000);
  for (const c of codes) expect(c).toMatch(/^[0-9A-Za-z]{10}$/);
  expect(isShortCode("abc/../x")).toBe(false);
});

test("public_base_url on localhost, a private address or a local name is not reachable by the audience", () => {
  for (const url of [
    "http://localhost:3000",
    "http://app.localhost",
    "http://127.0.0.1:3000",
    "http://10.1.2.3",
    "http://192.168.1.20:8080",
    "http://172.20.0.5",
    "http://[::1]:3000",
    "http://[fd12::1]",
    "http://amarktai.local",
    "http://nas",
  ])
    expect(unreachableBaseUrlReason(url)).toContain("would not work for your audience");
  expect(unreachableBaseUrlReason(PUBLIC)).toBeUndefined();
  expect(unreachableBaseUrlReason("http://203.0.113.10:3000")).toBeUndefined();
});

test("short links are planned only when tracking.short_links is on and the base URL is reachable; otherwise the plain UTM URL", () => {
  const utm = "https://notes.example.com/?utm_source=x&utm_content=2026-03-02-A";
  const on = { tracking: { short_links: true }, server: { public_base_url: `${PUBLIC}/` } } as never;
  const planned = planLink(on, utm);
  expect(planned.linkUrl).toBe(`${PUBLIC}/r/${planned.code}`);
  expect(shortLinksActive(on)).toBe(true);
  const off = { tracking: { short_links: false }, server: { public_base_url: PUBLIC } } as never;
  expect(planLink(off, utm)).toEqual({ linkUrl: utm, targetUrl: utm });
  const local = { tracking: { short_links: true }, server: { public_base_url: "http://192.168.1.20:3000" } } as never;
  expect(planLink(local, utm)).toEqual({ linkUrl: utm, targetUrl: utm });
});

async function runOnce(env: Record<string, string>) {
  const ctx = makeTestContext(env);
  const { webappId } = seedApp(ctx, { url: sites.url("/"), timezone: "Europe/Berlin", feeds: [] });
  const req = requestRun(ctx, { webappId, trigger: "cli" })!;
  await new JobWorker(ctx.db, ctx.clock, handlersOf([pipelineJobHandler(ctx, new NoProviderGateway())])).drain();
  return { ctx, items: batchItems(ctx.db, req.run.batchId) };
}

test("a nightly run gives each new post a short link to its UTM URL when the base URL is public", async () => {
  const { ctx, items } = await runOnce({ AMARKTAI_SERVER_PUBLIC_BASE_URL: PUBLIC });
  try {
    expect(items.length).toBeGreaterThan(0);
    for (const it of items) {
      const code = /^https:\/\/amk\.example\.com\/r\/([0-9A-Za-z]{10})$/.exec(it.linkUrl ?? "")?.[1];
      expect(code).toBeDefined();
      const link = findShortLink(ctx.db, code!)!;
      expect(link.itemId).toBe(it.id);
      const target = new URL(link.targetUrl);
      expect(target.searchParams.get("utm_content")).toBe(`2026-03-02-${it.variant}`);
      expect(target.searchParams.get("utm_source")).toBeTruthy();
      expect(itemShortLinks(ctx.db, it.id)).toHaveLength(1);
    }
  } finally {
    ctx.cleanup();
  }
});

test("with a private base URL (or short links off) new posts carry the plain UTM URL and no short link", async () => {
  const envs: Record<string, string>[] = [
    { AMARKTAI_SERVER_PUBLIC_BASE_URL: "http://192.168.1.20:3000" },
    { AMARKTAI_SERVER_PUBLIC_BASE_URL: PUBLIC, AMARKTAI_TRACKING_SHORT_LINKS: "false" },
  ];
  for (const env of envs) {
    const { ctx, items } = await runOnce(env);
    try {
      expect(items.length).toBeGreaterThan(0);
      for (const it of items) {
        expect(it.linkUrl).not.toContain("/r/");
        expect(new URL(it.linkUrl!).searchParams.get("utm_content")).toBe(`2026-03-02-${it.variant}`);
        expect(itemShortLinks(ctx.db, it.id)).toHaveLength(0);
      }
    } finally {
      ctx.cleanup();
    }
  }
});

test("with tracking.short_links off, links already posted still redirect but count nothing", async () => {
  const ctx = makeTestContext({ AMARKTAI_TRACKING_SHORT_LINKS: "false", AMARKTAI_SERVER_PUBLIC_BASE_URL: PUBLIC });
  try {
    const u = makeUser(ctx);
    const item = makeItem(ctx, { userId: u.id, webappId: makeWebapp(ctx, u.id).id });
    insertShortLink(
      ctx.db,
      { code: "Off1234567", itemId: item.id, userId: u.id, targetUrl: "https://notes.example.com/?utm_source=x" },
      ctx.clock.now(),
    );
    const res = await createApp(ctx).handle(
      new Request("http://localhost:3000/r/Off1234567", { headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0" } }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("https://notes.example.com/?utm_source=x");
    expect(itemClickCount(ctx.db, item.id)).toBe(0);
  } finally {
    ctx.cleanup();
  }
});
