#!/usr/bin/env bash
# test.sh must build on what setup.sh built: both configure through
# scripts/configure.sh with the same arguments, and nothing else configures.
# Then, in a scratch copy of the sources, configure + build the bpt target as
# setup.sh does, configure as test.sh does, and ninja must have nothing to redo
# for bpt (a changed option would recompile every file).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fail() { echo "check_scripts: $*"; exit 1; }
grep -q '^dir=$(bash scripts/configure.sh)$' "$root/scripts/setup.sh" || fail "setup.sh does not use configure.sh"
grep -q '^dir=$(bash scripts/configure.sh "$@")$' "$root/scripts/test.sh" || fail "test.sh does not use configure.sh"
n=$(cat "$root/scripts/setup.sh" "$root/scripts/test.sh" | grep -c 'cmake -S' || true)
[ "$n" = 0 ] || fail "setup.sh or test.sh configures on its own"
# Configure twice as the two scripts do into a scratch folder: the second run must
# leave the build graph of the first untouched.
# Without the profile-guided build: its training would build bpt twice here, and
# the option is the same in both runs anyway.
export BPT_PGO=OFF
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r "$root/CMakeLists.txt" "$root/src" "$root/include" "$root/tests" "$root/scripts" "$root/fuzz" "$scratch/"
(cd "$scratch" && bash scripts/configure.sh >/dev/null)
before=$(cd "$scratch/build" && ninja -t commands bpt | md5sum)
(cd "$scratch" && bash scripts/configure.sh >/dev/null)
after=$(cd "$scratch/build" && ninja -t commands bpt | md5sum)
[ "$before" = "$after" ] || fail "configuring again changes how bpt is built"
echo "check_scripts: setup.sh and test.sh share one configuration of build/"
