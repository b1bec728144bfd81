import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildContext } from "../../src/server/boot";
import type { AppContext } from "../../src/app/context";
import { parseConfig } from "../../src/config/load";
import { ManualClock } from "../../src/lib/clock";
import { memoryLogger } from "../../src/lib/log";

/** A fresh app context on a real SQLite file in its own temp folder; env-style overrides set config keys. */
export function makeTestContext(
  env: Record<string, string> = {},
  yaml = "",
): AppContext & { dir: string; clock: ManualClock; logLines: string[]; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "amarktai-test-"));
  const config = parseConfig(yaml, undefined, {
    AMARKTAI_DATA_DIR: join(dir, "data"),
    AMARKTAI_MEDIA_DIR: join(dir, "media"),
    AMARKTAI_FETCH_ALLOW_PRIVATE_NETWORKS: "true",
    ...env,
  });
  const clock = new ManualClock(new Date("2026-03-02T12:00:00Z"));
  const log = memoryLogger();
  const ctx = buildContext(config, { clock, log });
  return {
    ...ctx,
    clock,
    dir,
    logLines: log.lines,
    cleanup() {
      try {
        ctx.db.$client.close();
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
