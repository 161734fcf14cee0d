#!/usr/bin/env python3
"""No include cycles between units. A unit is include/bpt/X.h with its src/X.cpp
(checks/X likewise); unit A depends on unit B when either file of A includes
"bpt/B.h". A cycle means two units cannot be understood, tested or replaced one
without the other: the second shape of bpt forbids them (docs/architecture.md)."""
import os, re, sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
inc = re.compile(r'^\s*#\s*include\s+"bpt/([^"]+)\.h"', re.M)
deps = {}
for base, sub in (('include/bpt', 'h'), ('src', 'cpp')):
    top = os.path.join(root, base)
    for dirpath, _, files in os.walk(top):
        for f in files:
            if not f.endswith('.' + sub):
                continue
            unit = os.path.relpath(os.path.join(dirpath, f), top)[: -len(sub) - 1]
            if base == 'src' and unit.startswith('cli' + os.sep):
                unit = unit  # the command-line program: units of its own
            text = open(os.path.join(dirpath, f), encoding='utf-8').read()
            deps.setdefault(unit, set()).update(d for d in inc.findall(text) if d != unit)

# Tarjan's strongly connected components: any component of more than one unit is a cycle.
index, low, stack, on, sccs, n = {}, {}, [], set(), [], [0]
sys.setrecursionlimit(10000)
def visit(v):
    index[v] = low[v] = n[0]; n[0] += 1; stack.append(v); on.add(v)
    for w in deps.get(v, ()):
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        if len(comp) > 1: sccs.append(sorted(comp))
for v in sorted(deps):
    if v not in index: visit(v)
if sccs:
    for c in sccs:
        print('include cycle between units: ' + ' <-> '.join(c))
    sys.exit(1)
print(f'no include cycles among {len(deps)} units')
