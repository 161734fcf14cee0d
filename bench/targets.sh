#!/usr/bin/env bash
# Every target of issue 18 in one run, each next to what the machine itself does:
#  1. instructions per input byte (callgrind; a noisy machine does not disturb it) on a
#     5 MB corpus, next to cat, wc -l and the floor program (bench/instructions.sh);
#  2. MB/s into /dev/null on a 100 MB corpus, best of five by user CPU time (wall time
#     is printed too, but other sessions' load moves it), next to cat and the floor;
#  3. peak memory on a 1 GB corpus (GNU time), for every output format;
#  4. PDF pages per second next to pdftotext -layout (bench/pdf.sh).
# Corpora are generated once into bench/corpus/ (the 1 GB one takes a while).
#
#   bench/targets.sh            BPT=build/bpt to choose the binary; SKIP_GB=1 skips step 3
set -euo pipefail
cd "$(dirname "$0")/.."
bpt=${BPT:-build/bpt}
export BPT=$bpt
mkdir -p bench/corpus bench/out
gen() { [ -f "bench/corpus/$2" ] || python3 bench/gen_corpus.py --size-mb "$1" --out "bench/corpus/$2" >&2; }

echo "## 1. Instructions per input byte"
echo
bash bench/instructions.sh 5
floor=bench/out/floor   # built by instructions.sh

# best of five: prints "WALL USER PEAK_KIB"
best5() {
  local best="" bu="" rss=0
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e %U %M" -o bench/out/time "$@" >/dev/null 2>bench/out/stderr \
      || [ $? -eq 1 ] || { cat bench/out/stderr >&2; exit 1; }
    read -r s u kb < <(tail -1 bench/out/time)
    if [ -z "$bu" ] || awk "BEGIN{exit !($u < $bu)}"; then best=$s; bu=$u; fi
    [ "$kb" -gt "$rss" ] && rss=$kb
  done
  echo "$best $bu $rss"
}
mbps() {  # LABEL BYTES TARGET COMMAND...
  local label=$1 bytes=$2 target=$3; shift 3
  read -r s u kb < <(best5 "$@")
  awk -v l="$label" -v b="$bytes" -v s="$s" -v u="$u" -v t="$target" -v k="$kb" \
    'BEGIN{ s = (s < 0.005 ? 0.005 : s); u = (u < 0.005 ? 0.005 : u); r = b/1e6/u;
            v = (t == "" ? "" : (r >= t ? "met" : sprintf("short: %.2f×", t/r)));
            printf "| %s | %.2f | %.0f | %.0f | %s | %s | %.1f |\n", l, s, b/1e6/s, r, (t == "" ? "" : "≥ " t), v, k/1024 }'
}

echo
echo "## 2. Throughput into /dev/null (100 MB corpus)"
echo
gen 100 big-100.txt
big=bench/corpus/big-100.txt; bytes=$(stat -c %s "$big")
echo "| command | wall s | MB/s | MB/s of user CPU | target | | peak MiB |"
echo "|---|---|---|---|---|---|---|"
mbps "cat" "$bytes" "" cat "$big"
[ -x "$floor" ] && mbps "floor (read, lines, UTF-8)" "$bytes" "" "$floor" "$big"
mbps "bpt parse --format ndjson" "$bytes" 450 "$bpt" parse "$big" --format ndjson -o /dev/null
mbps "bpt parse --format json" "$bytes" "" "$bpt" parse "$big" --format json -o /dev/null
mbps "bpt parse --format csv" "$bytes" "" "$bpt" parse "$big" --format csv -o /dev/null
mbps "bpt validate" "$bytes" "" "$bpt" validate "$big" --format json -o /dev/null

if [ -z "${SKIP_GB:-}" ]; then
  echo
  echo "## 3. Peak memory on 1 GB (target ≤ 32 MiB)"
  echo
  gen 1000 big-1000.txt
  gb=bench/corpus/big-1000.txt
  echo "| command | seconds | peak MiB | |"
  echo "|---|---|---|---|"
  for args in "parse --format ndjson" "parse --format json" "parse --format csv" "validate --format json"; do
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %M" -o bench/out/time "$bpt" $args "$gb" -o /dev/null 2>/dev/null || [ $? -eq 1 ]
    read -r s kb < <(tail -1 bench/out/time)
    awk -v l="bpt $args" -v s="$s" -v k="$kb" \
      'BEGIN{ printf "| %s | %.2f | %.1f | %s |\n", l, s, k/1024, (k/1024 <= 32 ? "met" : "over") }'
  done
fi

echo
echo "## 4. PDF, next to pdftotext -layout"
echo
bash bench/pdf.sh
echo
echo "$(nproc) cores, $(uname -m); $("$bpt" --version | head -1); $(date -u +%F)"
