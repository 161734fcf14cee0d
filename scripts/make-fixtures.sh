#!/bin/sh
# Rebuilds the PDF fixtures in data/pdf/ and the extractor texts in data/extracted/.
#
# Development-time only: the tools below are NOT build dependencies and are deliberately
# absent from scripts/install-deps.sh.  Install them with
#   apt-get install -y chromium fonts-noto-cjk fonts-wqy-zenhei libreoffice-calc qpdf \
#       img2pdf python3-openpyxl python3-fitz python3-pdfminer python3-pypdf \
#       poppler-utils mupdf-tools
#
# Usage: scripts/make-fixtures.sh [pdf|grid|bad|extracted|all]   (default: all)
#   BPT=path/to/bpt   the built CLI that turns data/huadu-org-layout.txt into JSON records
#   CALC_PDF=...      the LibreOffice Calc sample (copied to data/pdf/huadu-org-calc.pdf)
#
# The PDFs are not byte-reproducible (the tools stamp creation dates and ids), but their
# text and figures are: the .expected.json files depend only on the text sample.
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=/usr/bin/python3            # Debian's python: the python3-* packages live there
HELPER="$ROOT/scripts/fixtures.py"
BPT=${BPT:-"$ROOT/build/bpt"}
CALC_PDF=${CALC_PDF:-/work/shared/samples/pdf/huadu-org-calc.pdf}
PDF="$ROOT/data/pdf"
EXT="$ROOT/data/extracted"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$PDF" "$EXT"

"$BPT" parse "$ROOT/data/huadu-org-layout.txt" > "$WORK/records.json"
RECORDS="$WORK/records.json"

pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }

chromium_pdf() {  # chromium_pdf IN.html OUT.pdf
    # Tagging off: the structure tree alone would more than double the file, and the
    # readers under test do not use it.
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d -p "$WORK")" --no-pdf-header-footer --disable-pdf-tagging \
        --print-to-pdf="$2" "file://$1" 2>/dev/null
}

calc_pdf() {  # calc_pdf IN.xlsx OUT.pdf
    soffice -env:UserInstallation="file://$WORK/lo-profile" --headless --convert-to pdf \
        --outdir "$WORK" "$1" >/dev/null 2>&1
    mv "$WORK/$(basename "$1" .xlsx).pdf" "$2"
}

table_fixture() {  # table_fixture NAME chromium|calc
    name=$1
    case $2 in
    chromium)
        "$PY" "$HELPER" html "$RECORDS" "$name" "$WORK/$name.html"
        chromium_pdf "$WORK/$name.html" "$PDF/$name.pdf" ;;
    calc)
        "$PY" "$HELPER" xlsx "$RECORDS" "$name" "$WORK/$name.xlsx"
        calc_pdf "$WORK/$name.xlsx" "$PDF/$name.pdf" ;;
    esac
    "$PY" "$HELPER" expected "$RECORDS" "$name" "$(pages "$PDF/$name.pdf")" "$PDF/$name.expected.json"
    echo "$name.pdf: $(pages "$PDF/$name.pdf") pages, $(stat -c %s "$PDF/$name.pdf") bytes"
}

make_pdf() {
    cp "$CALC_PDF" "$PDF/huadu-org-calc.pdf"
    chmod 644 "$PDF/huadu-org-calc.pdf"
    "$PY" "$HELPER" expected-calc "$RECORDS" "$(pages "$PDF/huadu-org-calc.pdf")" \
        "$PDF/huadu-org-calc.expected.json"
    table_fixture huadu-chromium chromium
    table_fixture huadu-portrait calc
    table_fixture two-departments chromium
    table_fixture four-columns chromium
    table_fixture small chromium
}

make_bad() {
    [ -f "$PDF/small.pdf" ] || table_fixture small chromium
    "$PY" "$HELPER" prose "$WORK/prose.html"
    chromium_pdf "$WORK/prose.html" "$PDF/not-a-table.pdf"
    # The same one-page table as small.pdf, so a reader that opens it must find the same figures.
    qpdf --encrypt secret secret-owner 256 -- "$PDF/small.pdf" "$PDF/encrypted-user.pdf"
    qpdf --encrypt "" secret-owner 256 --print=none --modify=none -- "$PDF/small.pdf" "$PDF/encrypted-owner.pdf"
    # Copying forbidden too, as many published budget PDFs are: poppler extracts regardless,
    # so whether to honour the flag is the reader's decision, and this file tests it.
    qpdf --encrypt "" secret-owner 256 --extract=n --print=none --modify=none -- "$PDF/small.pdf" "$PDF/encrypted-nocopy.pdf"
    # A grey JPEG page and nothing else: no font, no text operator, as a scanner makes it.
    pdftoppm -r 75 -gray -png -f 1 -l 1 -singlefile "$PDF/small.pdf" "$WORK/scan"
    "$PY" "$HELPER" jpeg "$WORK/scan.png" "$WORK/scan.jpg"
    img2pdf --pagesize A4^T -o "$PDF/scan.pdf" "$WORK/scan.jpg"
    size=$(stat -c %s "$PDF/small.pdf")
    head -c $((size * 60 / 100)) "$PDF/small.pdf" > "$PDF/truncated.pdf"
    "$PY" "$HELPER" damaged "$PDF/damaged.pdf"
    ls -l "$PDF"/encrypted-*.pdf "$PDF"/scan.pdf "$PDF"/truncated.pdf "$PDF"/damaged.pdf "$PDF"/not-a-table.pdf
}

