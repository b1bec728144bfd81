import { CliError, type CliCommand } from "./command";
import { COMMANDS } from "./registry";

/** Prints the command list (to stderr when it answers a mistake). */
function usage(write: (s: string) => void, commands: CliCommand[]) {
  write("usage: bun run cli <command> [--config PATH] [options]\n\ncommands:\n");
  for (const c of commands) write(`  ${c.name.padEnd(16)} ${c.summary}\n      bun run cli ${c.name} ${c.usage}\n`);
}

/** Runs one CLI command and returns its exit code: 0 ok, 1 failed, 2 bad input (one-line reason on stderr). */
export async function runCli(argv: string[], commands: CliCommand[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    usage((s) => process.stdout.write(s), commands);
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`unknown command "${name}"; known: ${commands.map((c) => c.name).join(", ")}\n`);
    return 2;
  }
  try {
    const code = await command.run(rest, { print: (line) => process.stdout.write(line + "\n") });
    return typeof code === "number" ? code : 0;
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(e.message + "\n");
      return e.exitCode;
    }
    process.stderr.write(`${name}: failed: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

if (import.meta.main) process.exit(await runCli(process.argv.slice(2)));
