import { afterEach, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { processStartTime } from "../../src/lib/child-process";
import { makeRenderTemp } from "../../src/media/temp";
import { makeTestContext } from "../support/context";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** Polls until check() is truthy or the time is up; returns the last value. */
async function waitFor<T>(check: () => T, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v || Date.now() > until) return v;
    await Bun.sleep(25);
  }
}

/** The pids of running processes named `comm` whose parent is `ppid`. */
function childrenOf(ppid: number, comm: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppidField = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (name === comm && ppidField === ppid) out.push(Number(d));
    } catch {}
  }
  return out;
}

test("ffmpeg dies with its parent when the parent is killed with SIGKILL", async () => {
  const parent = Bun.spawn([process.execPath, join(import.meta.dir, "../support/ffmpeg-parent.fixture.ts")], {
    stdout: "ignore",
    stderr: "inherit",
  });
  cleanups.push(() => parent.kill("SIGKILL"));
  const ffmpeg = await waitFor(() => childrenOf(parent.pid, "ffmpeg")[0], 15_000);
  expect(ffmpeg).toBeNumber();
  cleanups.push(() => {
    try {
      process.kill(ffmpeg!, "SIGKILL");
    } catch {}
  });
  parent.kill("SIGKILL");
  await parent.exited;
  const gone = await waitFor(() => processStartTime(ffmpeg!) === undefined, 2_000);
  expect(gone).toBe(true);
}, 30_000);

test("at start, render temp folders of dead processes are removed and a live process's are kept", async () => {
  const dead = Bun.spawn(["sleep", "30"]);
  const deadStart = processStartTime(dead.pid)!;
  dead.kill("SIGKILL");
  await dead.exited;
  const live = Bun.spawn(["sleep", "30"]);
  cleanups.push(() => live.kill("SIGKILL"));
  const liveStart = processStartTime(live.pid)!;

  const base = makeTestContext();
  const media = base.config.storage.media_dir;
  const dirs = {
    dead: join(media, `.tmp/item-1.p${dead.pid}.s${deadStart}-aaaaaa`),
    reusedPid: join(media, `.tmp/item-2.p${live.pid}.s${Number(liveStart) - 1}-bbbbbb`),
    live: join(media, `.tmp/item-3.p${live.pid}.s${liveStart}-cccccc`),
    mine: makeRenderTemp(media, "item-4"),
  };
  for (const d of Object.values(dirs)) {
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, "part.mp4"), "x");
  }
  base.db.$client.close();

  // A second start on the same folders, as after a restart.
  const again = makeTestContext({ AMARKTAI_DATA_DIR: base.config.storage.data_dir, AMARKTAI_MEDIA_DIR: media });
  cleanups.push(
    () => again.cleanup(),
    () => base.cleanup(),
  );
  expect(existsSync(dirs.dead)).toBe(false);
  expect(existsSync(dirs.reusedPid)).toBe(false);
  expect(existsSync(dirs.live)).toBe(true);
  expect(existsSync(dirs.mine)).toBe(true);
  expect(again.logLines.some((l) => l.includes("item-1.p"))).toBe(true);
});
