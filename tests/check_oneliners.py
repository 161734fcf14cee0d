#!/usr/bin/env python3
"""The data-tool one-liners of docs/formats.md ("Data tools"), run as documented:
each fenced line that starts with `bpt ` is run by the shell from the repository
root with the built bpt first on PATH, and its output must equal the `# ` comment
lines under it. A line whose tool is not installed (DuckDB is not a Debian 12
package) is reported as not run; the pandas ones must run.

Usage: check_oneliners.py BPT REPO_ROOT"""
import os
import re
import shutil
import subprocess
import sys

bpt, root = os.path.abspath(sys.argv[1]), sys.argv[2]
text = open(os.path.join(root, "docs/formats.md"), encoding="utf-8").read()
section = text.split("## Data tools", 1)[1].split("\n## ", 1)[0]
blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
# Debian's python3 (with python3-pandas) first, as on the machines the docs are for;
# a pyenv or virtualenv python3 earlier on PATH need not have pandas.
env = dict(os.environ, PATH=os.pathsep.join([os.path.dirname(bpt), "/usr/bin", os.environ["PATH"]]))
ran = skipped = 0
for block in blocks:
    lines = block.splitlines()
    i = 0
    while i < len(lines):
        cmd = lines[i]
        expected = []
        i += 1
        while i < len(lines) and lines[i].startswith("# "):
            expected.append(lines[i][2:])
            i += 1
        if not cmd.startswith("bpt ") or not expected:
            continue
        needs = [t for t in ("python3", "duckdb") if t + " " in cmd]
        if any(shutil.which(t) is None for t in needs):
            print(f"check_oneliners: not run (tool not installed): {cmd[:80]}…")
            skipped += 1
            continue
        p = subprocess.run(cmd, shell=True, cwd=root, env=env, capture_output=True, text=True)
        got = p.stdout.rstrip("\n").split("\n")
        if p.returncode != 0 or got != expected:
            sys.exit(f"check_oneliners: {cmd}\n  exit {p.returncode}, got {got}, expected {expected}\n{p.stderr}")
        ran += 1
pandas = sum(1 for b in blocks for l in b.splitlines() if l.startswith("bpt ") and "pandas" in l)
if ran < pandas or pandas == 0:
    sys.exit(f"check_oneliners: {ran} run, but {pandas} pandas one-liners are documented")
print(f"check_oneliners: {ran} one-liners give their documented output; {skipped} not run")
