#!/usr/bin/env bash
# Measures bpt's speed and peak memory against `cat` and `wc -l` on the same input,
# in one run, and prints a Markdown table (bench/README.md keeps the latest).
#
#   bench/run.sh [SIZE_MB] [FILES]     defaults: 100 MB, 300 files
#   BPT=build/bpt BIG_GB=1 bench/run.sh   also checks peak memory on a 1 GB file
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-100}
files=${2:-300}
bpt=${BPT:-build/bpt}
corpus=bench/corpus
out=bench/out
mkdir -p "$corpus" "$out"

[ -f "$corpus/big-${size_mb}.txt" ] || python3 bench/gen_corpus.py --size-mb "$size_mb" --out "$corpus/big-${size_mb}.txt" >&2
[ -d "$corpus/folder-${files}" ] || python3 bench/gen_corpus.py --files "$files" --out-dir "$corpus/folder-${files}" >&2
big="$corpus/big-${size_mb}.txt"
folder="$corpus/folder-${files}"
big_bytes=$(stat -c %s "$big")
folder_bytes=$(du -sb "$folder" | cut -f1)

# Best of five wall times (this machine's system time swings between runs), the
# user CPU time of that run, and the peak RSS over all runs, from GNU time.
measure() {
  local label=$1 bytes=$2; shift 2
  local best="" best_user="" rss=0
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e %U %M" -o "$out/time" "$@" >/dev/null 2>"$out/stderr" || { cat "$out/stderr" >&2; return 1; }
    read -r secs user kb <"$out/time"
    if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs; best_user=$user; fi
    [ "$kb" -gt "$rss" ] && rss=$kb
  done
  awk -v l="$label" -v b="$bytes" -v s="$best" -v u="$best_user" -v k="$rss" \
    'BEGIN{ s = (s < 0.005 ? 0.005 : s); u = (u < 0.005 ? 0.005 : u);
            printf "| %s | %.2f | %.0f | %.0f | %.1f |\n", l, s, b/1e6/s, b/1e6/u, k/1024 }'
}

echo "| command | seconds | MB/s | MB/s of user CPU | peak MiB |"
echo "|---|---|---|---|---|"
measure "cat big > /dev/null" "$big_bytes" cat "$big"
measure "wc -l big" "$big_bytes" wc -l "$big"
measure "bpt parse --format ndjson" "$big_bytes" "$bpt" parse "$big" --format ndjson
measure "bpt parse --format json" "$big_bytes" "$bpt" parse "$big"
measure "bpt parse --format csv" "$big_bytes" "$bpt" parse "$big" --format csv
measure "bpt validate" "$big_bytes" sh -c "'$bpt' validate '$big' --format json; [ \$? -le 1 ]"
# convert writes ~370 MB of JSON: into memory (tmpfs) where there is one, so that the
# figures measure bpt's parallelism rather than the disk's mood.
conv=$out
[ -d /dev/shm ] && [ -w /dev/shm ] && conv=/dev/shm/bpt-bench
rm -rf "$conv/conv1" "$conv/conv2"
measure "bpt convert --jobs 1 (folder)" "$folder_bytes" "$bpt" convert "$folder" --out-dir "$conv/conv1" --jobs 1 --quiet
measure "bpt convert --jobs 2 (folder)" "$folder_bytes" "$bpt" convert "$folder" --out-dir "$conv/conv2" --jobs 2 --quiet
cmp -s <(cd "$conv/conv1" && find . -type f -exec md5sum {} + | sort) <(cd "$conv/conv2" && find . -type f -exec md5sum {} + | sort) \
  || echo "WARNING: convert --jobs 1 and --jobs 2 outputs differ" >&2
rm -rf "$conv/conv1" "$conv/conv2"
measure "cat folder > /dev/null" "$folder_bytes" sh -c "cat '$folder'/* > /dev/null"

if [ -n "${BIG_GB:-}" ]; then
  [ -f "$corpus/big-1000.txt" ] || python3 bench/gen_corpus.py --size-mb 1000 --out "$corpus/big-1000.txt" >&2
  measure "bpt parse --format ndjson (1 GB)" "$(stat -c %s "$corpus/big-1000.txt")" "$bpt" parse "$corpus/big-1000.txt" --format ndjson
fi
echo
echo "input: $big ($((big_bytes / 1000000)) MB), $folder ($files files, $((folder_bytes / 1000000)) MB); $(nproc) cores; $(uname -m)"
