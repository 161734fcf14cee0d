#!/usr/bin/env bash
# `cpack -G DEB` of the build: the package's Depends come from dpkg-shlibdeps, and it
# holds the program, the man page and the three completions. Then the package is
# unpacked (not installed) and its bpt and man page are tried from there.
# Usage: check_deb.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail() { echo "check_deb: $*"; exit 1; }
(cd "$out" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$out" >/dev/null) || fail "cpack -G DEB failed"
deb=$(ls "$out"/*.deb)
info=$(dpkg-deb -I "$deb")
depends=$(sed -n 's/^ Depends: //p' <<<"$info")
[ -n "$depends" ] || fail "no Depends in $(basename "$deb")"
for lib in libc6 libstdc++6 libfmt libicu libxlsxwriter; do
    grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
files=$(dpkg-deb -c "$deb" | awk '{print $6}')
for m in libbpt-pdf.so libbpt-xlsx.so; do
    grep -qE "^\./usr/lib/(.*/)?bpt/$m\$" <<<"$files" || fail "the package lacks the module $m (LIBDIR/bpt)"
done
for f in ./usr/bin/bpt ./usr/share/man/man1/bpt.1.gz ./usr/share/bash-completion/completions/bpt \
         ./usr/share/zsh/vendor-completions/_bpt ./usr/share/fish/vendor_completions.d/bpt.fish; do
    grep -qxF "$f" <<<"$files" || fail "the package lacks $f"
done
dpkg-deb -x "$deb" "$out/root"
[ "$("$out/root/usr/bin/bpt" --version)" = "bpt $(sed -n 's/^ Version: //p' <<<"$info")" ] || fail "bpt --version"
# The modules are found from the unpacked program: a PDF read, a workbook written.
data=$(cd "$(dirname "$0")/../data" && pwd)
"$out/root/usr/bin/bpt" parse "$data/huadu-org-calc.pdf" --format csv -o "$out/t.csv" 2>/dev/null || [ $? = 1 ] || fail "bpt of the package cannot read a PDF"
grep -q 党代表任期制工作经费 "$out/t.csv" || fail "bpt of the package read nothing from the PDF"
"$out/root/usr/bin/bpt" parse "$data/huadu-org-layout.txt" --format xlsx -o "$out/t.xlsx" || fail "bpt of the package cannot write a workbook"
[ -s "$out/t.xlsx" ] || fail "bpt of the package wrote no workbook"
zcat "$out/root/usr/share/man/man1/bpt.1.gz" | grep -q '^\.SH COMMANDS' || fail "the man page has no COMMANDS"
echo "check_deb: $(basename "$deb"): Depends: $depends"
