#!/usr/bin/env bash
# The training run of the profile-guided build (scripts/configure.sh): an instrumented
# bpt reads every kind of input the project ships — layout, export, grid and extracted
# text samples, PDFs, a generated 20 MB corpus — in every output format, and validates,
# converts (threads), compares and sums them, so that no path is tuned at another's
# expense and the rarely run ones (PDF, xlsx) are not optimised for size instead.
# Its exit codes are the tables' own (1: findings); only a crash fails the training.
#
#   scripts/pgo-train.sh INSTRUMENTED_BPT
set -euo pipefail
bpt=$(realpath "$1")
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

run() {  # ARGS...: one bpt command; a signal (status > 2) is a failure
  local rc=0
  "$bpt" "$@" >/dev/null 2>&1 || rc=$?
  if [ "$rc" -gt 2 ]; then echo "pgo-train: bpt $* exited $rc" >&2; exit 1; fi
}

python3 bench/gen_corpus.py --size-mb 20 --out "$tmp/corpus.txt" >/dev/null

samples=$(find data -type f \( -name '*.txt' -o -name '*.tsv' -o -name '*.csv' -o -name '*.pdf' \) | sort)
for f in $samples "$tmp/corpus.txt"; do
  for fmt in json ndjson csv; do run parse "$f" --format "$fmt" -o "$tmp/out"; done
  run parse "$f" --format ndjson --table indicators -o "$tmp/out"
  run parse "$f" --format csv --table indicators --header zh --bom -o "$tmp/out"
  run validate "$f" --format json -o "$tmp/out"
  run validate "$f" --color never
done
for f in $samples; do
  run stats "$f"
done
run parse data/huadu-org-layout.txt --format xlsx -o "$tmp/out.xlsx"
run parse data/huadu-org-calc.pdf --format xlsx -o "$tmp/out.xlsx"
run stats "$tmp/corpus.txt"
run diff data/huadu-org-layout.txt data/huadu-org-export.tsv
run diff data/huadu-org-layout.txt data/huadu-org-calc.pdf --format json
run convert data --out-dir "$tmp/conv" --format ndjson -j 2 -q
run convert data --combine "$tmp/all.csv" --format csv -j 2 -q
run parse - --format ndjson < data/huadu-org-layout.txt
