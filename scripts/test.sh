#!/usr/bin/env bash
# The whole test suite: builds (warnings are errors here) and runs every test with
# CTest. `--sanitize` does the same in a separate AddressSanitizer + UBSan build.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=build type=Release sanitize=OFF
if [ "${1:-}" = "--sanitize" ]; then
  dir=build-asan type=Debug sanitize=ON
fi

bash scripts/install-deps.sh
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=$type -DBPT_SANITIZE=$sanitize -DBPT_WERROR=ON >/dev/null
cmake --build "$dir"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
