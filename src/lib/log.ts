/** Leveled logger writing one line per message to stderr. */
export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

const LEVELS = ["debug", "info", "warn", "error"] as const;

/** A logger that prints messages at `level` and above, each stamped with time and level. */
export function createLogger(
  level: (typeof LEVELS)[number],
  write: (line: string) => void = (l) => process.stderr.write(l + "\n"),
): Logger {
  const min = LEVELS.indexOf(level);
  const at = (l: (typeof LEVELS)[number]) => (msg: string) => {
    if (LEVELS.indexOf(l) >= min) write(`${new Date().toISOString()} ${l.padEnd(5)} ${msg}`);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** A logger that keeps lines in memory (tests read them). */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, ...createLogger("debug", (l) => lines.push(l)) };
}
