#!/usr/bin/python3
"""Validates `bpt parse` output for each sample against docs/bpt-1.schema.json.

Run by CTest with Debian's python3 (python3-jsonschema, installed by
scripts/install-deps.sh). Exits non-zero, naming the file and the failing path,
when the output and the documented schema disagree.
"""
import json
import subprocess
import sys
from pathlib import Path

import jsonschema


def main() -> int:
    bpt, schema_path, *inputs = sys.argv[1:]
    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    failures = 0
    for path in inputs:
        out = subprocess.run([bpt, "parse", path, "--compact", "-q"], capture_output=True, check=False)
        # 1: written, but the reading is doubtful (a cut fragment): the output still follows the schema.
        if out.returncode not in (0, 1):
            print(f"{path}: bpt exited {out.returncode}: {out.stderr.decode()}")
            failures += 1
            continue
        doc = json.loads(out.stdout)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        for e in errors[:10]:
            print(f"{path}: {'/'.join(map(str, e.path))}: {e.message}")
        failures += bool(errors)
        print(f"{path}: {len(doc['projects'])} projects, {'valid' if not errors else 'INVALID'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
