import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { contentHash, runResearch, type ResearchTarget } from "../../src/agents/research";
import { crawlSite } from "../../src/agents/research/crawl";
import { parsePrice } from "../../src/agents/research/structure";
import { saveFacts } from "../../src/agents/research/store";
import { startResearchSites, type ResearchSites } from "../sites/research-sites";
import { makeTestContext } from "../support/context";
import { seedApp } from "../pipeline/support";
import { LYING_RESEARCH } from "../fakes/lying-model";
import { FixedAnswerGateway, NoProviderGateway } from "./fixtures";

let sites: ResearchSites;
beforeAll(() => {
  sites = startResearchSites();
});
afterAll(() => sites.stop());

function target(id: number, path: string, extra: Partial<ResearchTarget> = {}): ResearchTarget {
  return { id, userId: 1, name: "", url: sites.url(path), description: "", audience: "", voice: "", keywords: [], feeds: [], ...extra };
}

async function research(path: string, extra: Partial<ResearchTarget> = {}, llm = new NoProviderGateway()) {
  const ctx = makeTestContext();
  try {
    const { webappId } = seedApp(ctx, { url: sites.url(path) });
    return await runResearch(ctx, llm, target(webappId, path, extra));
  } finally {
    ctx.cleanup();
  }
}

describe("research reads the page's structure", () => {
  test("an SEO title gives the brand, a section heading is not a feature, a plan's limits stay with the plan", async () => {
    const { facts } = await research("/hitop/", { name: "HITOP - Postman Alternative | HTTP API Client" });
    expect(facts.name).toBe("HITOP");
    expect(facts.features).toEqual(
      expect.arrayContaining(["Collections you can share", "Environments per project", "Responses under 2 MB open instantly"]),
    );
    expect(facts.features.join(" | ")).not.toContain("Why teams switch");
    expect(facts.features.join(" | ")).not.toContain("workspaces");
    expect(facts.features.join(" | ")).not.toContain("Mock servers");
    expect(facts.plans).toEqual([
      expect.objectContaining({
        name: "Free",
        amount: "0",
        currency: "€",
        includes: [],
        limits: ["Up to 3 workspaces", "History of 7 days"],
      }),
      expect.objectContaining({
        name: "Pro",
        price: "20€ / month",
        amount: "20",
        currency: "€",
        period: "month",
        includes: ["Mock servers"],
        limits: ["Up to 10 team members"],
      }),
      expect.objectContaining({
        name: "Team",
        price: "$49/month",
        amount: "49",
        currency: "$",
        period: "month",
        includes: ["Single sign-on"],
      }),
    ]);
    expect(facts.pricing).toEqual(expect.arrayContaining(["20€ / month", "$49/month"]));
    expect(facts.testimonials).toEqual([
      {
        quote: "HITOP replaced three tools on my desk.",
        person: "Jane Roe",
        role: "CTO at Acme",
        source: { url: sites.url("/hitop/"), text: "“HITOP replaced three tools on my desk.”" },
      },
    ]);
    expect(facts.proof).toContainEqual({
      number: "40,000",
      noun: "developers",
      sentence: "Used by 40,000 developers.",
      url: sites.url("/hitop/"),
    });
    expect(facts.language).toBe("en");
    // Every stored fact keeps its page and exact snippet.
    expect(facts.sources).toContainEqual({
      fact: "Collections you can share",
      url: sites.url("/hitop/"),
      snippet: "Collections you can share",
    });
    expect(facts.snippets).toContainEqual({ url: sites.url("/hitop/"), text: "Organise requests in 10 groups" });
  });

  test("a French site: html lang, a pricing table with the price after the amount, a quote whose footer names the person", async () => {
    const { facts } = await research("/cochez/");
    expect(facts.name).toBe("Cochez");
    expect(facts.language).toBe("fr");
    expect(facts.plans).toEqual([
      expect.objectContaining({ name: "Solo", amount: "0", includes: [], limits: ["Listes: jusqu'à 3 listes"] }),
      expect.objectContaining({
        name: "Famille",
        price: "9 € / mois",
        currency: "€",
        period: "month",
        includes: ["Listes: illimitées", "Partage"],
      }),
    ]);
    expect(facts.testimonials).toEqual([
      expect.objectContaining({
        quote: "Je ne fais plus les courses sans Cochez.",
        person: "Claire Martin",
        role: "mère de trois enfants",
      }),
    ]);
    expect(facts.pricing).toContain("9 € / mois");
  });

  test("a German site without lang: the language comes from the text; the brand from the title", async () => {
    const { facts } = await research("/zeitplan/");
    expect(facts.language).toBe("de");
    expect(facts.name).toBe("Zeitplan");
    expect(facts.plans).toEqual([
      expect.objectContaining({ name: "Basis", price: "12 € pro Monat", period: "month", limits: ["Bis zu 15 Mitarbeiter"] }),
    ]);
    expect(facts.features).not.toContain("Bis zu 15 Mitarbeiter");
  });
});

