#!/usr/bin/python3
"""Opens bpt's workbooks with openpyxl (Debian python3-openpyxl), as a spreadsheet
program would, and checks what a finance officer relies on: the sheets and their
row counts, typed cells (numbers, not text), the #,##0.00 amount format, the frozen
header row and autofilter, and that 总计 over the rows not marked 重复 equals the
合计 on 汇总 (9,246.72 on the layout sample, 177 rows of which 3 repeats).

Usage: check_xlsx.py BPT DATA_DIR. Exits non-zero naming the first failed check.
"""
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print(f"FAIL: {what}")


def run(bpt, *args):
    out = subprocess.run([bpt, *args], capture_output=True, check=False)
    if out.returncode not in (0, 1):
        raise SystemExit(f"bpt {' '.join(args)} exited {out.returncode}: {out.stderr.decode()}")
    return out


def headers(ws):
    return [c.value for c in ws[1]]


def rows(ws):
    return list(ws.iter_rows(min_row=2, values_only=True))


def dec(v):
    return Decimal(repr(v)).quantize(Decimal("0.01"))


def check_layout(path, source_column=False):
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == ["项目", "指标", "问题", "汇总"], f"sheets {wb.sheetnames}")
    p = wb["项目"]
    h = headers(p)
    check(("来源" in h) == source_column, f"source column {h[:2]}")
    check("总计（万元）" in h and "财政拨款（万元）" in h and "重复" in h, f"project headers {h}")
    pr = rows(p)
    check(len(pr) == 177, f"项目 has {len(pr)} rows, not 177")
    ti, di, ni = h.index("总计（万元）"), h.index("重复"), h.index("项目名称")
    repeats = [r for r in pr if r[di] == "是"]
    check(len(repeats) == 3, f"{len(repeats)} rows marked 重复, not 3")
    check(all(isinstance(r[ti], (int, float)) for r in pr), "every 总计 is a number")
    distinct = sum(dec(r[ti]) for r in pr if r[di] != "是")
    every = sum(dec(r[ti]) for r in pr)
    check(distinct == Decimal("9246.72"), f"Σ 总计 without 重复 is {distinct}")
    check(every == Decimal("9264.96"), f"Σ 总计 of every row is {every}")
    cell = p.cell(row=2, column=ti + 1)
    check(cell.data_type == "n" and cell.number_format == "#,##0.00", f"总计 cell {cell.data_type} {cell.number_format}")
    check(pr[0][ni] == "党代表任期制工作经费（狮岭镇）" and dec(pr[0][ti]) == Decimal("9.20"), f"first row {pr[0][:8]}")
    check(p.freeze_panes == "A2", f"freeze {p.freeze_panes}")
    check(p.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(h))}178", f"filter {p.auto_filter.ref}")
    check(p.cell(row=1, column=ti + 1).font.b, "header bold")

    i = wb["指标"]
    ih = headers(i)
    ir = rows(i)
    check(len(ir) == 714, f"指标 has {len(ir)} rows, not 714")
    vi, ki = ih.index("年度数值"), ih.index("年度类型")
    numeric = [r for r in ir if r[ki] == "numeric"]
    check(numeric and all(isinstance(r[vi], (int, float)) for r in numeric), "numeric targets are numbers")
    check(sum(1 for r in ir if r[ih.index("重复")] != "是") == 701, "701 indicators of distinct projects")

    q = wb["问题"]
    qh = headers(q)
    qr = rows(q)
    check(len(qr) == 15, f"问题 has {len(qr)} rows, not 15")
    check(sum(1 for r in qr if r[qh.index("规则")] == "duplicate-project") == 3, "3 duplicate-project findings")
    check(all(isinstance(r[qh.index("行")], int) for r in qr), "finding lines are integers")

    s = wb["汇总"]
    sr = list(s.iter_rows(values_only=True))
    sh = list(sr[0])
    check(sh[:3] == ["文件", "单位", "项目行"], f"汇总 header {sh}")
    declared = sr[1][sh.index("合计（万元）")]
    computed = sr[1][sh.index("不含重复合计（万元）")]
    check(dec(declared) == distinct == dec(computed), f"汇总 合计 {declared} = {computed} = Σ {distinct}")
    towns = {}
    start = next(k for k, r in enumerate(sr) if r[0] == "镇街")
    for r in sr[start + 1:]:
        if r[0] is None:
            break
        towns[r[0]] = (r[1], dec(r[2]))
    named = {k: v for k, v in towns.items() if k != "（未标镇街）"}
    check(len(named) == 6, f"{len(named)} towns on 汇总")
    ti2, wi = h.index("镇街"), di
    for town, (n, total) in named.items():
        mine = [r for r in pr if r[ti2] == town and r[wi] != "是"]
        check(n == len(mine) and total == sum(dec(r[ti]) for r in mine), f"{town}: {n} {total}")
    check(sum(t for _, t in towns.values()) == Decimal("9246.72"), "towns add up to 合计")


