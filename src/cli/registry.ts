import { exitCodeCommand, type CliCommand } from "./command";
import { appAdd } from "./commands/app-add";
import { backup } from "./commands/backup";
import { commentsSync } from "./commands/comments-sync";
import { configCheck } from "./commands/config-check";
import { configExample } from "./commands/config-example";
import { digestSendCommand } from "./commands/digest-send";
import { metricsCollect } from "./commands/metrics-collect";
import { migrate } from "./commands/migrate";
import { publishDueCommand } from "./commands/publish-due";
import { reportSend } from "./commands/report-send";
import { runCommand } from "./commands/run";
import { tokenCreate } from "./commands/token-create";
import { userCreate } from "./commands/user-create";

/** Every CLI command, in the order `bun run cli` lists them. A new command: one file in commands/ and one line here. */
export const COMMANDS: CliCommand[] = [
  configCheck,
  configExample,
  migrate,
  userCreate,
  tokenCreate,
  appAdd,
  exitCodeCommand(
    "run",
    "run the content pipeline for a web app now (exit 0 when its batch awaits approval)",
    "--app ID [--date YYYY-MM-DD] [--force]",
    (argv) => runCommand(argv),
  ),
  exitCodeCommand("digest:send", "send a user's pending approval digest now", "--email E", (argv) => digestSendCommand(argv)),
  exitCodeCommand("publish:due", "publish every approved item that is due now (exit 1 when one failed or needs a check)", "", (argv) =>
    publishDueCommand(argv),
  ),
  metricsCollect,
  reportSend,
  commentsSync,
  backup,
];