describe("a model's research answer is accepted only fact by fact", () => {
  test("invented features, audience and claims are dropped and said; what the site supports stays with its source", async () => {
    const out = await research("/hitop/", { name: "HITOP" }, new FixedAnswerGateway(() => LYING_RESEARCH));
    const f = out.facts;
    expect(out.writer).toBe("fixed:fixed-1");
    expect(f.name).toBe("HITOP");
    expect(f.whatItDoes).toBe("HITOP sends HTTP requests and shows the responses side by side.");
    expect(f.audience).toBe("");
    expect(f.features).toEqual(["Collections you can share"]);
    expect(f.proofPoints).toEqual(["Used by 40,000 developers"]);
    expect(f.pricing).toEqual(["20€ / month"]);
    expect(f.keywords).toEqual(["http client"]);
    expect(out.problems.join(" ")).toContain('"SOC 2 Type II certified"');
    expect(f.sources).toContainEqual({
      fact: "Used by 40,000 developers",
      url: sites.url("/hitop/"),
      snippet: "Used by 40,000 developers.",
    });
  });

  test("facts cached from an earlier night are checked again: a poisoned cache cannot feed later posts", async () => {
    const ctx = makeTestContext();
    try {
      const { webappId } = seedApp(ctx, { url: sites.url("/hitop/") });
      const app = target(webappId, "/hitop/", { name: "HITOP" });
      const clean = await runResearch(ctx, new NoProviderGateway(), app);
      const crawl = await crawlSite(ctx.config.fetch, app.url, { maxPages: 5, totalMs: 10_000, maxBytesPerPage: 1_000_000 });
      const hash = contentHash(crawl.pages, app);
      expect(hash).toBe(clean.contentHash);
      // Replace the cached row as an old night's unchecked model answer would have left it.
      ctx.db.$client.run("DELETE FROM research_facts");
      saveFacts(
        ctx.db,
        webappId,
        hash,
        { ...clean.facts, ...LYING_RESEARCH, name: "HITOP", url: app.url, tone: "technical" },
        "old:model",
        ctx.clock.now(),
      );
      const again = await runResearch(ctx, new NoProviderGateway(), app);
      expect(again.cached).toBe(true);
      expect(again.facts.features).toEqual(["Collections you can share"]);
      expect(again.facts.audience).toBe("");
      expect(JSON.stringify(again.facts.proofPoints)).not.toContain("10 hours");
    } finally {
      ctx.cleanup();
    }
  });
});

describe("prices and limits in Portuguese, Spanish and Italian", () => {
  test("a free plan named Grátis or Gratuito is free, and '/ mese', 'al mes', 'por mês' are monthly periods", () => {
    expect(parsePrice("Grátis")).toEqual({ price: "Grátis", amount: "0", currency: "", period: "" });
    expect(parsePrice("Gratuito per sempre")).toMatchObject({ amount: "0" });
    expect(parsePrice("29 € / mese")).toMatchObject({ amount: "29", currency: "€", period: "month" });
    expect(parsePrice("12 € al mes")).toMatchObject({ amount: "12", currency: "€", period: "month" });
    expect(parsePrice("R$ 19 por mês")).toMatchObject({ amount: "19", period: "month" });
    expect(parsePrice("99 € / anno")).toMatchObject({ amount: "99", period: "year" });
    // "Grátis" is a word of its own, not the start of one (no false free plan from "gratisfy").
    expect(parsePrice("Gratisfy")).toBeUndefined();
  });
});
