#!/usr/bin/env bash
# The whole test suite: builds (warnings are errors here) and runs every test with
# CTest. `--sanitize` does the same in a separate AddressSanitizer + UBSan build.
# The build folder and its configuration are setup.sh's (scripts/configure.sh), so
# only what changed since is compiled.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
dir=$(bash scripts/configure.sh "$@")
cmake --build "$dir"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
