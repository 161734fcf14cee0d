#!/usr/bin/env bash
# Makes bpt.1 with help2man: the NAME and SYNOPSIS from `bpt --help`, then one
# section per command holding that command's own --help, examples included.
# Usage: scripts/man.sh BPT HELP2MAN OUT
set -euo pipefail
bpt=$1 help2man=$2 out=$3
include=$(mktemp)
trap 'rm -f "$include"' EXIT
{
    echo "[COMMANDS]"
    for cmd in parse convert validate rules completions help; do
        echo ".SS \"bpt $cmd\""
        echo ".nf"
        "$bpt" help "$cmd" | sed -e 's/\\/\\e/g' -e 's/^\./\\\&./' -e "s/^'/\\\\\&'/"
        echo ".fi"
    done
    echo "[ENVIRONMENT]"
    echo ".TP"
    echo ".B NO_COLOR"
    echo "When set and not empty, validate's text report has no colours (unless --color always)."
    echo ".TP"
    echo ".B CLICOLOR_FORCE"
    echo "When set and not 0, colours even when standard output is not a terminal."
    echo ".TP"
    echo ".B GITHUB_STEP_SUMMARY"
    echo "validate --format github appends a Markdown summary of each file's counts to this file."
}> "$include"
"$help2man" --no-info --no-discard-stderr --section=1 --name="extract and validate budget performance target tables" \
    --include="$include" --output="$out.tmp" "$bpt"
mv "$out.tmp" "$out"
