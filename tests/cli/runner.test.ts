import { expect, test } from "bun:test";
import { join } from "node:path";
import { parseBunSummary } from "../run";
import { REPO_ROOT } from "./helpers";

test("the runner ends with the real counts and exits non-zero when a test failed", () => {
  const r = Bun.spawnSync(
    [process.execPath, join(REPO_ROOT, "tests/run.ts"), "--only-bun-test", "./tests/support/runner-fixture/mixed.fixture.ts"],
    {
      cwd: REPO_ROOT,
      stdout: "pipe",
      stderr: "pipe",
    },
  );
  const lines = r.stdout.toString().trim().split("\n");
  expect(lines.at(-1)).toBe("2 passed, 1 failed");
  expect(r.exitCode).toBe(1);
});

test("bun test's summary is read from its closing lines; no summary means no counts", () => {
  expect(parseBunSummary("(pass) a\n\n 12 pass\n 3 fail\n 40 expect() calls\nRan 15 tests across 2 files. [1.00s]\n")).toEqual({
    passed: 12,
    failed: 3,
  });
  expect(parseBunSummary(" 7 pass\n 0 fail\n")).toEqual({ passed: 7, failed: 0 });
  expect(parseBunSummary("error: Cannot find module 'x'\n")).toBeUndefined();
});
