#pragma once
// `--format ndjson --table indicators`: one flat JSON object per indicator, each
// carrying its project's keys, for data tools (pandas, DuckDB, jq) that want one
// row per indicator without unnesting projects. Nothing but indicator lines: every
// line has the same shape, so a reader needs no filter (docs/formats.md).
#include "bpt/json.h"
#include "bpt/sink.h"

namespace bpt {

class NdjsonIndicatorWriter final : public Sink {
public:
    explicit NdjsonIndicatorWriter(Output& out) : j_(out, false) {}
    void on_document(const DocumentInfo& d) override { info_ = d; }
    void on_project(const Project& p) override;

private:
    JsonOut j_;
    DocumentInfo info_;
};

}  // namespace bpt
