import { afterEach, expect, test } from "bun:test";
import { hostname } from "node:os";
import { join } from "node:path";
import { isDeadOwnerOnThisHost, PROCESS_OWNER } from "../../src/jobs/owner";
import { enqueueJob, findJobByKey } from "../../src/jobs/store";
import { JobWorker } from "../../src/jobs/worker";
import { makeTestContext } from "../support/context";

let ctx: ReturnType<typeof makeTestContext>;
const children: Bun.Subprocess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  ctx?.cleanup();
});

/** Starts a real process that claims the next due job (a 5-minute lease) and holds it; resolves once it has. */
async function holder(): Promise<{ child: Bun.Subprocess; key: string }> {
  const child = Bun.spawn(["bun", join(import.meta.dir, "claim-child.ts"), ctx.db.$client.filename, String(ctx.clock.now().getTime())], {
    stdout: "pipe",
    stderr: "inherit",
  });
  children.push(child);
  const reader = (child.stdout as ReadableStream<Uint8Array>).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  const m = /^CLAIMED (\S+)/.exec(text);
  if (!m) throw new Error(`the child claimed nothing: ${text}`);
  return { child, key: m[1]! };
}

test("a worker start takes back at once the job of a process killed with -9, and leaves a live process's job alone", async () => {
  ctx = makeTestContext();
  const now = ctx.clock.now();
  enqueueJob(ctx.db, { kind: "test.hold", key: "first", runAt: now }, now);
  const dead = await holder();
  enqueueJob(ctx.db, { kind: "test.hold", key: "second", runAt: now }, now);
  const live = await holder();
  expect([dead.key, live.key]).toEqual(["first", "second"]);
  dead.child.kill("SIGKILL");
  await dead.child.exited;
  expect(findJobByKey(ctx.db, "first")!.status).toBe("running");

  // The clock stands still: without a reclaim the killed process's 5-minute lease never lapses here.
  const ran: string[] = [];
  const worker = new JobWorker(ctx.db, ctx.clock, { "test.hold": async (job) => void ran.push(job.key) }, { pollMs: 20 });
  worker.start();
  try {
    for (let i = 0; i < 100 && findJobByKey(ctx.db, "first")!.status !== "done"; i++) await Bun.sleep(20);
    await Bun.sleep(100); // a few more polls: the live holder's job must still not be taken
  } finally {
    await worker.stop();
  }
  expect(ran).toEqual(["first"]);
  expect(findJobByKey(ctx.db, "first")).toMatchObject({ status: "done", attempts: 2 });
  expect(findJobByKey(ctx.db, "second")).toMatchObject({ status: "running", attempts: 1 });
  expect(live.child.exitCode).toBeNull();
}, 30_000);

test("an owner is dead only when it is this host's and its process (pid and start time) no longer runs", () => {
  expect(isDeadOwnerOnThisHost(PROCESS_OWNER)).toBe(false);
  expect(isDeadOwnerOnThisHost(`another-host-${hostname()} 1 1`)).toBe(false);
  expect(isDeadOwnerOnThisHost("garbage")).toBe(false);
  // The same pid with another start time is an earlier process whose pid was reused.
  expect(isDeadOwnerOnThisHost(`${hostname()} ${process.pid} 1`)).toBe(PROCESS_OWNER.split(" ")[2] !== "-");
  expect(isDeadOwnerOnThisHost(`${hostname()} 999999999 1`)).toBe(true);
});
