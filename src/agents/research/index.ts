import { createHash } from "node:crypto";
import type { AppContext } from "../../app/context";
import type { LlmGateway } from "../../llm/types";
import { allowedText, unsupportedClaims } from "../creative/claims";
import { crawlSite } from "./crawl";
import { extractFacts, type AppProfile } from "./extract";
import { ProductFactsSchema, type ProductFacts, type ResearchOutput } from "./facts";
import { readFeeds } from "./feeds";
import type { PageText } from "./parse-page";
import { findCachedFacts, saveFacts } from "./store";

/** The web app fields research reads. */
export interface ResearchTarget extends AppProfile {
  id: number;
  userId: number;
  feeds: string[];
  /** The pipeline run doing the research (logged with the model call). */
  runId?: number;
}

/**
 * Reads the app's site and feeds and returns its product facts: from cache when the site is unchanged,
 * else from the model when one answers, else from the built-in extractor.
 */
export async function runResearch(ctx: AppContext, llm: LlmGateway, app: ResearchTarget): Promise<ResearchOutput> {
  const cfg = ctx.config.pipeline;
  const problems: string[] = [];
  let pages: PageText[] = [];
  try {
    const crawl = await crawlSite(ctx.config.fetch, app.url, {
      maxPages: cfg.research_max_pages,
      totalMs: cfg.research_max_seconds * 1000,
      maxBytesPerPage: ctx.config.fetch.max_bytes,
    });
    pages = crawl.pages;
    problems.push(...crawl.problems);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (!app.description)
      throw new Error(
        `Research could not read ${app.url}: ${msg} Add a description in the web app's settings so posts can be written without the site.`,
      );
    problems.push(`Could not read the site, so the facts come from the web app's settings only: ${msg}`);
  }
  const feeds = await readFeeds(ctx.config.fetch, app.feeds, cfg.feed_max_items);
  problems.push(...feeds.problems);
  const hash = contentHash(pages, app);
  const cached = findCachedFacts(ctx.db, app.id, hash);
  if (cached)
    return {
      facts: cached.facts,
      trends: feeds.items,
      cached: true,
      contentHash: hash,
      pagesRead: pages.map((p) => p.url),
      problems,
      writer: cached.writer,
    };
  const builtin = extractFacts(pages, app);
  const model = pages.length > 0 ? await modelFacts(llm, app, pages, builtin) : undefined;
  const facts = model?.facts ?? builtin;
  const writer = model?.writer ?? "builtin";
  saveFacts(ctx.db, app.id, hash, facts, writer, ctx.clock.now());
  return { facts, trends: feeds.items, cached: false, contentHash: hash, pagesRead: pages.map((p) => p.url), problems, writer };
}

/** SHA-256 of the text we read plus the app's own settings: the same site and settings give the same facts. */
export function contentHash(pages: PageText[], app: AppProfile): string {
  const h = createHash("sha256");
  h.update(JSON.stringify({ app: [app.name, app.url, app.description, app.audience, app.voice, app.keywords] }));
  for (const p of pages)
    h.update(JSON.stringify([p.url, p.title, p.description, p.ogDescription, p.headings, p.paragraphs, p.listItems, p.quotes]));
  return h.digest("hex");
}

async function modelFacts(
  llm: LlmGateway,
  app: ResearchTarget,
  pages: PageText[],
  builtin: ProductFacts,
): Promise<{ facts: ProductFacts; writer: string } | undefined> {
  const siteText = pages
    .map((p) => [p.url, p.title, p.description, ...p.headings, ...p.paragraphs, ...p.listItems, ...p.quotes].join("\n"))
    .join("\n\n")
    .slice(0, 24_000);
  const res = await llm.generateStructured({
    userId: app.userId,
    agent: "research",
    runId: app.runId,
    system:
      "You extract product facts from a web site for a marketer. Copy numbers, prices, awards and testimonials exactly as the site states them; never add any. Leave a field empty when the site does not say.",
    prompt: `Product name: ${app.name}\nURL: ${app.url}\nOwner's description: ${app.description}\n\nSite text:\n${siteText}`,
    schema: ProductFactsSchema,
    maxTokens: 1200,
  });
  if (res.kind === "fallback") return undefined;
  // A model may still slip: keep only proof points and prices whose claims appear on the site.
  const allowed = allowedText(builtin, [siteText]);
  const grounded = (xs: string[]) => xs.filter((x) => unsupportedClaims(x, allowed).length === 0);
  const facts: ProductFacts = {
    ...res.data,
    name: app.name || res.data.name,
    url: app.url,
    proofPoints: grounded(res.data.proofPoints),
    pricing: grounded(res.data.pricing),
  };
  return { facts, writer: `${res.provider}:${res.model}` };
}
