import type { CliCommand } from "./command";
import { appAdd } from "./commands/app-add";
import { backup } from "./commands/backup";
import { configCheck } from "./commands/config-check";
import { configExample } from "./commands/config-example";
import { migrate } from "./commands/migrate";
import { tokenCreate } from "./commands/token-create";
import { userCreate } from "./commands/user-create";

/** Every CLI command, in the order `bun run cli` lists them. A new command: one file in commands/ and one line here. */
export const COMMANDS: CliCommand[] = [configCheck, configExample, migrate, userCreate, tokenCreate, appAdd, backup];
