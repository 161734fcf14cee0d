#!/usr/bin/env bash
# The adversarial inputs of issue 19 at 1, 2 and 4 MB, each run under GNU time:
# peak RSS, and the time ratios 2 MB / 1 MB and 4 MB / 2 MB (linear time ≈ 2,
# quadratic ≈ 4). Memory should stay flat where the input grows by records, and
# grow at most with the one record where a single record grows.
#
#   bench/reliability.sh [BPT]        (default build/bpt)
#
# Cases:
#   departments  lines `部门N 1.00 1.00` (a layout text whose project indent was lost)
#   amounts      one project whose amounts row is one line of `1.00 1.00 …`
#   wrapped      one indicator cell of lines that neither start a clause nor hold 。
#   name         one project whose name wraps over the whole file (one record)
#   goal         one project whose goal wraps over the whole file (one record)
#   grid         a grid form (TSV) with many projects (the grid reader reads a form whole)
#   drawing      a drawing-order text whose indicator cell runs over many form feeds
# and, past the record limit (4 MiB), a name of 8 MB: refused at once.
set -euo pipefail
BPT=${1:-build/bpt}
[[ -x $BPT ]] || { echo "no $BPT: build first" >&2; exit 2; }
BPT=$(realpath "$BPT")
DATA=$(cd "$(dirname "$0")/../data" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

/usr/bin/python3 - "$TMP" "$DATA" <<'EOF'
import sys
out, data = sys.argv[1], sys.argv[2]
MB = 1_000_000
head = ("项目支出绩效目标表\n部门名称：测试局 单位：万元\n"
        "项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标\n合计 1.00 1.00\n")
def clause(n):
    return f"{n}、1-产出指标；11-数量指标；次数；实施周期指标值:≥1次；年度指标值:≥1次。"
def grow(prefix, unit, size, suffix=""):
    n = max(0, (size - len(prefix.encode()) - len(suffix.encode())) // len(unit.encode()))
    return prefix + unit * n + suffix
grid_head = open(f"{data}/grid/multiproject-spreadsheet.tsv", encoding="utf-8").read().split("\n")
raw = open(f"{data}/extracted/huadu-chromium.pdftotext-raw.txt", encoding="utf-8").read().split("\n")
for mb in (1, 2, 4, 8):
    size = mb * MB
    cases = {}
    if mb <= 4:
        body = []
        total = len(head.encode())
        i = 0
        while total < size:
            line = f"部门{i} 1.00 1.00\n"; body.append(line); total += len(line.encode()); i += 1
        cases["departments"] = head + "".join(body)
        cases["amounts"] = grow(head + "    甲经费", " 1.00", size - 200, "\n目标。\n" + clause(1) + "\n")
        cases["wrapped"] = grow(head + "    甲经费 1.00 1.00\n目标。\n1、1-产出指标；11-数量指标；次数\n",
                                "很长的指标名称续行文字很长的指标名称续行文字\n", size,
                                "；实施周期指标值:≥1次；年度指标值:≥1次。\n")
        cases["name"] = grow(head + "    甲经费\n", "很长的项目名称很长的项目名称很长的项目名称\n", size,
                             "1.00 1.00\n目标。\n" + clause(1) + "\n")
        cases["goal"] = grow(head + "    甲经费 1.00 1.00\n", "很长的项目目标很长的项目目标很长的项目目标\n", size,
                             clause(1) + "\n")
        # Projects of the sample grid (its lines 4-14), renamed, under its header.
        block = grid_head[4:14]
        parts = ["\n".join(grid_head[:4]) + "\n"]
        total = len(parts[0].encode())
        k = 0
        while total < size:
            first = block[0].split("\t")
            first[1] = f"项目{k}"
            b = "\t".join(first) + "\n" + "\n".join(block[1:]) + "\n"
            parts.append(b); total += len(b.encode()); k += 1
        cases["grid"] = "".join(parts)
        # The drawing order's first project, then its indicator cell on and on,
        # one page (form feed) per line that ends in 。.
        start = "\n".join(raw[:10]) + "\n" + clause(1) + "\n"
        cases["drawing"] = grow(start, "续行文字。\n\f", size, "实施周期指标值:≥1次；年度指标值:≥1次。\n")
    else:
        cases["name"] = grow(head + "    甲经费\n", "很长的项目名称很长的项目名称很长的项目名称\n", size,
                             "1.00 1.00\n目标。\n" + clause(1) + "\n")
    for name, text in cases.items():
        with open(f"{out}/{name}-{mb}MB.txt", "w", encoding="utf-8") as f:
            f.write(text)
EOF

# Best of three runs in CPU seconds (user + system, from getrusage, to the
# microsecond: wall time on a shared machine and GNU time's hundredths are both
# too coarse for the fast cases), the largest peak RSS, and the exit code.
measure() {
    /usr/bin/python3 - "$BPT" "$1" "$TMP/err" <<'PY'
import resource, subprocess, sys
bpt, path, err = sys.argv[1:4]
best, rss, rc = None, 0, 0
for _ in range(3):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(err, "wb") as e:
        rc = subprocess.run([bpt, "parse", path, "--format", "ndjson"], stdout=subprocess.DEVNULL, stderr=e).returncode
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    best = t if best is None else min(best, t)
    rss = max(rss, after.ru_maxrss)  # the largest child so far, in KiB
print(f"{best:.4f} {rss} {rc}")
PY
}

printf '%-12s %9s %9s %9s %10s %10s %10s %8s %8s\n' case "1MB s" "2MB s" "4MB s" "1MB MiB" "2MB MiB" "4MB MiB" "2/1" "4/2"
for c in departments amounts wrapped name goal grid drawing; do
    read -r t1 r1 _ < <(measure "$TMP/$c-1MB.txt")
    read -r t2 r2 _ < <(measure "$TMP/$c-2MB.txt")
    read -r t4 r4 rc4 < <(measure "$TMP/$c-4MB.txt")
    awk -v c="$c" -v t1="$t1" -v t2="$t2" -v t4="$t4" -v r1="$r1" -v r2="$r2" -v r4="$r4" -v rc="$rc4" 'BEGIN {
        printf "%-12s %9.4f %9.4f %9.4f %10.1f %10.1f %10.1f %8s %8s%s\n", c, t1, t2, t4, r1/1024, r2/1024, r4/1024,
            sprintf("%.2f", t2/t1), sprintf("%.2f", t4/t2),
            (rc != 0 ? "  (exit " rc ")" : "") }'
done
read -r t8 r8 rc8 < <(measure "$TMP/name-8MB.txt")
printf 'name, 8 MB (past the 4 MiB record limit): %.4f s, %.1f MiB, exit %s: %s\n' "$t8" "$(awk -v r="$r8" 'BEGIN { print r/1024 }')" "$rc8" "$(head -c 200 "$TMP/err" | sed "s|$TMP/||")"
