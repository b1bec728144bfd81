import { afterEach, expect, test } from "bun:test";
import { join } from "node:path";
import { completeStepOnce, startStep } from "../../src/pipeline/store";
import { requestRun } from "../../src/pipeline/start";
import { makeTestContext } from "../support/context";
import { seedApp } from "./support";

let ctx: ReturnType<typeof makeTestContext>;
afterEach(() => ctx?.cleanup());

test("a step completes while another process writes to the database between its read and its write", () => {
  ctx = makeTestContext();
  const { webappId } = seedApp(ctx, { url: "https://example.com/", platforms: ["x"] });
  const { run } = requestRun(ctx, { webappId, force: false, trigger: "cli" })!;
  startStep(ctx.db, run.id, "research", ctx.clock.now());
  const file = join(ctx.config.storage.data_dir, "amarktai.db");
  // The other process (as the server's worker beside a CLI run) commits one small write, waiting up to 300 ms for the lock.
  const other = `import { Database } from "bun:sqlite";
const db = new Database(${JSON.stringify(file)});
db.exec("PRAGMA busy_timeout = 300");
try { db.exec("PRAGMA user_version = 7"); console.log("wrote"); } catch (e) { console.log("waited: " + e.message); }`;
  let said = "";
  const done = completeStepOnce(ctx.db, run.id, "research", ctx.clock.now(), () => {
    said = Bun.spawnSync([process.execPath, "-e", other]).stdout.toString().trim();
    return { output: {}, summary: "read 1 page" };
  });
  expect(said).not.toBe("");
  expect(done).toBe(true);
});
