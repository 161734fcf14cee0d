#!/usr/bin/env bash
# Instructions per input byte, counted by callgrind: the yardstick of issue 18, which a
# noisy shared machine does not disturb. Prints one Markdown table: each bpt command
# next to `cat`, `wc -l` and a floor program (bench/floor.cpp: read, count lines, check
# UTF-8 with bpt's own validator) on the same corpus, in the same run, with the target.
#
#   bench/instructions.sh [SIZE_MB]      default 5 (a 5 MB corpus of the sample table)
#   BPT=build/bpt bench/instructions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-5}
bpt=${BPT:-build/bpt}
command -v valgrind >/dev/null || { echo "instructions.sh: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
mkdir -p bench/corpus bench/out
corpus=bench/corpus/corpus-${size_mb}MB.txt
[ -f "$corpus" ] || python3 bench/gen_corpus.py --size-mb "$size_mb" --out "$corpus" >&2
bytes=$(stat -L -c %s "$corpus")

count() {
  valgrind --tool=callgrind --callgrind-out-file=bench/out/callgrind.out "$@" >/dev/null 2>bench/out/callgrind.err || {
    # bpt exits 1 when the table has findings; only a crash or a refusal is a failure.
    rc=$?
    [ "$rc" -eq 1 ] || { cat bench/out/callgrind.err >&2; exit 1; }
  }
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' bench/out/callgrind.err
}

row() {  # LABEL TARGET COMMAND...: TARGET is the most instructions per byte allowed, or empty
  local label=$1 target=$2; shift 2
  local n
  n=$(count "$@")
  awk -v l="$label" -v n="$n" -v b="$bytes" -v t="$target" \
    'BEGIN{ v = ""; if (t != "") v = (n/b <= t ? "met" : sprintf("short: %.1f×", (n/b)/t));
            printf "| %s | %.1f M | %.1f | %s | %s |\n", l, n/1e6, n/b, (t == "" ? "" : "≤ " t), v }'
}

# The floor links bpt's own UTF-8 validator from the build tree's core library.
floor=bench/out/floor
core=$(dirname "$bpt")/libbpt_core.a
if [ -f "$core" ]; then
  ${CXX:-c++} -O2 -std=c++20 -Iinclude bench/floor.cpp "$core" -lfmt -licuuc -o "$floor"
else
  floor=""
fi

echo "corpus: $corpus, $bytes bytes; $("$bpt" --version 2>/dev/null | head -1)"
echo
echo "| command | instructions | per input byte | target per byte | |"
echo "|---|---|---|---|---|"
row "cat" "" cat "$corpus"
row "wc -l" "" wc -l "$corpus"
[ -n "$floor" ] && row "floor (read, lines, UTF-8)" "" "$floor" "$corpus"
row "bpt parse --format ndjson" 25 "$bpt" parse "$corpus" --format ndjson -o /dev/null
row "bpt parse --format json" 30 "$bpt" parse "$corpus" --format json -o /dev/null
row "bpt parse --format csv" 20 "$bpt" parse "$corpus" --format csv -o /dev/null
row "bpt validate" 18 "$bpt" validate "$corpus" --format json -o /dev/null
