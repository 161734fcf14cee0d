#!/usr/bin/env bash
# The zsh and fish scripts of `bpt completions`: zsh must parse them (zsh -n), fish
# must complete with them (it sorts what it offers). bash: cli_test.cpp.
# Usage: check_completions.sh BPT
set -euo pipefail
bpt=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "check_completions: $*"; exit 1; }
"$bpt" completions zsh > "$dir/_bpt"
zsh -n "$dir/_bpt" || fail "zsh cannot parse the zsh script"
grep -q '^#compdef bpt$' "$dir/_bpt" || fail "the zsh script lacks #compdef"
"$bpt" completions fish > "$dir/bpt.fish"
fish --no-execute "$dir/bpt.fish" || fail "fish cannot parse the fish script"
complete() { fish -c "source $dir/bpt.fish; complete -C '$1'" | cut -f1 | tr '\n' ' '; }
[ "$(complete 'bpt val')" = "validate " ] || fail "bpt val → $(complete 'bpt val')"
[ "$(complete 'bpt validate --format s')" = "sarif " ] || fail "--format s → $(complete 'bpt validate --format s')"
[ "$(complete 'bpt parse --table ')" = "indicators projects " ] || fail "--table → $(complete 'bpt parse --table ')"
[ "$(complete 'bpt completions ')" = "bash fish zsh " ] || fail "completions → $(complete 'bpt completions ')"
echo "check_completions: zsh parses its script; fish completes commands, options and values"
