import { existsSync } from "node:fs";
import type { BrowserContext, Page, Route } from "playwright-core";
import type { Config } from "../config/schema";
import { FetchProblem, safeFetch, type SafeFetchOptions } from "../net/safe-fetch";

/** Screenshots of the app's own site: a desktop viewport and a tall mobile page (for scrolling scenes). */
export interface SiteShots {
  desktop?: Buffer;
  mobile?: Buffer;
  /** Blocks of the mobile page (headings, sections, list items) with their text, in screenshot pixels: scenes crop to the one they name. */
  mobileBlocks?: { y: number; h: number; text: string }[];
  /** Why there are none, for the item's notes (Chromium missing, page failed). */
  note?: string;
}

/** How the browser's requests are fetched: the DNS resolver and trusted origins passed to safeFetch (tests). */
export type ScreenshotFetchOptions = Pick<SafeFetchOptions, "resolve" | "trustedOrigins">;

const MOBILE_MAX_HEIGHT = 4000;
const MOBILE_SCALE = 2;

// Headings, sections, cards and list items with their words, top to bottom (CSS pixels), up to the captured height.
function pageBlocks(page: Page, maxY: number): Promise<{ y: number; h: number; text: string }[]> {
  return page.evaluate((limit) => {
    const out: { y: number; h: number; text: string }[] = [];
    for (const el of Array.from(document.querySelectorAll("h1, h2, h3, section, article, li, figure, p"))) {
      const r = el.getBoundingClientRect();
      const y = r.top + window.scrollY;
      const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 300);
      if (text && r.height >= 16 && y < limit) out.push({ y: Math.round(y), h: Math.round(r.height), text });
    }
    return out.slice(0, 200);
  }, maxY);
}

/**
 * Takes desktop (1440 wide) and mobile (430 wide, full page up to 4000 px) screenshots with headless Chromium.
 * Chromium itself opens no connection: every request it makes (the page, each redirect hop, images, scripts,
 * fetch/XHR) is fetched by safeFetch under the same address rules as any other user URL and handed back to
 * it; other methods than GET/HEAD, WebSockets and service workers are refused.
 */
export async function screenshotSite(
  config: Config,
  url: string,
  signal?: AbortSignal,
  o: ScreenshotFetchOptions = {},
): Promise<SiteShots> {
  if (!config.media.screenshots) return { note: "screenshots are turned off (media.screenshots)" };
  if (!existsSync(config.media.chromium_path)) return { note: `screenshots skipped: Chromium not found at ${config.media.chromium_path}` };
  // Loaded on first use: playwright-core costs ~60 MB of memory, and most of the time the app takes no screenshots.
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: config.media.chromium_path,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-quic",
      "--no-first-run",
      "--disable-sync",
      "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    ],
  });
  const close = () => void browser.close().catch(() => {});
  signal?.addEventListener("abort", close, { once: true });
  const refused: { problem?: FetchProblem } = {};
  try {
    const shot = async (width: number, height: number, mobile: boolean, fullPage: boolean) => {
      const context = await browser.newContext({
        viewport: { width, height },
        deviceScaleFactor: mobile ? MOBILE_SCALE : 1,
        isMobile: mobile,
        userAgent: config.fetch.user_agent,
        serviceWorkers: "block",
      });
      await guardRequests(context, config, o, refused, signal);
      const page = await context.newPage();
      await page.goto(url, { waitUntil: "load", timeout: config.fetch.timeout_ms });
      const h = fullPage ? Math.min(MOBILE_MAX_HEIGHT, await page.evaluate(() => document.documentElement.scrollHeight)) : height;
      const png = await page.screenshot({ type: "png", fullPage, clip: { x: 0, y: 0, width, height: Math.max(height, h) } });
      const blocks = mobile ? await pageBlocks(page, h) : [];
      return { png, blocks: blocks.map((b) => ({ ...b, y: b.y * MOBILE_SCALE, h: b.h * MOBILE_SCALE })) };
    };
    const desktop = await shot(1440, 900, false, false);
    const mobile = await shot(430, 932, true, true);
    return { desktop: desktop.png, mobile: mobile.png, mobileBlocks: mobile.blocks };
  } catch (e) {
    if (refused.problem) return { note: `screenshots skipped: ${refused.problem.message}` };
    return { note: `screenshots skipped: ${url} did not load (${e instanceof Error ? e.message.split("\n")[0] : e})` };
  } finally {
    signal?.removeEventListener("abort", close);
    close();
  }
}

// Every request goes through safeFetch (which checks each redirect hop too); the page's own refusal is kept for the note.
async function guardRequests(
  context: BrowserContext,
  config: Config,
  o: ScreenshotFetchOptions,
  refused: { problem?: FetchProblem },
  signal?: AbortSignal,
): Promise<void> {
  await context.routeWebSocket(/.*/, (ws) => ws.close({ code: 1008, reason: "WebSockets are off while taking screenshots" }));
  await context.route("**/*", async (route: Route) => {
    const request = route.request();
    const method = request.method();
    if (method !== "GET" && method !== "HEAD") return route.abort("blockedbyclient").catch(() => {});
    try {
      const res = await safeFetch(config.fetch, request.url(), { ...o, method, signal });
      await route.fulfill({ status: res.status, contentType: res.contentType || undefined, body: Buffer.from(res.body) });
    } catch (e) {
      if (e instanceof FetchProblem && request.isNavigationRequest() && request.frame().parentFrame() === null) refused.problem ??= e;
      if (e instanceof FetchProblem && e.code === "http_error" && e.status) {
        return route.fulfill({ status: e.status, body: "" }).catch(() => {});
      }
      await route.abort(e instanceof FetchProblem && e.code === "blocked_address" ? "blockedbyclient" : "failed").catch(() => {});
    }
  });
}
