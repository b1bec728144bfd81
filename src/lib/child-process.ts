/**
 * Child processes that die with the app. A kill -9 of the app skips every cleanup, so a long child (ffmpeg, a
 * voice engine) would keep running as an orphan; on Linux `setpriv --pdeathsig KILL` asks the kernel to kill it
 * when its parent dies. setpriv is part of util-linux, which every Debian system has.
 */
import { readFileSync } from "node:fs";

let setprivPath: string | null | undefined;

/** The command line that runs `cmd` so the kernel kills it when this process dies (unchanged where setpriv is missing). */
export function tiedCommand(cmd: string[]): string[] {
  if (process.platform !== "linux") return cmd;
  if (setprivPath === undefined) setprivPath = Bun.which("setpriv");
  return setprivPath ? [setprivPath, "--pdeathsig", "KILL", "--", ...cmd] : cmd;
}

/** Bun.spawn for a child that must not outlive this process (see tiedCommand). */
export function spawnTied<
  const In extends Bun.SpawnOptions.Writable = "ignore",
  const Out extends Bun.SpawnOptions.Readable = "pipe",
  const Err extends Bun.SpawnOptions.Readable = "inherit",
>(cmd: string[], options?: Bun.SpawnOptions.SpawnOptions<In, Out, Err>): Bun.Subprocess<In, Out, Err> {
  return Bun.spawn(tiedCommand(cmd), options);
}

/** When a process started, as the kernel counts it (clock ticks since boot), to tell a live owner from a reused pid; undefined when it is gone. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z" || fields[0] === "X") return undefined;
    return fields[19];
  } catch {
    return undefined;
  }
}
