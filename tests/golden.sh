#!/usr/bin/env bash
# Golden outputs: every format of every command on the samples in data/, compared
# byte for byte with tests/golden/. A change of output is then a reviewed diff of
# these files, never an accident. `tests/golden.sh BPT --update` rewrites them.
set -u
bpt=$1; update=${2:-}
cd "$(dirname "$0")/.."
golden=tests/golden
fail=0
run() {  # NAME ARGS...: the output and exit code of `bpt ARGS` must equal golden/NAME
    local name=$1; shift
    local out; out=$("$bpt" "$@" 2>&1; echo "exit $?")
    if [ "$update" = --update ]; then printf '%s\n' "$out" > "$golden/$name"; return; fi
    if ! diff -q <(printf '%s\n' "$out") "$golden/$name" >/dev/null; then
        echo "golden: $name differs (bpt $*):"; diff <(printf '%s\n' "$out") "$golden/$name" | head -20
        fail=1
    fi
}
for f in data/huadu-org-layout.txt data/huadu-org-export.tsv; do
    s=$(basename "$f"); s=${s%.*}
    run "$s.json" parse "$f"
    run "$s.ndjson" parse "$f" --format ndjson
    run "$s.csv" parse "$f" --format csv
    run "$s.indicators.csv" parse "$f" --format csv --table indicators
    run "$s.validate.txt" validate "$f" --color never
    run "$s.validate.json" validate "$f" --format json
    run "$s.validate.github" validate "$f" --format github
    run "$s.validate.sarif" validate "$f" --format sarif
    run "$s.validate.junit" validate "$f" --format junit
    run "$s.validate.gitlab" validate "$f" --format gitlab
    run "$s.indicators.ndjson" parse "$f" --format ndjson --table indicators
done
run rules.txt rules
if [ "$fail" = 0 ] && [ "$update" != --update ]; then echo "golden: all outputs equal"; fi
exit $fail
