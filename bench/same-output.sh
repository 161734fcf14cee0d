#!/usr/bin/env bash
# Differential check for speed work: every output of two bpt binaries on every table
# in data/ (and, when given, a benchmark corpus) must be byte-identical, with the same
# standard error and exit code. The golden test covers two samples; this covers all.
#
#   bench/same-output.sh BASELINE_BPT NEW_BPT [EXTRA_FILE...]
set -u
base=$1; new=$2; shift 2
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0; n=0
compare() {  # ARGS...: stdout, stderr and exit of both binaries must match
    "$base" "$@" >"$tmp/a.out" 2>"$tmp/a.err"; echo "exit $?" >>"$tmp/a.err"
    "$new" "$@" >"$tmp/b.out" 2>"$tmp/b.err"; echo "exit $?" >>"$tmp/b.err"
    n=$((n + 1))
    if ! cmp -s "$tmp/a.out" "$tmp/b.out" || ! cmp -s "$tmp/a.err" "$tmp/b.err"; then
        echo "same-output: differs: bpt $*"
        diff <(cat "$tmp/a.out" "$tmp/a.err") <(cat "$tmp/b.out" "$tmp/b.err") | head -8
        fail=1
    fi
}
files=$(find data -type f \( -name '*.txt' -o -name '*.tsv' -o -name '*.csv' -o -name '*.pdf' \) | sort)
for f in $files "$@"; do
    for fmt in json ndjson csv; do compare parse "$f" --format "$fmt"; done
    compare parse "$f" --format csv --table indicators
    compare parse "$f" --format ndjson --table indicators
    compare validate "$f" --format json
    compare validate "$f" --color never
done
echo "same-output: $n runs, $([ $fail = 0 ] && echo 'all identical' || echo 'DIFFERENCES')"
exit $fail
