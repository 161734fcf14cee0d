#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a working bpt: installs what is
# missing, builds, and reads the bundled sample table.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
dir=$(bash scripts/configure.sh)
cmake --build "$dir" --target bpt

"$dir"/bpt parse data/huadu-org-layout.txt -o huadu-org-layout.json
echo "bpt: read data/huadu-org-layout.txt into huadu-org-layout.json; its summary:"
tail -n 8 huadu-org-layout.json
