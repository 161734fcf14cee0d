#!/usr/bin/env bash
# PDF speed next to pdftotext on the same files, in one run: pages per second and
# MB/s, best of three, with bpt's peak memory. The 1,000-page file repeats one page
# of the sample (data/pdf/README.md), so its memory shows whether pages stream.
#
#   bench/pdf.sh            (BPT=build/bpt to choose the binary)
set -euo pipefail
cd "$(dirname "$0")/.."
bpt=${BPT:-build/bpt}
command -v pdftotext >/dev/null || { echo "bench/pdf.sh: needs pdftotext (poppler-utils)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

best() {  # COMMAND...: the best of three wall times, and the largest peak RSS in KiB
  local b="" rss=0
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$out/t" "$@" >/dev/null 2>&1 || true
    read -r s kb <"$out/t"
    if [ -z "$b" ] || awk "BEGIN{exit !($s < $b)}"; then b=$s; fi
    [ "$kb" -gt "$rss" ] && rss=$kb
  done
  echo "$b $rss"
}

echo "| file | pages | MB | tool | seconds | pages/s | MB/s | peak MiB |"
echo "|---|---|---|---|---|---|---|---|"
for f in data/huadu-org-calc.pdf data/pdf/huadu-chromium.pdf data/pdf/thousand-pages.pdf; do
  pages=$(pdfinfo "$f" | awk '/^Pages:/{print $2}')
  bytes=$(stat -c %s "$f")
  for tool in bpt pdftotext; do
    if [ $tool = bpt ]; then read -r s kb < <(best "$bpt" parse "$f" -q --format ndjson)
    else read -r s kb < <(best pdftotext -layout "$f" "$out/x.txt"); fi
    awk -v f="$(basename "$f")" -v p="$pages" -v b="$bytes" -v t=$tool -v s="$s" -v k="$kb" \
      'BEGIN{ s = (s < 0.005 ? 0.005 : s); printf "| %s | %d | %.2f | %s | %.2f | %.0f | %.2f | %.1f |\n", f, p, b/1e6, t, s, p/s, b/1e6/s, k/1024 }'
  done
done