def main() -> int:
    bpt, data = sys.argv[1], Path(sys.argv[2])
    layout, export = str(data / "huadu-org-layout.txt"), str(data / "huadu-org-export.tsv")
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        run(bpt, "parse", layout, "--format", "xlsx", "-o", str(t / "l.xlsx"), "-q")
        check_layout(t / "l.xlsx")

        run(bpt, "parse", layout, "--format", "xlsx", "--header", "en", "-o", str(t / "en.xlsx"), "-q")
        wb = openpyxl.load_workbook(t / "en.xlsx")
        check(wb.sheetnames == ["projects", "indicators", "findings", "summary"], f"en sheets {wb.sheetnames}")
        check(headers(wb["projects"])[:6] == ["index", "department", "name", "base_name", "town", "total"],
              f"en headers {headers(wb['projects'])[:6]}")

        run(bpt, "parse", export, "--format", "xlsx", "-o", str(t / "e.xlsx"), "-q")
        wb = openpyxl.load_workbook(t / "e.xlsx")
        check(len(rows(wb["项目"])) == 35, "export: 35 projects")

        # The same table from its PDF (no page-break repeats there: 174 projects, 701
        # clauses) and a grid form with four decimals: the workbook works the same way.
        run(bpt, "parse", str(data / "pdf" / "huadu-org-calc.pdf"), "--format", "xlsx", "-o", str(t / "p.xlsx"), "-q")
        wb = openpyxl.load_workbook(t / "p.xlsx")
        p = wb["项目"]
        h, pr = headers(p), rows(p)
        ti, di, pi = h.index("总计（万元）"), h.index("重复"), h.index("页")
        check(len(pr) == 174 and not any(r[di] for r in pr), f"pdf: {len(pr)} rows")
        check(sum(dec(r[ti]) for r in pr) == Decimal("9246.72"), "pdf: Σ 总计 is the 合计")
        check(pr[0][pi] == 1 and pr[-1][pi] == 29, f"pdf: pages {pr[0][pi]}..{pr[-1][pi]}")
        check(len(rows(wb["指标"])) == 701, "pdf: 701 indicators")
        s = list(wb["汇总"].iter_rows(values_only=True))
        check(dec(s[1][5]) == dec(s[1][6]) == Decimal("9246.72") and s[1][8] == "是", f"pdf 汇总 {s[1]}")

        run(bpt, "parse", str(data / "grid" / "single-project-spreadsheet.tsv"), "--format", "xlsx", "-o",
            str(t / "g.xlsx"), "-q")
        p = openpyxl.load_workbook(t / "g.xlsx")["项目"]
        h = headers(p)
        cell = p.cell(row=2, column=h.index("总计（万元）") + 1)
        check(cell.value == 153.5184 and cell.number_format == "#,##0.0000", f"grid: {cell.value} {cell.number_format}")

        # One workbook for many files: a source column, rows in input order.
        run(bpt, "convert", layout, export, "--combine", str(t / "all.xlsx"), "-q", "--jobs", "2")
        wb = openpyxl.load_workbook(t / "all.xlsx")
        pr = rows(wb["项目"])
        check(len(pr) == 212, f"combined: {len(pr)} rows, not 212")
        check([r[0] for r in pr] == [layout] * 177 + [export] * 35, "combined: source column in input order")
        s = list(wb["汇总"].iter_rows(values_only=True))
        check(s[1][0] == layout and s[2][0] == export and s[3][0] == "全部", f"combined 汇总 files {s[1:4]}")
        # bpt diff's workbook: the CSV's rows, amounts as numbers, the counts on 汇总.
        pdf = str(data / "huadu-org-calc.pdf")
        same = subprocess.run([bpt, "diff", pdf, layout, "--format", "xlsx", "-o", str(t / "same.xlsx")],
                              capture_output=True, check=False)
        check(same.returncode == 0, f"diff pdf layout: exit {same.returncode} {same.stderr!r}")
        wb = openpyxl.load_workbook(t / "same.xlsx")
        check(wb.sheetnames == ["变化", "汇总"], f"diff sheets {wb.sheetnames}")
        check(len(rows(wb["变化"])) == 0, "diff pdf layout: no change rows")
        run(bpt, "diff", layout, export, "--format", "xlsx", "-o", str(t / "d.xlsx"))
        csv_rows = run(bpt, "diff", layout, export, "--format", "csv").stdout.decode().count("\r\n") - 1
        wb = openpyxl.load_workbook(t / "d.xlsx")
        ch = rows(wb["变化"])
        check(headers(wb["变化"])[:5] == ["状态", "项目名称", "原项目名称", "变化", "列或指标"], "diff headers")
        check(len(ch) == csv_rows, f"diff: {len(ch)} rows, the CSV has {csv_rows}")
        removed = [r for r in ch if r[0] == "删除"]
        check(len(removed) == 156, f"diff: {len(removed)} 删除 rows, not 156")
        check(all(r[3] == "项目" and r[4] == "总计" and isinstance(r[5], (int, float)) for r in removed),
              "diff: a removed project's 总计 is a number")
        counts = {r[0]: r[1] for r in wb["汇总"].iter_rows(values_only=True) if r[0] in ("新增", "删除", "疑似改名", "变化", "未变")}
        check(counts == {"新增": 17, "删除": 156, "疑似改名": 6, "变化": 12, "未变": 0}, f"diff 汇总 {counts}")

        leftovers = [p.name for p in t.iterdir() if p.name.startswith(".")]
        check(not leftovers, f"no temporary files left: {leftovers}")
    if failures:
        print(f"{len(failures)} checks failed")
        return 1
    print("xlsx: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
