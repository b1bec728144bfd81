// Run only by tests/cli/runner.test.ts (the name keeps it out of the normal `bun test` run): 2 pass, 1 fails.
import { expect, test } from "bun:test";

test("passes once", () => expect(1 + 1).toBe(2));
test("passes twice", () => expect("a").toBe("a"));
test("fails on purpose", () => expect(1).toBe(2));
