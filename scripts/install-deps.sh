#!/usr/bin/env bash
# Installs the Debian packages bpt builds and tests with. Idempotent: packages already
# present are left alone, and apt is only consulted when something is missing, so a
# repeat run costs nothing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libcli11-dev libfmt-dev nlohmann-json3-dev libicu-dev catch2 libxlsxwriter-dev
  python3 python3-jsonschema python3-openpyxl time
  libpoppler-cpp-dev poppler-data
  help2man dpkg-dev fakeroot python3-pandas man-db zsh fish
  # The extractor tests make their texts from the PDFs in data/ with the tools
  # people use; bench/pdf.sh times pdftotext next to bpt.
  poppler-utils mupdf-tools
)

# Fuzzing needs clang and its libFuzzer runtime; only scripts/fuzz.sh asks for them.
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
