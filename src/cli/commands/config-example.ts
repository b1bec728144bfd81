import { stringify } from "yaml";
import type { Option } from "../../config/option";
import { schema } from "../../config/schema";
import { parseFlags, type CliCommand } from "../command";

const HEADER = `# Amarktai Marketing configuration: every key with its default.
# Generated from the schema (src/config/sections/*.ts) by \`bun run cli config:example\`; do not edit by hand.
# Copy to config.yaml (or pass --config PATH, or set AMARKTAI_CONFIG) and keep only the keys you change.
# Every key can also be set by the environment variable named below it; secrets also by <NAME>_FILE.`;

/** Renders config.example.yaml from the schema: each section, each key with its doc, env name and default. */
export function renderConfigExample(sections: Record<string, Record<string, Option<unknown>>> = schema as never): string {
  const parts = [HEADER];
  for (const [section, options] of Object.entries(sections)) {
    parts.push(`\n${section}:`);
    for (const [key, opt] of Object.entries(options)) {
      const envName = `AMARKTAI_${section}_${key}`.toUpperCase();
      const envs = [envName, ...(opt.env ?? [])].join(", ");
      parts.push(`  # ${opt.doc}`);
      parts.push(`  # env: ${envs}${opt.secret ? ` (secret: also ${envName}_FILE)` : ""}`);
      const value = stringify({ [key]: opt.default }, { lineWidth: 0 }).trimEnd();
      parts.push(
        value
          .split("\n")
          .map((l) => `  ${l}`)
          .join("\n"),
      );
    }
  }
  return parts.join("\n") + "\n";
}

/** `config:example`: prints config.example.yaml, generated from the schema. */
export const configExample: CliCommand = {
  name: "config:example",
  summary: "print config.example.yaml (every key, its doc and default), generated from the schema",
  usage: "> config.example.yaml",
  run(argv, out) {
    parseFlags("config:example", argv, {});
    out.print(renderConfigExample().trimEnd());
  },
};
