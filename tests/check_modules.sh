#!/usr/bin/env bash
# bpt starts without Poppler and libxlsxwriter (they are modules, docs/architecture.md),
# and without its modules it refuses a PDF or a workbook in one line, never crashes.
# Usage: check_modules.sh BPT DATA_DIR
set -euo pipefail
bpt=$1 data=$2
fail() { echo "check_modules: $*"; exit 1; }
needed=$(readelf -d "$bpt" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
for lib in poppler xlsxwriter; do
    ! grep -q "$lib" <<<"$needed" || fail "bpt links $lib: $(tr '\n' ' ' <<<"$needed")"
done
alone=$(mktemp -d)
trap 'rm -rf "$alone"' EXIT
cp "$bpt" "$alone/bpt"
set +e
msg=$("$alone/bpt" parse "$data/huadu-org-calc.pdf" 2>&1 >/dev/null); rc=$?
set -e
[ "$rc" = 2 ] || fail "a PDF without libbpt-pdf.so: exit $rc, not 2"
grep -q "^bpt: $data/huadu-org-calc.pdf: cannot read PDFs: .*libbpt-pdf.so" <<<"$msg" || fail "a PDF without the module: $msg"
[ "$(wc -l <<<"$msg")" = 1 ] || fail "more than one line: $msg"
set +e
msg=$("$alone/bpt" parse "$data/huadu-org-layout.txt" --format xlsx -o "$alone/out.xlsx" 2>&1 >/dev/null); rc=$?
set -e
[ "$rc" = 2 ] || fail "a workbook without libbpt-xlsx.so: exit $rc, not 2"
grep -q "^bpt: cannot write .xlsx workbooks: .*libbpt-xlsx.so" <<<"$msg" || fail "a workbook without the module: $msg"
[ ! -e "$alone/out.xlsx" ] || fail "a workbook was left without the module"
echo "check_modules: bpt needs neither Poppler nor libxlsxwriter, and says so without its modules"
