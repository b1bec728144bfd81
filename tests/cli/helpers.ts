import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "../..");

/** Output of one CLI run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temp folder to run the real CLI in (its own data dir, no ./config.yaml unless the test writes one). */
export function cliSandbox() {
  const dir = mkdtempSync(join(tmpdir(), "amarktai-cli-"));
  const env = { ...process.env, AMARKTAI_DATA_DIR: join(dir, "data"), AMARKTAI_MEDIA_DIR: join(dir, "media"), AMARKTAI_CONFIG: "" };
  return {
    dir,
    env,
    /** Spawns `bun src/cli/main.ts ...args` in the sandbox. */
    run(args: string[], extraEnv: Record<string, string> = {}): CliRun {
      const r = Bun.spawnSync([process.execPath, join(ROOT, "src/cli/main.ts"), ...args], {
        cwd: dir,
        env: { ...env, ...extraEnv },
        stdout: "pipe",
        stderr: "pipe",
      });
      return { code: r.exitCode ?? -1, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The repository root (for spawning src/main.ts and reading committed files). */
export const REPO_ROOT = ROOT;
