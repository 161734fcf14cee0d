#!/usr/bin/python3
"""Builds the HTML of the grid-form PDF fixtures (data/pdf/grid/) and their expected figures.

Driven by scripts/make-fixtures.sh (target `grid`).  The source of each fixture is a
spreadsheet rendering in data/grid/ (TSV or CSV as a spreadsheet saves it: merged cells
saved empty), so the PDF and the text hold the same table and bpt must read the same
records from both.  The spreadsheet's empty cells become the merges a form prints:
  - above the grid header (the header block): an empty cell after a filled one widens
    it (colspan); a row starting with an empty cell lengthens the label above (rowspan);
  - in the grid: an empty level (一级/二级) or project cell under a filled one lengthens
    that one (rowspan), the way the forms merge them; other empty cells stay empty.
Titles (a row of one cell) are printed above the table as a heading, and the grid is a
table of its own whose header is a <thead>, so Chromium repeats it on every page.

Usage:
  grid_fixtures.py html SOURCE OUT.html [--page CSS-PAGE-SIZE] [--valign top|middle] [--font SIZE] [--padding CSS]
  grid_fixtures.py xlsx SOURCE OUT.xlsx
  grid_fixtures.py expected RECORDS.json PAGES SOURCE OUT.json
"""
import csv
import html
import io
import json
import sys
from decimal import Decimal
from pathlib import Path

GRID_WORDS = ["一级指标", "二级指标", "三级指标", "指标值", "年度指标值", "中期指标值", "目标值", "指标名称"]
SPAN_HEADS = ["一级指标", "二级指标", "单位名称", "项目名称", "预算数", "年度目标"]


def read_cells(path):
    text = Path(path).read_text(encoding="utf-8")
    delim = "\t" if path.endswith(".tsv") else ","
    rows = [list(r) for r in csv.reader(io.StringIO(text), delimiter=delim)]
    for r in rows:
        while r and r[-1] == "":
            r.pop()
    return rows


def header_index(rows):
    for i, r in enumerate(rows):
        if sum(1 for c in r if c.strip() in GRID_WORDS) >= 3:
            return i
    raise SystemExit("no grid header")


def merged(rows, span_cols, widen):
    """Cells as (row, col, text, rowspan, colspan) with the merges described above."""
    width = max(len(r) for r in rows)
    grid = [r + [""] * (width - len(r)) for r in rows]
    owner = {}  # (r, c) -> [r0, c0, text, rowspan, colspan] of the cell covering it
    out = []
    for i, r in enumerate(grid):
        for j, text in enumerate(r):
            if text != "" or (i, j) in owner:
                if text != "":
                    cell = [i, j, text, 1, 1]
                    out.append(cell)
                    owner[(i, j)] = cell
                continue
            above = owner.get((i - 1, j))
            if j in span_cols(i) and above is not None and above[1] == j and above[0] + above[3] == i:
                above[3] += 1
                owner[(i, j)] = above
                continue
            left = owner.get((i, j - 1))
            if widen and left is not None and left[0] == i and left[1] + left[4] == j and j > 0:
                left[4] += 1
                owner[(i, j)] = left
                continue
            cell = [i, j, "", 1, 1]
            out.append(cell)
            owner[(i, j)] = cell
    return out, width


def table_html(rows, span_cols, head_rows=0, cls="", widen=False):
    cells, width = merged(rows, span_cols, widen)
    by_row = {}
    for c in cells:
        by_row.setdefault(c[0], []).append(c)
    parts = [f'<table class="{cls}">']
    for i in range(len(rows)):
        if i == 0 and head_rows:
            parts.append("<thead>")
        if i == head_rows and head_rows:
            parts.append("</thead><tbody>")
        tag = "th" if i < head_rows else "td"
        tds = []
        for (_, _, text, rs, cs) in sorted(by_row.get(i, []), key=lambda c: c[1]):
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            # A line break inside a spreadsheet cell is the cell wrapping: let it wrap.
            # Long text wraps in a column of its own width; short cells stay on one line.
            text = text.replace(chr(10), '')
            style = ' style="width:16em"' if len(text) > 30 else (' class="n"' if len(text) <= 12 else "")
            tds.append(f"<{tag}{attrs}{style}>{html.escape(text)}</{tag}>")
        parts.append("<tr>" + "".join(tds) + "</tr>")
    parts.append("</tbody></table>" if head_rows else "</table>")
    return "\n".join(parts)


