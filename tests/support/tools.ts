import { test } from "bun:test";

/** True under CI (.ci/run sets CI=true): there every tool the tests need is installed, so none may be missing. */
export function underCI(): boolean {
  const v = process.env.CI;
  return v !== undefined && v !== "" && v !== "false" && v !== "0";
}

/**
 * Registers a test that needs an installed tool (Chromium, Festival): skipped when the tool is missing on a
 * developer's machine, but under CI a missing tool fails the test, naming it, instead of skipping silently.
 */
export function testWithTool(tool: string, installed: boolean, name: string, fn: () => unknown, timeout?: number): void {
  if (installed) test(name, fn as () => Promise<void>, timeout);
  else if (underCI())
    test(name, () => {
      throw new Error(`${tool} is not installed; under CI this test must run (the test command installs it: src/cli/apt-packages.txt)`);
    });
  else test.skip(name, fn as () => Promise<void>, timeout);
}
