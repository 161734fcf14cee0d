#include "suggest.h"

#include <algorithm>

namespace bpt::cli {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[n][m];
}

std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates) {
    // A word cut short (`valid`, `--max`) means the one candidate it begins.
    std::optional<std::string> prefix_of;
    int prefixes = 0;
    for (const auto& c : candidates)
        if (c.size() > word.size() && word.size() >= 3 && c.starts_with(word)) {
            prefix_of = c;
            ++prefixes;
        }
    if (prefixes == 1) return prefix_of;
    std::optional<std::string> best;
    std::size_t best_distance = 0;
    for (const auto& c : candidates) {
        std::size_t dist = edit_distance(word, c);
        if (!best || dist < best_distance) {
            best = c;
            best_distance = dist;
        }
    }
    // Leading dashes are not letters a user could have misspelt.
    std::size_t letters = word.size() - std::min(word.find_first_not_of('-'), word.size());
    // A word of one or two letters (`-x`) is near everything short: no guess.
    std::size_t allowed = letters < 3 ? 0 : std::min<std::size_t>(3, std::max<std::size_t>(1, letters / 3));
    if (!best || best_distance > allowed) return std::nullopt;
    return best;
}

}  // namespace bpt::cli
