#pragma once
// NDJSON: one self-contained JSON object per line, written the moment its record is
// complete, so `bpt parse --format ndjson | jq` sees the first project before the
// file is read to its end, and files can be concatenated line by line.
// Line types (docs/formats.md): "project", "department", "diagnostic", and a last
// "summary" line, whose presence tells a consumer the stream was not cut short.
#include <optional>
#include <string>

#include "bpt/json.h"
#include "bpt/sink.h"

namespace bpt {

class NdjsonWriter final : public Sink {
public:
    explicit NdjsonWriter(Output& out) : j_(out, false) {}
    void on_document(const DocumentInfo& d) override;
    void on_declared_total(const Amounts& a, const Location& at) override;
    void on_department(const Department& d) override;
    void on_project(const Project& p) override;
    void on_diagnostic(const Diagnostic& d) override;
    void on_end(const Summary& s) override;

private:
    // `{"type":…,"source":{…}`: what makes each line stand on its own.
    void begin_line(std::string_view type);
    JsonOut j_;
    DocumentInfo info_;
    std::string source_;  // the `source` object, the same on every line: formatted once
    std::optional<Amounts> declared_total_;
    LineNo declared_total_line_ = 0;
};

}  // namespace bpt
