#pragma once
// "Did you mean": the nearest of a set of known words to a misspelt one, as git and
// cargo suggest, so that a typo costs one glance at the error rather than a trip
// to --help.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bpt::cli {

// Optimal string alignment distance: Levenshtein plus the swap of two adjacent
// characters, the commonest typo (`--fromat`).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The one candidate `word` begins, or else the candidate nearest to `word`, when near enough to be a plausible typo (at most
// a third of its length, and at most 3, edits away; a word of under
// three letters only matches exactly); ties go to the first listed.
std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace bpt::cli