make_extracted() {
    for src in "$PDF/huadu-org-calc.pdf" "$PDF/huadu-chromium.pdf"; do
        stem=$(basename "$src" .pdf)
        pdftotext -layout "$src" "$EXT/$stem.pdftotext-layout.txt"
        pdftotext "$src" "$EXT/$stem.pdftotext.txt"
        pdftotext -raw "$src" "$EXT/$stem.pdftotext-raw.txt"
        mutool draw -q -F txt -o "$EXT/$stem.mutool.txt" "$src"
        "$PY" "$HELPER" extract pymupdf "$src" "$EXT/$stem.pymupdf.txt"
        pdf2txt -o "$EXT/$stem.pdfminer.txt" "$src"
        "$PY" "$HELPER" extract pypdf "$src" "$EXT/$stem.pypdf.txt"
        # pdfplumber is not in Debian: its source tree (v0.10.0) in PDFPLUMBER_SRC, run on
        # Debian's python3-pdfminer; pypdfium2 (only for page images) is an empty stub.
        if [ -n "${PDFPLUMBER_SRC:-}" ]; then
            stub=$(mktemp -d)
            : > "$stub/pypdfium2.py"
            PYTHONPATH="$PDFPLUMBER_SRC:$stub" "$PY" "$HELPER" pdfplumber "$src" "$EXT/$stem"
            rm -r "$stub"
        fi
    done
    ls -l "$EXT"
}

grid_fixture() {  # grid_fixture NAME SOURCE [grid_fixtures.py html options]
    # A grid form printed from its spreadsheet rendering in data/grid/: the PDF must give
    # that rendering's records (tests/grid_pdf_test.cpp compares them).
    name=$1; src=$2; shift 2
    mkdir -p "$PDF/grid"
    "$PY" "$ROOT/scripts/grid_fixtures.py" html "$ROOT/data/grid/$src" "$WORK/$name.html" "$@"
    chromium_pdf "$WORK/$name.html" "$PDF/grid/$name.pdf"
    # Exit 1: written, with findings (a self-evaluation's actual below its target …).
    "$BPT" parse -q "$ROOT/data/grid/$src" > "$WORK/$name.json" || [ $? -eq 1 ]
    "$PY" "$ROOT/scripts/grid_fixtures.py" expected "$WORK/$name.json" "$(pages "$PDF/grid/$name.pdf")" \
        "grid/$src" "$PDF/grid/$name.expected.json"
    echo "grid/$name.pdf: $(pages "$PDF/grid/$name.pdf") pages, $(stat -c %s "$PDF/grid/$name.pdf") bytes"
}

make_grid() {
    grid_fixture single-project single-project-spreadsheet.tsv
    grid_fixture single-project-top single-project-spreadsheet.tsv --valign top
    grid_fixture selfeval selfeval-spreadsheet.csv
    grid_fixture multiproject multiproject-spreadsheet.tsv
    grid_fixture midterm-annual midterm-annual-spreadsheet.tsv
    # realworld rw-14's form: a 绩效指标 label column, then 中期 and 年度 groups of
    # 二级指标 | 三级指标 | 指标值 side by side.
    grid_fixture midterm-annual-groups rw-14-midterm-annual-groups-spreadsheet.tsv
    # Large type: two pages, the header repeated, the level cells merged across the break.
    grid_fixture whole-department whole-department-spreadsheet.tsv --font 17pt
    # One row's note so long that Chromium splits the row over two pages, then three.
    grid_fixture row-split whole-department-long-note-spreadsheet.tsv --font 17pt
    # Cells padded 1 px: rows as close as a wrapped cell's lines; refused, not misread.
    "$PY" "$ROOT/scripts/grid_fixtures.py" html "$ROOT/data/grid/single-project-spreadsheet.tsv" \
        "$WORK/tight-padding.html" --padding "1px 2px"
    chromium_pdf "$WORK/tight-padding.html" "$PDF/grid/tight-padding.pdf"
    # A cover page of prose before the form: the form is told by its second page.
    qpdf --empty --pages "$PDF/not-a-table.pdf" "$PDF/grid/single-project.pdf" -- "$PDF/grid/cover-page.pdf"
    "$BPT" parse -q "$ROOT/data/grid/single-project-spreadsheet.tsv" > "$WORK/cover-page.json"
    "$PY" "$ROOT/scripts/grid_fixtures.py" expected "$WORK/cover-page.json" 2 grid/single-project-spreadsheet.tsv \
        "$PDF/grid/cover-page.expected.json"
    # LibreOffice Calc at its default row height: rows as close as wrapped lines, which
    # text boxes alone cannot tell apart: the documented refusal.
    "$PY" "$ROOT/scripts/grid_fixtures.py" xlsx "$ROOT/data/grid/single-project-spreadsheet.tsv" "$WORK/calc-tight-rows.xlsx"
    calc_pdf "$WORK/calc-tight-rows.xlsx" "$PDF/grid/calc-tight-rows.pdf"
}

case ${1:-all} in
pdf) make_pdf ;;
grid) make_grid ;;
bad) make_bad ;;
extracted) make_extracted ;;
all) make_pdf; make_bad; make_extracted; make_grid ;;
*) echo "usage: $0 [pdf|grid|bad|extracted|all]" >&2; exit 2 ;;
esac
