import { expect, test } from "bun:test";
import { StartSteps } from "../../views/dashboard/start";

test("a skipped 'Connect platforms' step says it was skipped instead of showing a tick", async () => {
  const skipped = String(await (<StartSteps step="generate" connected={0} />));
  expect(skipped).toContain("skipped: posting by hand");
  expect(skipped).not.toMatch(/✓<\/span>\s*<span>Connect platforms/);
  const connected = String(await (<StartSteps step="generate" connected={2} />));
  expect(connected).not.toContain("skipped");
  expect(connected).toMatch(/✓<\/span><span>Connect platforms/);
});
