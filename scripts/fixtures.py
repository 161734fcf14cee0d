#!/usr/bin/python3
"""Builds the sources of the PDF test fixtures (HTML, .xlsx) and their expected figures.

Driven by scripts/make-fixtures.sh; run with Debian's /usr/bin/python3 because openpyxl,
fitz, pdfminer and pypdf are Debian packages, not pip ones.

The records come from `bpt parse data/huadu-org-layout.txt` (JSON).  Amounts are read
with parse_float=Decimal so that every figure written here is exact: the fixtures exist to
check exact sums, so a float anywhere would make them lie.
"""
import html
import json
import sys
from decimal import Decimal
from pathlib import Path

TITLE = "项目支出绩效目标表（含转移支付项目）"
HEADER = ["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"]
MONEY = ["total", "fiscal", "fiscal_special", "other"]
CENT = Decimal("0.01")

# Invented for two-departments.pdf; no real body carries these names.
DEPT_A = "广州市花都区示范甲局"
DEPT_B = "广州市花都区示范乙局"


def load(path):
    doc = json.loads(Path(path).read_text(encoding="utf-8"), parse_float=Decimal)
    # The text sample prints 3 projects twice around page breaks; the table itself holds
    # each project once (the declared 合计 is the sum of the distinct rows), so drop repeats.
    seen, out = set(), []
    for p in doc["projects"]:
        a = p["amounts"]
        key = (p["name"], a["total"], a["fiscal"], a["fiscal_special"], a["other"], p["goal"],
               p["indicators_text"])
        if key in seen:
            continue
        seen.add(key)
        out.append({
            "name": p["name"],
            "amounts": {k: a[k] for k in MONEY},
            "goal": p["goal"] or "",
            "indicators_text": p["indicators_text"] or "",
            "indicators": len(p["indicators"]),
        })
    return doc, out


def money(d):
    return "" if d is None else f"{d:,.2f}"


def plain(d):
    return None if d is None else f"{d:.2f}"


def col_sums(projects):
    sums = {}
    for k in MONEY:
        vals = [p["amounts"][k] for p in projects if p["amounts"][k] is not None]
        sums[k] = sum(vals, Decimal("0")) if vals else None
    return sums


