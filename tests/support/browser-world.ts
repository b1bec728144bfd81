import { afterAll, beforeAll } from "bun:test";
import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, BrowserContextOptions } from "playwright-core";
import { createApp } from "../../src/server/app";
import { hasChromium, launchBrowser } from "./browser";
import { makeTestContext } from "./context";

/** What an in-process browser test works with: a test context, its app served on 127.0.0.1, and Chromium. */
export interface BrowserWorld {
  ctx: ReturnType<typeof makeTestContext>;
  /** The app's origin, e.g. http://127.0.0.1:41234. */
  base: string;
  browser: Browser;
  /** A new browser context holding this session cookie ("amk_session=...", from signIn): its pages open signed in. */
  signedIn(cookie: string, options?: BrowserContextOptions): Promise<BrowserContext>;
}

/**
 * Registers the file's beforeAll (a fresh test context, its app on a free loopback port, Chromium, and `outDir` for
 * screenshots when given) and afterAll (browser, server and context closed). The world it returns is filled in by
 * beforeAll, so tests and their helpers read its fields, never copies taken at load time.
 */
export function useBrowserWorld(o: { outDir?: string } = {}): BrowserWorld {
  let server: ReturnType<typeof Bun.serve> | undefined;
  const world = {
    async signedIn(cookie: string, options: BrowserContextOptions = {}) {
      const context = await world.browser.newContext(options);
      const [name, value] = cookie.split("=") as [string, string];
      await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
      return context;
    },
  } as BrowserWorld;
  beforeAll(async () => {
    if (!hasChromium()) throw new Error("Chromium is missing at /usr/bin/chromium: apt-get install -y chromium");
    if (o.outDir) mkdirSync(o.outDir, { recursive: true });
    world.ctx = makeTestContext();
    const app = createApp(world.ctx);
    server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (req) => app.handle(req) });
    world.base = `http://127.0.0.1:${server.port}`;
    world.browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await world.browser?.close();
    await server?.stop(true);
    world.ctx?.cleanup();
  });
  return world;
}
