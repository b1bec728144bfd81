import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { processStartTime } from "../lib/child-process";

/**
 * Render temp folders under <media>/.tmp. Each name carries its owner (pid and the kernel's start time of that
 * pid), so a folder left by a process that was killed mid-render is removed as soon as the next process starts,
 * while a folder of a live process (the server and a CLI run share the media folder) is never touched.
 */

/** The folder under the media folder that holds render temp folders. */
export function renderTempRoot(mediaDir: string): string {
  return join(mediaDir, ".tmp");
}

const OWNER = /\.p(\d+)\.s(\d+)-[^/]*$/;
// Folders named before owners were recorded are judged by age, as before.
const LEGACY_STALE_MS = 6 * 3600_000;

function ownerTag(): string {
  return `p${process.pid}.s${processStartTime(process.pid) ?? 0}`;
}

/** Creates a fresh temp folder for one render, named after its label and this process. */
export function makeRenderTemp(mediaDir: string, label: string): string {
  const root = renderTempRoot(mediaDir);
  mkdirSync(root, { recursive: true });
  return mkdtempSync(join(root, `${label}.${ownerTag()}-`));
}

function ownerAlive(pid: number, start: string): boolean {
  if (pid === process.pid) return true;
  const actual = processStartTime(pid);
  if (actual !== undefined) return start === "0" || actual === start;
  if (start !== "0") return false; // recorded on Linux, and the pid is gone
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes the render temp folders whose owning process is gone; returns their names. */
export function removeOrphanTemp(mediaDir: string, now = new Date()): string[] {
  const root = renderTempRoot(mediaDir);
  if (!existsSync(root)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    const m = OWNER.exec(name);
    const orphan = m ? !ownerAlive(Number(m[1]), m[2]!) : now.getTime() - statSync(path).mtimeMs > LEGACY_STALE_MS;
    if (!orphan) continue;
    rmSync(path, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
