// Compiled by tests/main/binary.test.ts into a standalone executable: proves playwright-core loads from beside
// a compiled binary (as `bun run build` ships it) and drives Debian's Chromium to a screenshot.
// Imported the way src/media/screenshot.ts does: on first use.
const { chromium } = await import("playwright-core");

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
const page = await browser.newPage({ viewport: { width: 64, height: 32 } });
await page.setContent("<body style='background:#0f766e'></body>");
const png = await page.screenshot({ type: "png" });
await browser.close();
console.log(`playwright png ${png.length > 0 && png[1] === 0x50 ? "ok" : "bad"}`);
export {};
