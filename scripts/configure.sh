#!/usr/bin/env bash
# The one configure line of setup.sh and test.sh: both give the same cache to the
# same folder, so test.sh builds on what setup.sh built instead of starting over
# (a changed option, such as -Werror, recompiles every file).
# With GCC the release build is profile-guided (docs/architecture.md "Profile-guided
# build"): when the sources differ from those the profile was trained on, an
# instrumented bpt is built in build-pgo/ and run by scripts/pgo-train.sh first.
# BPT_PGO=OFF in the environment skips all that, for quick local builds.
# Usage: scripts/configure.sh [--sanitize]   (prints the build folder)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build type=Release sanitize=OFF
if [ "${1:-}" = "--sanitize" ]; then
  dir=build-asan type=Debug sanitize=ON
fi
pgo=OFF
if [ "$sanitize" = OFF ] && [ "${BPT_PGO:-ON}" != OFF ] && ${CXX:-c++} -v 2>&1 | grep -q '^gcc version'; then
  pgo=USE
  profile=$PWD/$dir/pgo-profile
  # What the profile was trained on: every file compiled into bpt, and the training.
  sources=$(find CMakeLists.txt src include scripts/pgo-train.sh bench/gen_corpus.py -type f | LC_ALL=C sort | xargs sha256sum | sha256sum)
  if [ "$(cat "$profile/stamp" 2>/dev/null)" != "$sources" ]; then
    echo "configure: training the profile-guided build (build-pgo/, scripts/pgo-train.sh)" >&2
    cmake -S . -B build-pgo -G Ninja -DCMAKE_BUILD_TYPE=Release -DBPT_WERROR=ON -DBPT_BUILD_TESTS=OFF \
      -DBPT_PGO=GENERATE -DBPT_PGO_DIR="$profile" >/dev/null
    cmake --build build-pgo --target bpt >&2
    rm -rf "$profile"
    bash scripts/pgo-train.sh build-pgo/bpt
    echo "$sources" > "$profile/stamp"
  fi
fi
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=$type -DBPT_SANITIZE=$sanitize -DBPT_WERROR=ON -DBPT_PGO=$pgo >/dev/null
echo "$dir"
