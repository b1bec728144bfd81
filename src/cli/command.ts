import { parseArgs } from "node:util";
import { buildContext } from "../server/boot";
import type { AppContext } from "../app/context";
import { ConfigError, describeConfigError, loadConfig, type LoadedConfig } from "../config/load";

/** One CLI command: a file under src/cli/commands/ exports one of these and src/cli/registry.ts lists it. */
export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Arguments, e.g. "--email E --password P [--admin]". */
  usage: string;
  /** Does the work; returns normally for exit 0 (or returns its exit code), throws CliError for 1 or 2. */
  run(argv: string[], out: CliOutput): Promise<void | number> | void | number;
}

/** Registers a command written as `(args) => exit code` that prints its own messages (e.g. `run`, `digest:send`). */
export function exitCodeCommand(
  name: string,
  summary: string,
  usage: string,
  fn: (argv: string[]) => Promise<number> | number,
): CliCommand {
  return { name, summary, usage, run: (argv) => fn(argv) };
}

/** Where a command writes: results to `print` (stdout), nothing else goes to stdout. */
export interface CliOutput {
  print(line: string): void;
}

/** A failure with its exit code: 1 failed, 2 bad input. The message is the one line printed on stderr. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

type FlagSpec = Record<string, { type: "string" | "boolean"; required?: boolean }>;
type FlagValues<S extends FlagSpec> = {
  [K in keyof S]: S[K]["type"] extends "boolean" ? boolean : S[K]["required"] extends true ? string : string | undefined;
};

/** Parses a command's flags (plus the global --config); unknown or missing flags are bad input (exit 2). */
export function parseFlags<S extends FlagSpec>(command: string, argv: string[], spec: S): { flags: FlagValues<S>; positionals: string[] } {
  const options: Record<string, { type: "string" | "boolean" }> = { config: { type: "string" } };
  for (const [k, v] of Object.entries(spec)) options[k] = { type: v.type };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`${command}: ${e instanceof Error ? e.message : e}`, 2);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  for (const [k, v] of Object.entries(spec)) {
    if (v.required && (values[k] === undefined || values[k] === "")) throw new CliError(`${command}: --${k} is required`, 2);
    if (v.type === "boolean") values[k] = values[k] === true;
  }
  return { flags: values as FlagValues<S>, positionals: parsed.positionals };
}

/** Loads the config exactly as start-up does (--config, AMARKTAI_CONFIG, ./config.yaml); a config problem is exit 2. */
export function loadCliConfig(argv: string[]): LoadedConfig {
  try {
    return loadConfig(["", "", ...argv], process.env);
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(describeConfigError(e), 2);
    throw e;
  }
}

/** Opens the app's database (applying migrations) with the config start-up would use; call close() when done. */
export function openCliContext(argv: string[]): AppContext & { close(): void } {
  const { config } = loadCliConfig(argv);
  const ctx = buildContext(config);
  return { ...ctx, close: () => ctx.db.$client.close() };
}
