import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { runResearch, type ResearchTarget } from "../../src/agents/research";
import { parseRobots, robotsAllows } from "../../src/agents/research/robots";
import { parseFeed } from "../../src/agents/research/parse-feed";
import { startResearchSites, type ResearchSites } from "../sites/research-sites";
import { startTestSites, type TestSites } from "../sites/server";
import { makeTestContext } from "../support/context";
import { seedApp } from "../pipeline/support";
import { FixedAnswerGateway, NoProviderGateway } from "./fixtures";
import { PANTRY_ATOM, PANTRY_RSS } from "../sites/research-pages";

let sites: ResearchSites;
let other: TestSites;
beforeAll(() => {
  sites = startResearchSites();
  other = startTestSites();
});
afterAll(() => {
  sites.stop();
  other.stop();
});

function target(id: number, url: string, extra: Partial<ResearchTarget> = {}): ResearchTarget {
  return { id, userId: 1, name: "Pantry Pal", url, description: "", audience: "", voice: "", keywords: [], feeds: [], ...extra };
}

describe("research agent", () => {
  test("extracts facts from the home page and same-origin product pages, honouring robots.txt", async () => {
    const ctx = makeTestContext();
    try {
      const { webappId } = seedApp(ctx, { url: sites.url("/") });
      const out = await runResearch(
        ctx,
        new NoProviderGateway(),
        target(webappId, sites.url("/"), { feeds: [sites.url("/blog/atom.xml"), sites.url("/news.rss")] }),
      );
      expect(out.cached).toBe(false);
      expect(out.writer).toBe("builtin");
      expect(out.facts.whatItDoes).toContain("turns what is already in your fridge into a week of dinners");
      expect(out.facts.audience).toBe("busy parents");
      expect(out.facts.features).toContain("Barcode scanning for groceries");
      expect(out.facts.features).toContain("Leftover alerts before food goes off");
      expect(out.facts.proofPoints.some((p) => p.includes("12,000 home cooks"))).toBe(true);
      expect(out.facts.proofPoints.some((p) => p.includes("half as much food"))).toBe(true);
      expect(out.facts.pricing).toEqual(expect.arrayContaining(["Free plan", "$4.99/month"]));
      expect(JSON.stringify(out.facts)).not.toContain("$999"); // script content is not text
      expect(JSON.stringify(out.facts)).not.toContain("Golden Spoon"); // robots.txt forbids /private/
      expect(sites.hits.get("/private/roadmap")).toBeUndefined();
      expect(sites.hits.get("/login")).toBeUndefined();
      expect(out.pagesRead.length).toBeGreaterThanOrEqual(3);
      expect(out.trends.map((t) => t.title)).toEqual([
        "Five dinners from one roast chicken",
        "Why we love frozen peas",
        "Pantry Pal now scans receipts",
        "Spring recipes are here & they're green",
      ]);
    } finally {
      ctx.cleanup();
    }
  });

  test("an unchanged site reuses cached facts; the model is not asked again", async () => {
    const ctx = makeTestContext();
    try {
      const { webappId } = seedApp(ctx, { url: sites.url("/ledgerly/") });
      const llm = new FixedAnswerGateway(() => ({
        name: "Ledgerly",
        url: "x",
        whatItDoes: "Bookkeeping that does itself.",
        audience: "freelancers",
        features: ["Quarterly tax estimates"],
        proofPoints: ["Rated 4.8 stars from 900 reviews", "Used by 50,000 companies"],
        pricing: ["$19/month"],
        tone: "professional",
        keywords: ["bookkeeping"],
      }));
      const first = await runResearch(ctx, llm, target(webappId, sites.url("/ledgerly/"), { name: "Ledgerly" }));
      expect(first.writer).toBe("fixed:fixed-1");
      // Invented claims from the model are dropped: they are not on the site.
      expect(first.facts.proofPoints).toEqual(["Rated 4.8 stars from 900 reviews"]);
      expect(first.facts.pricing).toEqual([]);
      const second = await runResearch(ctx, llm, target(webappId, sites.url("/ledgerly/"), { name: "Ledgerly" }));
      expect(second.cached).toBe(true);
      expect(second.facts).toEqual(first.facts);
      expect(llm.requests.length).toBe(1);
    } finally {
      ctx.cleanup();
    }
  });

  test("a site without og tags still gives facts from its text", async () => {
    const ctx = makeTestContext();
    try {
      const { webappId } = seedApp(ctx, { url: sites.url("/ledgerly/") });
      const out = await runResearch(ctx, new NoProviderGateway(), target(webappId, sites.url("/ledgerly/"), { name: "Ledgerly" }));
      expect(out.facts.whatItDoes).toContain("connects to your bank");
      expect(out.facts.audience).toBe("independent freelancers");
      expect(out.facts.features).toEqual(expect.arrayContaining(["Automatic expense categories", "Quarterly tax estimates"]));
      expect(out.facts.proofPoints).toContain("Rated 4.8 stars from 900 reviews.");
    } finally {
      ctx.cleanup();
    }
  });

  test("errors are clear: redirect loop, non-HTML page, slow page, huge page", async () => {
    const ctx = makeTestContext({ AMARKTAI_FETCH_TIMEOUT_MS: "1000", AMARKTAI_FETCH_MAX_BYTES: "200000" });
    try {
      const { webappId } = seedApp(ctx, { url: other.url("/loop-a") });
      const cases: [string, RegExp][] = [
        ["/loop-a", /redirected more than 5 times/],
        ["/image.png", /is not a web page/],
        ["/slow", /took longer than/],
        ["/huge", /larger than/],
      ];
      for (const [path, re] of cases) {
        const err = await runResearch(ctx, new NoProviderGateway(), target(webappId, other.url(path))).catch((e: Error) => e);
        expect(err).toBeInstanceOf(Error);
        expect((err as Error).message).toMatch(re);
        expect((err as Error).message).toContain("Add a description");
      }
      // With a description, an unreadable site still gives facts (from the settings) and says why.
      const out = await runResearch(
        ctx,
        new NoProviderGateway(),
        target(webappId, other.url("/loop-a"), { description: "Invoices in one click." }),
      );
      expect(out.facts.whatItDoes).toBe("Invoices in one click.");
      expect(out.problems[0]).toMatch(/Could not read the site/);
    } finally {
      ctx.cleanup();
    }
  });

  test("robots.txt rules: our group or *, longest match wins, Allow wins ties", () => {
    const r = parseRobots(
      "User-agent: *\nDisallow: /private\nAllow: /private/ok\n\nUser-agent: AmarktaiBot\nDisallow: /nobots$\n",
      "AmarktaiBot",
    );
    expect(robotsAllows(r, "/private/x")).toBe(true); // our own group applies, not *
    expect(robotsAllows(r, "/nobots")).toBe(false);
    const star = parseRobots("User-agent: *\nDisallow: /private\nAllow: /private/ok\n", "AmarktaiBot");
    expect(robotsAllows(star, "/private/x")).toBe(false);
    expect(robotsAllows(star, "/private/ok/1")).toBe(true);
    expect(robotsAllows(star, "/")).toBe(true);
  });

  test("feeds: RSS and Atom items with absolute links and ISO dates", () => {
    const atom = parseFeed(PANTRY_ATOM, "https://pantry.example/blog/atom.xml", 10);
    expect(atom[0]).toEqual({
      title: "Five dinners from one roast chicken",
      url: "https://pantry.example/blog/roast-chicken",
      publishedAt: "2026-02-27T09:00:00.000Z",
      feed: "https://pantry.example/blog/atom.xml",
    });
    const rss = parseFeed(PANTRY_RSS, "https://pantry.example/news.rss", 1);
    expect(rss).toHaveLength(1);
    expect(rss[0]!.url).toBe("https://pantry.example/news/receipts");
  });
});

test("the whole-site time cap applies even when one page is slow", async () => {
  const ctx = makeTestContext({ AMARKTAI_PIPELINE_RESEARCH_MAX_SECONDS: "2", AMARKTAI_FETCH_TIMEOUT_MS: "60000" });
  try {
    const { webappId } = seedApp(ctx, { url: other.url("/slow") });
    const err = await runResearch(ctx, new NoProviderGateway(), target(webappId, other.url("/slow"))).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/took longer than 2 s \(pipeline.research_max_seconds\)/);
  } finally {
    ctx.cleanup();
  }
});