def four_way(projects):
    """Splits each 总计 over 财政拨款, 财政专户拨款 and 其他资金 in whole cents, every part > 0.

    Shares vary with the row number so that no column is a fixed fraction of 总计
    (a reader that swapped two columns must not come out right by accident).
    """
    out = []
    for i, p in enumerate(projects):
        cents = int((p["amounts"]["total"] / CENT).to_integral_value())
        assert cents >= 3, p["name"]
        fiscal = cents * (50 + (i * 7) % 31) // 100
        rest = cents - fiscal
        special = max(1, rest * (30 + (i * 13) % 41) // 100)
        other = rest - special
        assert fiscal > 0 and special > 0 and other > 0 and fiscal + special + other == cents
        q = dict(p)
        q["amounts"] = {"total": p["amounts"]["total"], "fiscal": Decimal(fiscal) * CENT,
                        "fiscal_special": Decimal(special) * CENT, "other": Decimal(other) * CENT}
        out.append(q)
    return out


def variant(name, projects):
    """Returns (departments [(name, [projects])], header department line) for a fixture."""
    if name == "two-departments":
        a = projects[0::3][:30]
        b = projects[1::3][:30]
        return [(DEPT_A, a), (DEPT_B, b)], f"{DEPT_A}、{DEPT_B}"
    dept = "中国共产党广州市花都区委员会组织部"
    if name == "huadu-chromium":
        return [(dept, projects)], dept
    if name == "four-columns":
        return [(dept, four_way(projects[2::4][:40]))], dept
    if name == "small":
        return [(dept, [projects[0], projects[40], projects[120]])], dept
    if name == "huadu-portrait":
        return [(dept, projects[:60])], dept
    raise SystemExit(f"unknown fixture {name}")


CSS = """
@page { size: A4 landscape; margin: 12mm 10mm; }
body { font-family: "WenQuanYi Zen Hei", sans-serif; font-size: 8.5pt; margin: 0; }
h1 { text-align: center; font-size: 15pt; margin: 0 0 4pt 0; }
.meta { display: flex; justify-content: space-between; margin-bottom: 3pt; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
thead { display: table-header-group; }
tr { break-inside: auto; page-break-inside: auto; }
th, td { border: 0.6pt solid #000; padding: 2pt 3pt; vertical-align: top; }
th { font-weight: bold; text-align: center; vertical-align: middle; }
td.amt { text-align: right; white-space: nowrap; }
td.name { padding-left: 14pt; }
tr.total td, tr.dept td { font-weight: bold; }
"""


def html_table(depts, dept_line):
    e = html.escape
    all_projects = [p for _, ps in depts for p in ps]
    rows = []

    def amount_cells(sums):
        return "".join(f'<td class="amt">{money(sums[k])}</td>' for k in MONEY)

    rows.append(f'<tr class="total"><td>合计</td>{amount_cells(col_sums(all_projects))}<td></td><td></td></tr>')
    for dname, ps in depts:
        rows.append(f'<tr class="dept"><td>{e(dname)}</td>{amount_cells(col_sums(ps))}<td></td><td></td></tr>')
        for p in ps:
            rows.append(f'<tr><td class="name">{e(p["name"])}</td>{amount_cells(p["amounts"])}'
                        f'<td>{e(p["goal"])}</td><td>{e(p["indicators_text"])}</td></tr>')
    cols = ('<colgroup><col style="width:14%"><col style="width:7.5%"><col style="width:7.5%">'
            '<col style="width:7.5%"><col style="width:6.5%"><col style="width:23%"><col style="width:34%">'
            '</colgroup>')
    head = "".join(f"<th>{e(h)}</th>" for h in HEADER)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{e(TITLE)}</title><style>{CSS}</style></head>
<body>
<h1>{e(TITLE)}</h1>
<div class="meta"><span>部门名称：{e(dept_line)}</span><span>单位：万元</span></div>
<table>{cols}<thead><tr>{head}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
</body></html>
"""


def wrapped_lines(text, width):
    """Lines that `text` needs in a column `width` Excel units wide at 8 pt (over-estimated)."""
    if not text:
        return 1
    # An Excel width unit is ~7 px; an 8 pt CJK glyph is ~10.7 px, Latin about half that.
    px = sum(10.7 if ord(ch) >= 0x2E80 else 6.0 for ch in text)
    return int(px * 1.1 // (width * 7 - 6)) + 1


def write_xlsx(depts, dept_line, out):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name="Noto Serif CJK SC", size=8)
    bold = Font(name="Noto Serif CJK SC", size=8, bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    # Portrait and deliberately unlike the landscape Calc sample: a narrow name column,
    # a wide indicator column, goal narrower than indicators.
    widths = (15, 8.5, 8.5, 8.5, 7.5, 17, 25)
    for col, width in zip("ABCDEFG", widths):
        ws.column_dimensions[col].width = width

    ws.merge_cells("A1:G1")
    ws["A1"] = TITLE
    ws["A1"].font = Font(name="Noto Serif CJK SC", size=13, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells("A2:E2")
    ws["A2"] = f"部门名称：{dept_line}"
    ws["A2"].font = font
    ws["G2"] = "单位：万元"
    ws["G2"].font = font
    ws["G2"].alignment = Alignment(horizontal="right")
    for i, h in enumerate(HEADER, start=1):
        c = ws.cell(row=3, column=i, value=h)
        c.font, c.border = bold, box
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def put(r, label, amounts, goal, ind, lfont, indent):
        c = ws.cell(row=r, column=1, value=label)
        c.font, c.border = lfont, box
        c.alignment = Alignment(wrap_text=True, vertical="top", indent=indent)
        for j, k in enumerate(MONEY, start=2):
            v = amounts[k]
            # Text, not numbers: the cell shows exactly the decimal written, with no
            # binary double between the record and the PDF.
            c = ws.cell(row=r, column=j, value=money(v) if v is not None else None)
            c.font, c.border = lfont, box
            c.alignment = Alignment(horizontal="right", vertical="top")
        for j, t in ((6, goal), (7, ind)):
            c = ws.cell(row=r, column=j, value=t or None)
            c.font, c.border, c.alignment = font, box, wrap
        # LibreOffice keeps the default height of rows imported from .xlsx, which would
        # clip the wrapped text (and the fixture would silently hold less than its
        # expected figures), so size each row from its longest cell, erring generous.
        lines = max(wrapped_lines(t, w) for t, w in
                    ((label, widths[0] - 2 * indent), (goal, widths[5]), (ind, widths[6])))
        ws.row_dimensions[r].height = lines * 12 + 4

    r = 4
    all_projects = [p for _, ps in depts for p in ps]
    put(r, "合计", col_sums(all_projects), "", "", bold, 0)
    for dname, ps in depts:
        r += 1
        put(r, dname, col_sums(ps), "", "", bold, 0)
        for p in ps:
            r += 1
            put(r, p["name"], p["amounts"], p["goal"], p["indicators_text"], font, 1)

    ws.print_title_rows = "$3:$3"  # LibreOffice ignores the range without the $
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.5
    ws.page_margins.bottom = 0.7
    ws.page_margins.footer = 0.3
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 8
    wb.save(out)


def expected(name, depts, declared_line=None):
    all_projects = [p for _, ps in depts for p in ps]
    sums = col_sums(all_projects)
    return {
        "fixture": name,
        "projects": len(all_projects),
        "total": plain(sum((p["amounts"]["total"] for p in all_projects), Decimal("0"))),
        "declared_total": plain(sums["total"]),
        "column_totals": {k: plain(v) for k, v in sums.items()},
        "departments": [{"name": d, "subtotal": plain(col_sums(ps)["total"]),
                         "projects": len(ps)} for d, ps in depts],
        "indicators": sum(p["indicators"] for p in all_projects),
        "names": [p["name"] for p in all_projects],
        "rows": [{"name": p["name"], **{k: plain(p["amounts"][k]) for k in MONEY},
                  "indicators": p["indicators"]} for p in all_projects],
    }


PROSE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>秋日随笔</title>
<style>@page { size: A4; margin: 25mm; } body { font-family: "WenQuanYi Zen Hei", sans-serif; font-size: 12pt; line-height: 1.8; }
h1 { text-align: center; font-size: 18pt; } p { text-indent: 2em; margin: 0 0 0.8em 0; }</style></head>
<body><h1>秋日随笔</h1>
<p>入秋以后，城里的早晨一天比一天凉。天刚亮，河边已经有人在慢慢散步，卖早点的小摊冒着白气，豆浆和油条的香味顺着风飘得很远。骑车上学的孩子从桥上经过，书包在背后一颠一颠，笑声落在水面上。</p>
<p>老街的榕树还是那样茂密，树下摆着几张石凳。退休的老人们每天准时来下棋，旁边围着看热闹的人，谁也不说话，只在落子的时候轻轻叹一口气。偶尔有一片叶子落在棋盘上，执子的人便把它拈起来，放回树根旁边。</p>
<p>午后的阳光斜斜地照进巷子，墙上的青苔显得格外绿。卖花的阿姨推着小车经过，车上是刚从田里剪下来的菊花和桂花，一小束只要几块钱。有人买回去插在窗台的瓶子里，整个屋子便有了秋天的味道。</p>
<p>傍晚时分，西边的云被染成橘红色，渐渐又变成淡紫。晚饭的炊烟从各家的厨房里升起，楼道里传来炒菜的声音和电视里的新闻。等到路灯一盏盏亮起来，这一天也就安静地过去了。</p>
<p>人们常说，日子是一天一天过出来的。平常的早晨、平常的午后和平常的黄昏，看起来没有什么特别，可是许多年以后回想起来，最让人怀念的，往往正是这些平平淡淡的时刻。</p>
</body></html>
"""


def extract_pdfplumber(src, stem):
    """pdfplumber's three outputs for one PDF. pdfplumber is not a Debian package: it is
    imported from its unpacked source (PYTHONPATH, see make-fixtures.sh), run on Debian's
    python3-pdfminer; only its output is kept."""
    import csv
    import pdfplumber
    with pdfplumber.open(src) as pdf:
        texts, layouts = [], []
        with open(f"{stem}.pdfplumber-tables.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            for page in pdf.pages:
                texts.append(page.extract_text())
                layouts.append(page.extract_text(layout=True))
                for table in page.extract_tables():
                    for row in table:
                        w.writerow(["" if c is None else c for c in row])
    Path(f"{stem}.pdfplumber.txt").write_text("\f".join(texts), encoding="utf-8")
    Path(f"{stem}.pdfplumber-layout.txt").write_text("\f".join(layouts), encoding="utf-8")


def main(argv):
    cmd = argv[1]
    if cmd == "html":            # html RECORDS NAME OUT.html
        _, projects = load(argv[2])
        depts, line = variant(argv[3], projects)
        Path(argv[4]).write_text(html_table(depts, line), encoding="utf-8")
    elif cmd == "xlsx":          # xlsx RECORDS NAME OUT.xlsx
        _, projects = load(argv[2])
        depts, line = variant(argv[3], projects)
        write_xlsx(depts, line, argv[4])
    elif cmd == "expected":      # expected RECORDS NAME PAGES OUT.json
        _, projects = load(argv[2])
        depts, _ = variant(argv[3], projects)
        exp = expected(argv[3], depts)
        exp["pages"] = int(argv[4])
        Path(argv[5]).write_text(json.dumps(exp, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    elif cmd == "expected-calc":  # expected-calc RECORDS PAGES OUT.json: the shared Calc sample, all 174
        _, projects = load(argv[2])
        exp = expected("huadu-org-calc", [("中国共产党广州市花都区委员会组织部", projects)])
        exp["pages"] = int(argv[3])
        Path(argv[4]).write_text(json.dumps(exp, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    elif cmd == "prose":         # prose OUT.html
        Path(argv[2]).write_text(PROSE, encoding="utf-8")
    elif cmd == "damaged":       # damaged OUT.pdf: a PDF header, then deterministic noise
        import random
        rng = random.Random(20261123)
        noise = bytes(rng.randrange(256) for _ in range(3000))
        Path(argv[2]).write_bytes(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n" + noise + b"\n%%EOF\n")
    elif cmd == "jpeg":          # jpeg IN.png OUT.jpg: grey, lossy, small, like a scanner's output
        from PIL import Image
        Image.open(argv[2]).convert("L").save(argv[3], quality=40)
    elif cmd == "extract":       # extract TOOL IN.pdf OUT.txt (python extractors)
        tool, src, out = argv[2], argv[3], argv[4]
        if tool == "pymupdf":
            import fitz
            with fitz.open(src) as doc:
                text = "\f".join(page.get_text() for page in doc)
        elif tool == "pypdf":
            from pypdf import PdfReader
            text = "\f".join(page.extract_text() for page in PdfReader(src).pages)
        else:
            raise SystemExit(f"unknown tool {tool}")
        Path(out).write_text(text, encoding="utf-8")
    elif cmd == "pdfplumber":    # pdfplumber IN.pdf OUT-STEM: OUT-STEM.pdfplumber{.txt,-layout.txt,-tables.csv}
        extract_pdfplumber(argv[2], argv[3])
    else:
        raise SystemExit(f"unknown command {cmd}")


if __name__ == "__main__":
    main(sys.argv)
