#pragma once
// A finding about the input: what rule, how bad, where. Every reader, the indicator
// grammar and the validator speak in these, so one writer can print them all.
#include <cstdint>
#include <string>
#include <optional>
#include <string_view>
#include <vector>

#include "bpt/rules.h"

namespace bpt {


struct Diagnostic {
    std::string rule;      // stable id, e.g. `unparsed-text`
    Severity severity = Severity::Warning;
    std::string message;   // one sentence a finance officer can act on
    std::uint32_t line = 0;  // 1-based input line; 0 when the finding is about the whole file
    std::uint32_t project = 0;  // 1-based project index it concerns; 0 when none
};

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
    // The `diagnostics-truncated` note that ends a list with omissions; nullopt without.
    std::optional<Diagnostic> omission_note() const;

private:
    std::vector<Diagnostic> items_;
    std::uint64_t omitted_ = 0;
};

}  // namespace bpt
