#!/usr/bin/env python3
"""Builds a benchmark corpus from the real layout sample.

    bench/gen_corpus.py --size-mb 100 --out bench/corpus/big.txt
    bench/gen_corpus.py --files 300 --out-dir bench/corpus/folder

Projects are copied from data/huadu-org-layout.txt with varied names, towns and
amounts (deterministic: seeded), so that the corpus is no trivial repeat of one
record, and the declared totals are recomputed so the tables stay consistent.
Amounts are handled as integer hundredths, as bpt does.
"""
import argparse
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "huadu-org-layout.txt"
TOWNS = ["狮岭镇", "梯面镇", "炭步镇", "赤坭镇", "花山镇", "花东镇", "新华街道", "秀全街道", "新雅街道", "区本级"]
WORDS = ["党建", "人才", "培训", "信息化", "运维", "宣传", "调研", "服务", "保障", "建设"]


def split_projects(lines):
    """(head lines, [project lines]) of the sample: a project starts at an indented line."""
    starts = [i for i, l in enumerate(lines) if l.startswith("    ")]
    head = lines[: starts[0]]
    projects = [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]
    return head, projects


def money(cents):
    return f"{cents // 100:,}.{cents % 100:02d}"


def vary(project, rng, serial):
    """One project with a new name, town and amount; returns (lines, cents)."""
    cents = rng.randint(10, 5_000_000)
    name = f"{rng.choice(WORDS)}{rng.choice(WORDS)}专项经费{serial}（{rng.choice(TOWNS)}）"
    out = [f"    {name} {money(cents)} {money(cents)}"]
    # Drop the original name and amount lines: keep from the goal on.
    i = 0
    while i < len(project) and not any(ch.isdigit() for ch in project[i].split(" ")[-1][:1]):
        i += 1
    out.extend(project[i + 1:])
    return out, cents


def write_table(path, projects, rng, target_bytes=None, count=None, serial=0):
    body, total, written, n = [], 0, 0, 0
    while (target_bytes and written < target_bytes) or (count and n < count):
        lines, cents = vary(rng.choice(projects), rng, serial + n)
        chunk = "\n".join(lines) + "\n"
        body.append(chunk)
        written += len(chunk.encode("utf-8"))
        total += cents
        n += 1
    head = (
        "\n项目支出绩效目标表（含转移支付项目）\n\n部门名称：基准测试部门 单位：万元\n\n"
        "项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标\n\n"
        f"合计 {money(total)} {money(total)}\n\n基准测试部门\n{money(total)} {money(total)}\n\n"
    )
    with open(path, "w", encoding="utf-8") as f:
        f.write(head)
        f.writelines(body)
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=float, help="one file of about this size")
    ap.add_argument("--out", type=Path, help="the one file")
    ap.add_argument("--files", type=int, help="a folder of this many tables")
    ap.add_argument("--out-dir", type=Path, help="the folder")
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    _, projects = split_projects(SAMPLE.read_text(encoding="utf-8").split("\n"))
    if args.size_mb and args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        n = write_table(args.out, projects, rng, target_bytes=int(args.size_mb * 1e6))
        print(f"{args.out}: {n} projects, {args.out.stat().st_size / 1e6:.1f} MB")
    if args.files and args.out_dir:
        args.out_dir.mkdir(parents=True, exist_ok=True)
        total = 0
        for k in range(args.files):
            p = args.out_dir / f"table-{k:04d}.txt"
            write_table(p, projects, rng, count=rng.randint(100, 400), serial=k * 1000)
            total += p.stat().st_size
        print(f"{args.out_dir}: {args.files} files, {total / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
