import { readFileSync } from "node:fs";
import { hostname } from "node:os";

// The start time of a process in clock ticks since boot (/proc/<pid>/stat field 22), or undefined when there is
// no such process (or no /proc). With the pid it names one process for good: a reused pid has another start time.
function startTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 2 (the command name) may hold spaces and parentheses: count from after its closing ")", where field 3 starts.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

const hasProc = startTicks(process.pid) !== undefined;

/** This process as a lease owner: "host pid start-ticks" (start-ticks is "-" where there is no /proc). */
export const PROCESS_OWNER = `${hostname()} ${process.pid} ${startTicks(process.pid) ?? "-"}`;

/**
 * Whether a lease owner is a process of this host that has ended (so its jobs can be taken back at once).
 * An owner on another host, or one that cannot be read, is never called dead: its lease runs out instead.
 */
export function isDeadOwnerOnThisHost(owner: string): boolean {
  const [host, pidText, ticks] = owner.split(" ");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || ticks === undefined) return false;
  if (owner === PROCESS_OWNER) return false;
  if (hasProc && ticks !== "-") return startTicks(pid) !== ticks;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}
