import { existsSync } from "node:fs";
import type { Config } from "../config/schema";
import { urlProblem } from "./remote";

/** Screenshots of the app's own site: a desktop viewport and a tall mobile page (for scrolling scenes). */
export interface SiteShots {
  desktop?: Buffer;
  mobile?: Buffer;
  /** Why there are none, for the item's notes (Chromium missing, page failed). */
  note?: string;
}

const MOBILE_MAX_HEIGHT = 4000;

/** Takes desktop (1440 wide) and mobile (430 wide, full page up to 4000 px) screenshots with headless Chromium. */
export async function screenshotSite(config: Config, url: string, signal?: AbortSignal): Promise<SiteShots> {
  if (!config.media.screenshots) return { note: "screenshots are turned off (media.screenshots)" };
  if (!existsSync(config.media.chromium_path)) return { note: `screenshots skipped: Chromium not found at ${config.media.chromium_path}` };
  const problem = await urlProblem(config, url);
  if (problem) return { note: `screenshots skipped: ${problem}` };
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
    ],
  });
  const close = () => void browser.close().catch(() => {});
  signal?.addEventListener("abort", close, { once: true });
  try {
    const shot = async (width: number, height: number, mobile: boolean, fullPage: boolean) => {
      const page = await browser.newPage({
        viewport: { width, height },
        deviceScaleFactor: mobile ? 2 : 1,
        isMobile: mobile,
        userAgent: config.fetch.user_agent,
      });
      await page.goto(url, { waitUntil: "load", timeout: config.fetch.timeout_ms });
      const h = fullPage ? Math.min(MOBILE_MAX_HEIGHT, await page.evaluate(() => document.documentElement.scrollHeight)) : height;
      return page.screenshot({ type: "png", fullPage, clip: { x: 0, y: 0, width, height: Math.max(height, h) } });
    };
    const desktop = await shot(1440, 900, false, false);
    const mobile = await shot(430, 932, true, true);
    return { desktop, mobile };
  } catch (e) {
    return { note: `screenshots skipped: ${url} did not load (${e instanceof Error ? e.message.split("\n")[0] : e})` };
  } finally {
    signal?.removeEventListener("abort", close);
    close();
  }
}
