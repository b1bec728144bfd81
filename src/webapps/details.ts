import type { AppContext } from "../app/context";
import { FetchProblem, HTML_TYPES, parseUserUrl, safeFetch, type FetchProblemCode } from "../net/safe-fetch";
import { extractMetadata, type PageMetadata } from "./metadata";
import { normalizeInput, validateWebapp } from "./validate";

/** The outcome of reading a web app's landing page: its details, or why the URL cannot be used. */
export type PageDetailsResult =
  | { ok: true; url: string; finalUrl: string; meta: PageMetadata }
  | { ok: false; field: "url"; code: FetchProblemCode; message: string };

/** Fetches a landing page (safely) and reads its name, description, share image, theme colour, icon and feeds. */
export async function fetchPageDetails(ctx: AppContext, rawUrl: string): Promise<PageDetailsResult> {
  try {
    const url = parseUserUrl(rawUrl).href;
    const page = await safeFetch(ctx.config.fetch, url, { accept: HTML_TYPES });
    const meta = tidyMetadata(await extractMetadata(page.text(), page.url), page.url);
    return { ok: true, url, finalUrl: page.url, meta };
  } catch (e) {
    if (e instanceof FetchProblem) return { ok: false, field: "url", code: e.code, message: e.message };
    throw e;
  }
}

// Values read from someone else's page must pass our own rules; ones that do not are dropped or shortened.
function tidyMetadata(meta: PageMetadata, pageUrl: string): PageMetadata {
  const name = (meta.name || new URL(pageUrl).hostname.replace(/^www\./, "")).slice(0, 100);
  const description = meta.description.slice(0, 2000);
  const keep = (field: "ogImageUrl" | "faviconUrl" | "themeColor") =>
    validateWebapp(normalizeInput({ [field]: meta[field] })) ? "" : meta[field];
  const feeds = meta.feeds.filter((f) => !validateWebapp({ feeds: [f] })).slice(0, 20);
  return { name, description, ogImageUrl: keep("ogImageUrl"), faviconUrl: keep("faviconUrl"), themeColor: keep("themeColor"), feeds };
}
