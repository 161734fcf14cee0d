#pragma once
// Projects printed twice: an exact repeat (duplicate-project, usually a page-break
// repeat) or the same name with different content (conflicting-duplicate). It runs
// first, since the other checks count an exact repeat once. Memory: a few words
// per distinct name, up to a bound (duplicate-check-limit says when it is reached).
#include <memory>
#include <unordered_map>

#include "bpt/checks/check.h"

namespace bpt::checks {

class Repeats {
public:
    explicit Repeats(Context& cx);
    ~Repeats();
    // Whether `p` repeats an earlier project exactly; reports what it finds.
    bool repeat(const Project& p);

    // Names remembered at most: about 7 MiB of index, so that memory stays bounded
    // whatever the input. Real tables have hundreds of projects; a file with more
    // than this is checked for repeats of its first kMaxNames names (and says so).
    static constexpr std::size_t kMaxNames = 1 << 17;

private:
    // What the duplicate rules remember of the first project with a given name:
    // hashes, not text, so memory stays a few words per project.
    struct NameSeen {
        std::uint64_t content = 0;  // all of the fields below, and the name
        LineNo line = 0;           // where the first version is: a text line,
        std::uint32_t page = 0;    // or a PDF page
        std::uint32_t amounts = 0, goal = 0, indicators = 0;  // for saying what differs
        std::int64_t total_cents = kNoTotal;
        static constexpr std::int64_t kNoTotal = INT64_MIN;
    };
    class NameIndex;  // a flat hash table of NameSeen, in repeats.cpp

    Context& cx_;
    std::unique_ptr<NameIndex> names_;                         // department + name hash → first version
    std::unordered_map<std::uint64_t, Location> other_versions_;  // content hash → first place
    bool full_reported_ = false;
};

}  // namespace bpt::checks
