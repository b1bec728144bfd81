import { chromium, type Browser } from "playwright-core";
import { existsSync } from "node:fs";

/** Debian's Chromium; tests never let a tool download a browser of its own. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** True when Debian's Chromium is installed (the test command installs it; the check names it if not). */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Launches headless Chromium with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
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
}
