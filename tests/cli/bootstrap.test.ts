import { afterEach, beforeEach, expect, test } from "bun:test";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./helpers";

// The bootstrap runs with a PATH of stubs, so the real machine's packages, apt and Bun are out of sight.
let bin: string;
beforeEach(() => {
  bin = mkdtempSync(join(tmpdir(), "amarktai-boot-"));
  for (const tool of ["dirname", "sed", "grep", "id"]) symlinkSync(Bun.which(tool)!, join(bin, tool));
  chmodSync(bin, 0o755);
});
afterEach(() => rmSync(bin, { recursive: true, force: true }));

function stub(name: string, script: string) {
  writeFileSync(join(bin, name), `#!/bin/sh\n${script}\n`);
  chmodSync(join(bin, name), 0o755);
}

// A copy of the script and its package list in a world-readable folder, so that a run dropped to another
// user works even when the checkout itself is private (CI clones into a mode-0700 temp folder).
function scriptCopy(): string {
  const root = join(bin, "repo");
  mkdirSync(join(root, "src", "cli"), { recursive: true, mode: 0o755 });
  for (const f of ["bootstrap.sh", "apt-packages.txt"]) copyFileSync(join(REPO_ROOT, "src/cli", f), join(root, "src/cli", f));
  for (const d of [root, join(root, "src"), join(root, "src", "cli")]) chmodSync(d, 0o755);
  return join(root, "src/cli/bootstrap.sh");
}

function bootstrap(mode: string, asUid?: number) {
  const cmd = ["/bin/sh", asUid !== undefined ? scriptCopy() : join(REPO_ROOT, "src/cli/bootstrap.sh"), mode];
  // as root, drop to `asUid` with setpriv; someone running the tests unprivileged already is not root
  const drop = asUid !== undefined && process.getuid?.() === 0;
  const argv = drop ? [Bun.which("setpriv")!, `--reuid=${asUid}`, `--regid=${asUid}`, "--clear-groups", ...cmd] : cmd;
  const r = Bun.spawnSync(argv, { env: { PATH: bin, HOME: bin }, stdout: "pipe", stderr: "pipe" });
  return { code: r.exitCode, stderr: r.stderr.toString() };
}

const runtime = readFileSync(join(REPO_ROOT, "src/cli/apt-packages.txt"), "utf8")
  .match(/^runtime: *(.*)$/m)![1]!
  .trim();
const testOnly = readFileSync(join(REPO_ROOT, "src/cli/apt-packages.txt"), "utf8")
  .match(/^test: *(.*)$/m)![1]!
  .trim();

test("not a Debian system: stops with exit 1 and the list of programs to install", () => {
  const r = bootstrap("test");
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("missing system packages: ffmpeg festival flite espeak-ng fontconfig chromium");
  expect(r.stderr).toContain("not a Debian/apt system");
});

test("Debian but not root: stops with the exact apt-get line and installs nothing", () => {
  stub("dpkg-query", "exit 1");
  stub("apt-get", `touch ${bin}/apt-get-was-called`);
  const r = bootstrap("test", 65534);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`sudo apt-get install -y ${runtime} ${testOnly}`);
  expect(existsSync(join(bin, "apt-get-was-called"))).toBe(false);
});

test("root on Debian: installs exactly the missing packages with apt, then names what else is missing (Bun, npm)", () => {
  // ffmpeg is "installed"; everything else is not
  stub("dpkg-query", `[ "$4" = ffmpeg ] && echo "install ok installed" && exit 0; exit 1`);
  stub("apt-get", `echo "$@" >> ${bin}/apt-get.log`);
  const r = bootstrap("start");
  const calls = readFileSync(join(bin, "apt-get.log"), "utf8").trim().split("\n");
  expect(calls[0]).toStartWith("update");
  expect(calls[1]).toContain("install -y --no-install-recommends -o DPkg::Lock::Timeout=600");
  expect(calls[1]).toEndWith(runtime.replace("ffmpeg ", ""));
  expect(calls[1]).not.toContain("chromium"); // start needs only the runtime list
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("Bun is missing and so is npm");
});
