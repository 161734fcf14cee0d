#!/usr/bin/env bash
# The one configure line of setup.sh and test.sh: both give the same cache to the
# same folder, so test.sh builds on what setup.sh built instead of starting over
# (a changed option, such as -Werror, recompiles every file).
# Usage: scripts/configure.sh [--sanitize]   (prints the build folder)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build type=Release sanitize=OFF
if [ "${1:-}" = "--sanitize" ]; then
  dir=build-asan type=Debug sanitize=ON
fi
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=$type -DBPT_SANITIZE=$sanitize -DBPT_WERROR=ON >/dev/null
echo "$dir"
