import { afterEach, beforeEach, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./helpers";

// The CI scripts run with stubs for apt-get, dpkg-query, podman and debootstrap first on PATH: nothing is installed,
// the stubs write down what would have been, and the scripts stop at the first step after installing.
let bin: string;
beforeEach(() => {
  bin = mkdtempSync(join(tmpdir(), "amarktai-ci-"));
  stub("apt-get", `echo "$@" >> ${bin}/apt-get.log; case "$*" in *install*) exit 1;; esac`);
  stub("dpkg-query", "exit 1");
  stub("podman", "exit 1");
  stub("debootstrap", "exit 1");
});
afterEach(() => rmSync(bin, { recursive: true, force: true }));

function stub(name: string, script: string) {
  writeFileSync(join(bin, name), `#!/bin/sh\n${script}\n`);
  chmodSync(join(bin, name), 0o755);
}

function run(script: string): string[] {
  Bun.spawnSync(["bash", join(REPO_ROOT, script)], {
    env: { PATH: `${bin}:/usr/sbin:/usr/bin:/sbin:/bin`, HOME: bin },
    stdout: "pipe",
    stderr: "pipe",
  });
  const log = join(bin, "apt-get.log");
  return existsSync(log)
    ? readFileSync(log, "utf8")
        .split("\n")
        .filter((l) => l.includes("install"))
    : [];
}

const containerCheck = readFileSync(join(REPO_ROOT, ".ci/container-check.sh"), "utf8");

test("podman run --init needs catatonit, only a Recommends of podman: both CI scripts install it explicitly", () => {
  expect(containerCheck).toMatch(/podman run [^\n]*--init/);
  for (const script of [".ci/run", ".ci/container-check.sh"]) {
    const [install] = run(script);
    expect(install, script).toBeDefined();
    expect(install!.split(" "), script).toEqual(
      expect.arrayContaining(["--no-install-recommends", "podman", "runc", "catatonit", "uidmap"]),
    );
  }
});
