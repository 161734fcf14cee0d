#pragma once
// The bounded list of findings a document-shaped output keeps (JSON, the validate
// report), and the note that says how many it left out.
#include <cstdint>
#include <optional>
#include <vector>

#include "bpt/diagnostic.h"
#include "bpt/rule_policy.h"

namespace bpt {

// The findings a writer lists, at most kMax of them: the summary counts every
// finding, but a document that must hold them all (JSON, the validate report)
// keeps only so many, so that memory stays bounded whatever the input. NDJSON
// streams every finding and needs no list.
class DiagnosticList {
public:
    static constexpr std::size_t kMax = 10000;

    void add(const Diagnostic& d) {
        if (items_.size() < kMax) items_.push_back(d);
        else ++omitted_;
    }
    const std::vector<Diagnostic>& items() const { return items_; }
    std::vector<Diagnostic>& items() { return items_; }
    std::uint64_t omitted() const { return omitted_; }
    // The `diagnostics-truncated` note that ends a list with omissions, as `policy`
    // (--disable, --severity) has it; nullopt without omissions or when disabled.
    std::optional<Diagnostic> omission_note(const RulePolicy& policy) const;

private:
    std::vector<Diagnostic> items_;
    std::uint64_t omitted_ = 0;
};

}  // namespace bpt
