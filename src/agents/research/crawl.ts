import type { Config } from "../../config/schema";
import { FetchProblem, HTML_TYPES, safeFetch } from "../../net/safe-fetch";
import { parsePage, type PageText } from "./parse-page";
import { parseRobots, robotsAllows, type RobotsRules } from "./robots";

/** Limits for reading one site. */
export interface CrawlLimits {
  maxPages: number;
  totalMs: number;
  maxBytesPerPage: number;
}

/** The pages read from a site and what could not be read. */
export interface CrawlResult {
  pages: PageText[];
  problems: string[];
}

const ASSET_RE = /\.(png|jpe?g|gif|svg|webp|ico|css|js|pdf|zip|mp4|mp3|woff2?|xml|json|txt)$/i;
const USEFUL_RE = /(feature|pricing|price|plans?|about|product|how|why|tour|customers?|testimonials?|use-cases?)/i;
const SKIP_RE = /(login|log-in|signin|sign-in|signup|sign-up|register|cart|checkout|account|logout|terms|privacy|legal|cookie)/i;

/**
 * Reads the home page, then up to `maxPages` same-origin pages it links to (product pages first),
 * honouring robots.txt and the time and size caps. The home page must load; other pages may fail.
 */
export async function crawlSite(fetchCfg: Config["fetch"], homeUrl: string, limits: CrawlLimits): Promise<CrawlResult> {
  const signal = AbortSignal.timeout(limits.totalMs);
  const problems: string[] = [];
  const robots = await readRobots(fetchCfg, homeUrl, signal);
  const home = new URL(homeUrl);
  if (!robotsAllows(robots, home.pathname + home.search)) {
    throw new FetchProblem(
      "http_error",
      `${homeUrl} asks robots not to read it (robots.txt), so we did not. Allow "${fetchCfg.user_agent.split("/")[0]}" in robots.txt, or fill in the app's description by hand.`,
      homeUrl,
    );
  }
  const first = await safeFetch(fetchCfg, homeUrl, { accept: HTML_TYPES, maxBytes: limits.maxBytesPerPage, signal }).catch((e: unknown) => {
    if (e instanceof FetchProblem || !signal.aborted) throw e;
    throw new FetchProblem(
      "timeout",
      `Reading ${homeUrl} took longer than ${Math.round(limits.totalMs / 1000)} s (pipeline.research_max_seconds), so we gave up. Check that the site is online, or try again later.`,
      homeUrl,
    );
  });
  const pages = [await parsePage(first.text(), first.url)];
  const origin = new URL(first.url).origin;
  for (const url of candidateLinks(pages[0]!.links, origin, first.url).slice(0, limits.maxPages * 3)) {
    if (pages.length > limits.maxPages) break;
    if (signal.aborted) {
      problems.push(
        `Stopped reading ${origin} after ${Math.round(limits.totalMs / 1000)} s; used the ${pages.length} page(s) read so far.`,
      );
      break;
    }
    const u = new URL(url);
    if (!robotsAllows(robots, u.pathname + u.search)) continue;
    try {
      const res = await safeFetch(fetchCfg, url, { accept: HTML_TYPES, maxBytes: limits.maxBytesPerPage, signal });
      if (new URL(res.url).origin === origin) pages.push(await parsePage(res.text(), res.url));
    } catch (e) {
      if (e instanceof FetchProblem && e.code !== "not_html") problems.push(e.message);
    }
  }
  return { pages, problems };
}

function candidateLinks(links: string[], origin: string, self: string): string[] {
  const seen = new Set<string>([normalize(self)]);
  const out: string[] = [];
  for (const l of links) {
    let u: URL;
    try {
      u = new URL(l);
    } catch {
      continue;
    }
    if (u.origin !== origin || ASSET_RE.test(u.pathname) || SKIP_RE.test(u.pathname)) continue;
    const key = normalize(u.toString());
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(key);
  }
  // Product pages (features, pricing, about) tell us most; read them first.
  return out.sort((a, b) => Number(USEFUL_RE.test(new URL(b).pathname)) - Number(USEFUL_RE.test(new URL(a).pathname)));
}

function normalize(url: string): string {
  const u = new URL(url);
  u.hash = "";
  return u.toString();
}

async function readRobots(fetchCfg: Config["fetch"], homeUrl: string, signal: AbortSignal): Promise<RobotsRules> {
  try {
    const res = await safeFetch(fetchCfg, new URL("/robots.txt", homeUrl).toString(), { maxBytes: 500_000, signal, timeoutMs: 5000 });
    return parseRobots(res.text(), fetchCfg.user_agent.split("/")[0]!);
  } catch {
    // No robots.txt (or an unreadable one) means no restrictions, as the robots standard says.
    return { allow: [], disallow: [] };
  }
}