def make_html(source, out, page="A4 landscape", valign="middle", font="10pt", padding="4px 5px"):
    rows = read_cells(source)
    h = header_index(rows)
    header = rows[h]
    span = {j for j, c in enumerate(header) if c.strip() in SPAN_HEADS or c.strip().startswith(("一级", "二级"))}
    titles, block = [], []
    for r in rows[:h]:
        if not r:
            continue
        filled = [c for c in r if c.strip()]
        if len(filled) == 1 and r[0].strip() and len(r) == 1 and not block:
            titles.append(r[0])
        else:
            block.append(r)
    grid = rows[h:]
    body = "".join(f'<p class="t">{html.escape(t)}</p>' for t in titles)
    if block:
        # Block rows as wide as the grid, so that a trailing merge spans the form.
        width = max(len(r) for r in grid)
        block = [r + [""] * (width - len(r)) if r and r[0] else r for r in block]
        body += table_html(block, lambda i: {0} if i > 0 else set(), cls="block", widen=True)
    body += table_html(grid, lambda i: span if i > 0 else set(), head_rows=1, cls="grid")
    Path(out).write_text(f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><style>
@page {{ size: {page}; margin: 12mm; }}
body {{ font-family: "WenQuanYi Zen Hei", "Noto Sans CJK SC", sans-serif; font-size: {font}; }}
p.t {{ text-align: center; font-size: 1.3em; margin: 2px; }}
table {{ border-collapse: collapse; width: 100%; }}
table.grid {{ border-top: none; }}
td, th {{ border: 1px solid #000; padding: {padding}; vertical-align: {valign}; }}
th, td.n {{ white-space: nowrap; }}
</style></head><body>
{body}
</body></html>
""", encoding="utf-8")


def make_xlsx(source, out):
    """The same table as a workbook, merged cells merged, for LibreOffice Calc to print
    with its default row height (rows as close as a wrapped cell's lines)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Side
    rows = read_cells(source)
    h = header_index(rows)
    span = {j for j, c in enumerate(rows[h]) if c.strip() in SPAN_HEADS or c.strip().startswith(("一级", "二级"))}
    width = max(len(r) for r in rows[h:])
    wb = Workbook()
    ws = wb.active
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    block = [r for r in rows[:h] if r]
    at = 1
    while block and len(block[0]) == 1:
        ws.cell(at, 1, block.pop(0)[0]).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=at, start_column=1, end_row=at, end_column=width)
        at += 1

    def put(cells, base):
        for (ri, ci, text, rs, cs) in cells:
            c = ws.cell(base + ri, ci + 1, text.replace("\n", ""))
            c.alignment = Alignment(vertical="center", wrap_text=True)
            for rr in range(rs):
                for cc in range(cs):
                    ws.cell(base + ri + rr, ci + 1 + cc).border = border
            if rs > 1 or cs > 1:
                ws.merge_cells(start_row=base + ri, start_column=ci + 1, end_row=base + ri + rs - 1,
                               end_column=ci + cs)

    blk = [r + [""] * (width - len(r)) for r in block]
    put(merged(blk, lambda k: {0} if k > 0 else set(), True)[0], at)
    at += len(blk)
    put(merged([r + [""] * (width - len(r)) for r in rows[h:]], lambda k: span if k > 0 else set(), False)[0], at)
    for j in range(width):
        ws.column_dimensions[chr(65 + j)].width = 14
    ws.page_setup.orientation = "landscape"
    wb.save(out)


def expected(records, pages, source, out):
    """What the PDF must give: the text rendering's records (`bpt parse SOURCE`), in brief."""
    doc = json.loads(Path(records).read_text(encoding="utf-8"), parse_float=Decimal)
    projects = []
    for p in doc["projects"]:
        a = p["amounts"]
        projects.append({
            "name": p["name"],
            "amounts": {k: (None if a[k] is None else str(a[k])) for k in ("total", "fiscal", "other")},
            "amount_unit": p["amount_unit"],
            "indicators": len(p["indicators"]),
        })
    Path(out).write_text(json.dumps({"source": source, "pages": int(pages), "projects": projects},
                                    ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv):
    if argv[1] == "html":
        opts = dict(zip(argv[4::2], argv[5::2]))
        make_html(argv[2], argv[3], opts.get("--page", "A4 landscape"), opts.get("--valign", "middle"),
                  opts.get("--font", "10pt"), opts.get("--padding", "4px 5px"))
    elif argv[1] == "xlsx":
        make_xlsx(argv[2], argv[3])
    elif argv[1] == "expected":
        expected(argv[2], argv[3], argv[4], argv[5])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
