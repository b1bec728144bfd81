import { expect, test } from "bun:test";
import { join } from "node:path";

const root = join(import.meta.dir, "..", "..");

test("public/htmx.min.js is the htmx.org package's own file, byte for byte (package.json pins which htmx the pages run)", async () => {
  const served = await Bun.file(join(root, "public", "htmx.min.js")).bytes();
  const packaged = await Bun.file(join(root, "node_modules", "htmx.org", "dist", "htmx.min.js")).bytes();
  expect(packaged.length).toBeGreaterThan(1000);
  expect(Buffer.compare(Buffer.from(served), Buffer.from(packaged))).toBe(0);
});
