#!/bin/sh
# Installs what Amarktai needs and then starts it or runs the tests.
#   sh src/cli/bootstrap.sh start [app args...]   (npm start / bun start)
#   sh src/cli/bootstrap.sh test  [test args...]  (npm test / bun run test)
#   sh src/cli/bootstrap.sh deps  [runtime|test]  (install only; .ci/run uses it)
# It installs the Debian packages listed in src/cli/apt-packages.txt (when root on Debian), Bun pinned
# through npm, and the locked npm dependencies. Where it cannot install something it stops and names it.
set -eu

BUN_VERSION=1.4.4
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
MODE=${1:-start}
[ $# -gt 0 ] && shift

say() { printf 'bootstrap: %s\n' "$*" >&2; }
die() { printf 'bootstrap: %s\n' "$*" >&2; exit 1; }

# Package names for a group ("runtime" or "test") from the one list.
packages_for() { sed -n "s/^$1: *//p" "$ROOT/src/cli/apt-packages.txt"; }

# The command that proves a package is usable when dpkg is not there to ask.
probe_command() {
  case "$1" in
    fonts-* | festvox-*) echo "" ;; # data packages: no command to look for
    poppler-utils) echo pdftotext ;;
    postgresql) echo pg_ctlcluster ;; # the server binaries live off PATH, under /usr/lib/postgresql/<version>/bin
    fontconfig) echo fc-query ;;
    *) echo "$1" ;;
  esac
}

missing_packages() {
  out=""
  for p in "$@"; do
    if command -v dpkg-query >/dev/null 2>&1; then
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || out="$out $p"
    else
      c=$(probe_command "$p")
      [ -z "$c" ] || command -v "$c" >/dev/null 2>&1 || out="$out $p"
    fi
  done
  echo "$out" | sed 's/^ *//'
}

ensure_apt() {
  wanted=$(packages_for runtime)
  [ "$1" = test ] && wanted="$wanted $(packages_for test)"
  # shellcheck disable=SC2086
  missing=$(missing_packages $wanted)
  [ -z "$missing" ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    die "missing system packages: $missing. This is not a Debian/apt system: install the equivalents of these packages with your package manager, then run this again."
  fi
  if [ "$(id -u)" != 0 ]; then
    die "missing system packages: $missing. Install them as root, then run this again: sudo apt-get install -y $missing"
  fi
  say "installing Debian packages: $missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -o DPkg::Lock::Timeout=600 >&2 || die "apt-get update failed; install by hand: apt-get install -y $missing"
  # shellcheck disable=SC2086
  apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=600 $missing >&2 || die "apt-get install failed; install by hand: apt-get install -y $missing"
}

ensure_bun() {
  if command -v bun >/dev/null 2>&1 && bun --version >/dev/null 2>&1; then
    have=$(bun --version)
    [ "$have" = "$BUN_VERSION" ] || say "note: bun $have found; this project is tested with bun $BUN_VERSION (npm install -g bun@$BUN_VERSION)"
    return 0
  fi
  command -v npm >/dev/null 2>&1 || die "Bun is missing and so is npm. Install Node.js 20+ with npm, or Bun $BUN_VERSION itself, then run this again."
  say "installing bun@$BUN_VERSION with npm"
  npm install -g --no-fund --no-audit "bun@$BUN_VERSION" >&2 || die "npm install -g bun@$BUN_VERSION failed (not allowed to write npm's global folder?). Run it as root or set npm's prefix to a folder you own, then run this again."
  PATH="$(npm prefix -g)/bin:$PATH"
  export PATH
  bun --version >/dev/null 2>&1 || die "bun was installed by npm but does not run; check $(npm prefix -g)/bin/bun"
}

ensure_node_modules() {
  bun install --frozen-lockfile >&2 || die "bun install --frozen-lockfile failed; see the messages above"
}

case "$MODE" in
  start)
    ensure_apt runtime
    ensure_bun
    ensure_node_modules
    exec bun run src/main.ts "$@"
    ;;
  test)
    ensure_apt test
    ensure_bun
    ensure_node_modules
    exec bun run tests/run.ts "$@"
    ;;
  deps)
    ensure_apt "${1:-test}"
    ensure_bun
    ensure_node_modules
    ;;
  *)
    die "unknown mode \"$MODE\": use start, test or deps"
    ;;
esac
