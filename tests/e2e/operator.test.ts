import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { openDatabase } from "../../src/db/client";
import { createUser } from "../../src/users/store";
import { hasChromium, launchBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";
import { until } from "../support/wait";

const OUT = join(import.meta.dir, "../../test-output");
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium()) throw new Error("tests/e2e needs Debian's Chromium: apt-get install chromium (npm test installs it)");
  server = await startServer({ env: { AMARKTAI_OPERATOR_ENABLED: "true", AMARKTAI_AUTH_SIGNUP: "open" } });
  // The operator's own account exists, so / is the landing page and not first-run setup.
  const db = openDatabase(join(server.dataDir, "amarktai.db"));
  createUser(db, { email: "op@example.com", name: "Operator", passwordHash: "not-used", role: "admin", timezone: "UTC" }, new Date());
  db.$client.close();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Collects every request the page makes that leaves this box, and every CSP violation. */
function watch(page: Page) {
  const foreign: string[] = [];
  const csp: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith("data:")) foreign.push(r.url());
  });
  page.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) csp.push(m.text());
  });
  return { foreign, csp };
}

async function axeProblems(page: Page) {
  await page.evaluate(readFileSync(join(import.meta.dir, "..", "..", "node_modules", "axe-core", "axe.min.js"), "utf8"));
  const violations = (await page.evaluate(async () => {
    const r = await (
      window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }
    ).axe.run({ resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  })) as { id: string; impact: string }[];
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

for (const width of [390, 1366]) {
  test(`the landing page at ${width} px: no external request, no CSP violation, no serious axe finding, nothing wider than the screen`, async () => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const seen = watch(page);
    const r = await page.goto(`${server.url}/`);
    expect(r?.status()).toBe(200);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: join(OUT, `operator-landing-${width}.png`), fullPage: true });
    expect(await page.title()).toBe("Amarktai Marketing");
    expect(await page.getByRole("heading", { name: "Plans" }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    expect(await axeProblems(page)).toEqual([]);
    expect(seen.foreign).toEqual([]);
    expect(seen.csp).toEqual([]);
    await page.close();
  });
}

test("sign up from the landing page: form, emailed link, confirm, signed in on the dashboard", async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const seen = watch(page);
  await page.goto(`${server.url}/`);
  await Promise.all([page.waitForURL("**/signup?plan=pro"), page.getByRole("link", { name: "Start with Pro" }).click()]);
  expect(await page.textContent("body")).toContain("You start on the Pro plan.");
  await page.getByLabel("Your name").fill("Cora Customer");
  await page.getByLabel("Email").fill("cora@example.com");
  await page.getByLabel("Password").fill("a long enough passphrase");
  await page.getByLabel("I accept the terms of service.").check();
  await page.getByRole("button", { name: "Create my account" }).click();
  await page.getByText("We sent a link to").waitFor();
  expect(await axeProblems(page)).toEqual([]);

  // No SMTP server is configured, so the mail is in the outbox folder.
  const outbox = join(server.dataDir, "outbox");
  const mailFile = () => (existsSync(outbox) ? readdirSync(outbox).find((f) => f.endsWith(".eml")) : undefined);
  await until(() => mailFile() !== undefined, "the sign-up mail in the outbox");
  const mail = readFileSync(join(outbox, mailFile()!), "utf8")
    .replace(/=\r?\n/g, "")
    .replace(/=3D/g, "=");
  const link = new RegExp(`${server.url.replace(/[.]/g, "\\.")}/signup/[a-z0-9]+`).exec(mail)?.[0];
  expect(link).toBeDefined();
  await page.goto(link!);
  await Promise.all([page.waitForURL("**/dashboard"), page.getByRole("button", { name: "Confirm and sign in" }).click()]);
  expect(await page.textContent("body")).toContain("Cora Customer");
  await page.goto(`${server.url}/usage/plan`);
  expect(await page.textContent("body")).toContain("Pro");
  expect(seen.foreign).toEqual([]);
  expect(seen.csp).toEqual([]);
  await page.close();
});
