import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderConfigExample } from "../../src/cli/commands/config-example";
import { parseConfig } from "../../src/config/load";
import { schema } from "../../src/config/schema";
import { REPO_ROOT } from "./helpers";

const committed = readFileSync(join(REPO_ROOT, "config.example.yaml"), "utf8");

test("the committed config.example.yaml is what the schema generates (run: bun run cli config:example > config.example.yaml)", () => {
  expect(committed).toBe(renderConfigExample());
});

test("config.example.yaml documents every key and parses to exactly the defaults", () => {
  for (const [section, options] of Object.entries(schema)) {
    for (const key of Object.keys(options)) expect(committed).toContain(`\n  ${key}:`);
    expect(committed).toContain(`\n${section}:`);
  }
  expect(parseConfig(committed, "config.example.yaml", {})).toEqual(parseConfig("", undefined, {}));
});
