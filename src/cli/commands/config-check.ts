import { loadCliConfig, parseFlags, type CliCommand } from "../command";

/** `config:check`: validates the config exactly as start-up does, without starting; bad config exits 2. */
export const configCheck: CliCommand = {
  name: "config:check",
  summary: "validate the configuration as start-up would (exit 2 with the key, file and line on a problem)",
  usage: "[--config PATH]",
  run(argv, out) {
    parseFlags("config:check", argv, {});
    const { file } = loadCliConfig(argv);
    out.print(`config: ${file ?? "built-in defaults (no config file; env overrides applied)"}`);
    out.print("ok");
  },
};
