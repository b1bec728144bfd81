import { createHash } from "node:crypto";
import type { AppContext } from "../../app/context";
import type { LlmGateway } from "../../llm/types";
import { crawlSite } from "./crawl";
import { extractFacts, type AppProfile } from "./extract";
import { ProductFactsSchema, type ProductFacts, type ResearchOutput } from "./facts";
import { readFeeds } from "./feeds";
import { groundFacts } from "./ground";
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
  if (cached?.facts.snippets)
    return {
      // Checked again on every read: a cached answer can never carry more than the site supports.
      facts: groundFacts(cached.facts, cached.facts.snippets).facts,
      trends: feeds.items,
      cached: true,
      contentHash: hash,
      pagesRead: pages.map((p) => p.url),
      problems,
      writer: cached.writer,
    };
  const extracted = extractFacts(pages, app);
  const builtin = groundFacts(extracted, extracted.snippets ?? [], false).facts;
  const model = pages.length > 0 ? await modelFacts(llm, app, pages, builtin) : undefined;
  const facts = model?.facts ?? builtin;
  const writer = model?.writer ?? "builtin";
  if (model && model.dropped.length > 0)
    problems.push(
      `The model's research answer said things the site does not: ${model.dropped.map((d) => `"${d}"`).join(", ")}; they were left out.`,
    );
  saveFacts(ctx.db, app.id, hash, facts, writer, ctx.clock.now());
  return { facts, trends: feeds.items, cached: false, contentHash: hash, pagesRead: pages.map((p) => p.url), problems, writer };
}

/** Bumped when research reads pages differently, so facts cached by an older reader are not reused. */
const READER_VERSION = 2;

/** SHA-256 of the text we read plus the app's own settings: the same site and settings give the same facts. */
export function contentHash(pages: PageText[], app: AppProfile): string {
  const h = createHash("sha256");
  h.update(JSON.stringify({ v: READER_VERSION, app: [app.name, app.url, app.description, app.audience, app.voice, app.keywords] }));
  for (const p of pages)
    h.update(JSON.stringify([p.url, p.title, p.description, p.ogDescription, p.headings, p.paragraphs, p.listItems, p.quotes]));
  return h.digest("hex");
}

async function modelFacts(
  llm: LlmGateway,
  app: ResearchTarget,
  pages: PageText[],
  builtin: ProductFacts,
): Promise<{ facts: ProductFacts; writer: string; dropped: string[] } | undefined> {
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
  // A model may slip in any field: each fact is kept only where a sentence of the site (or the owner's settings) supports it.
  const grounded = groundFacts(
    {
      ...res.data,
      name: builtin.name,
      url: app.url,
      language: builtin.language,
      plans: builtin.plans,
      testimonials: builtin.testimonials,
      proof: builtin.proof,
      snippets: builtin.snippets,
    },
    builtin.snippets ?? [],
  );
  const facts = { ...grounded.facts, keywords: [...new Set([...app.keywords, ...grounded.facts.keywords])].slice(0, 10) };
  return { facts, writer: `${res.provider}:${res.model}`, dropped: grounded.dropped };
}
