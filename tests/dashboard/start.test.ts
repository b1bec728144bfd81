import { expect, test } from "bun:test";
import { startStep } from "../../src/dashboard/start";
import type { StartFacts } from "../../src/dashboard/start-store";

const app = { id: 1, name: "TaskTide", platforms: ["x" as const] };
const facts = (f: Partial<StartFacts>): StartFacts => ({ connected: [], pending: 0, rendering: 0, ...f });

test("the guided start resumes from what exists", () => {
  expect(startStep(facts({}), false)).toBe("webapp");
  expect(startStep(facts({ webapp: app }), false)).toBe("platforms");
  expect(startStep(facts({ webapp: app }), true)).toBe("generate");
  expect(startStep(facts({ webapp: app, connected: ["x"] }), false)).toBe("generate");
  expect(startStep(facts({ webapp: app, run: { id: 1, status: "running" } }), false)).toBe("generate");
  expect(startStep(facts({ webapp: app, run: { id: 1, status: "ready" }, pending: 3, rendering: 1 }), false)).toBe("generate");
  expect(startStep(facts({ webapp: app, run: { id: 1, status: "ready" }, pending: 3 }), false)).toBe("review");
  expect(startStep(facts({ webapp: app, run: { id: 1, status: "failed" } }), false)).toBe("generate");
  expect(startStep(facts({ webapp: app, run: { id: 1, status: "ready" } }), false)).toBe("done");
});
