#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS (default 60), seeded from data/ and from
# the minimized corpus kept in fuzz/corpus/<target>/, and prints the executions run
# per target. CI runs it briefly (.ci/run); for a long run give an hour or more. A
# crash stops with the fuzzer's report and the input saved under
# build-fuzz/crashes/: turn it into a fix and a regression test.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# The kept corpus was made from data/ cut small (25-line slices of at most 1,200
# bytes; the writers' with a selector byte first, see fuzz/fuzz_writers.cpp) and
# minimized with `build-fuzz/fuzz/TARGET -merge=1 -max_len=N fuzz/corpus/TARGET SLICES/`.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_source fuzz_reader fuzz_indicator fuzz_pdf_rows fuzz_writers fuzz_grid)

# Longest input per target. Long inputs find little that short ones do not (every
# reader works line by line) and slow each run down: the readers' limits keep them
# at 1,000 or more executions a second under the sanitizers.
max_len() {
  case "$1" in
    fuzz_source) echo 65536 ;;    # the encoding detector's blocks are 64 KiB
    fuzz_writers) echo 8192 ;;
    *) echo 4096 ;;
  esac
}

bash scripts/install-deps.sh --fuzz
cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DBPT_FUZZ=ON -DBPT_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz

# Seeds: the samples whole and in slices (small inputs mutate faster), and every
# indicator cell of the samples for the grammar.
seeds=build-fuzz/seeds
rm -rf "$seeds" && mkdir -p "$seeds/files" "$seeds/cells" build-fuzz/crashes
for f in data/*; do
  [ -f "$f" ] || continue  # data/pdf/: the PDF fixtures are no text seeds
  cp "$f" "$seeds/files/"
  split -l 60 -d -a 3 "$f" "$seeds/files/$(basename "$f")."
done
build-fuzz/bpt parse data/huadu-org-layout.txt --compact | python3 -c '
import json, sys, hashlib
for p in json.load(sys.stdin)["projects"]:
    t = p["indicators_text"].encode()
    open(sys.argv[1] + "/" + hashlib.sha1(t).hexdigest(), "wb").write(t)' "$seeds/cells"

for t in "${targets[@]}"; do
  corpus="build-fuzz/corpus-$t"
  mkdir -p "$corpus"
  seed=("$seeds/files")
  [ "$t" = fuzz_indicator ] && seed=("$seeds/cells")
  # The writers' inputs start with a selector byte: the raw files seed it poorly.
  [ "$t" = fuzz_writers ] && seed=()
  [ -d "fuzz/corpus/$t" ] && seed+=("fuzz/corpus/$t")
  log="build-fuzz/$t.log"
  if ! build-fuzz/fuzz/$t "$corpus" "${seed[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len="$(max_len "$t")" -artifact_prefix=build-fuzz/crashes/ -print_final_stats=1 >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "fuzz: $t FAILED (input saved in build-fuzz/crashes/)" >&2
    exit 1
  fi
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
  rate=$(grep -Eo 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
  echo "fuzz: $t: $runs executions in ${seconds}s ($rate/s, max_len $(max_len "$t")), no crash"
done
