#pragma once
// The one place that decides what cells mean. Every reader hands it rows of cells
// with their column roles (row.h); it makes the records: a name's base, suffix and
// town; amounts as exact money, placed in their columns; the indicator grammar;
// departments carried down to the projects under them; the document's title, unit
// and 合计. The same table read from any input gives the same records, because no
// reader makes a record itself.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bpt/model.h"
#include "bpt/row.h"
#include "bpt/sink.h"

namespace bpt {

// `name` (trimmed) becomes name, base_name, suffix and town: `…经费（狮岭镇）` → suffix
// and town 狮岭镇; `…（区本级）` → suffix only.
void set_project_name(Project& project, std::string_view name);

class Assembler final : public RowSink {
public:
    // `info` holds what the pipeline knows (path, encoding, reader); rows add the rest.
    Assembler(Sink& sink, DocumentInfo info);

    void row(Row& row) override;
    void finding(Rule rule, std::string message, Location at, std::string_view quote = {},
                 bool open_project = false) override;
    // End of input: emits a project still waiting for grid indicator rows, and the
    // document if nothing else did.
    void finish();

    std::uint32_t projects() const { return index_; }
    const DocumentInfo& info() const { return info_; }

private:
    void send_document();
    void meta(const Row& row);
    void total_or_department(const Row& row);
    void begin_project(Row& row);
    void add_indicator_row(const Row& row);
    void emit_project();
    Amounts amounts(const Row& row, std::string_view what, std::uint32_t project);
    void report(Rule rule, std::string message, Location at, std::string_view quote, std::uint32_t project);

    Sink& sink_;
    DocumentInfo info_;
    bool document_sent_ = false;
    std::uint32_t index_ = 0;

    // Carried down from department rows and cells to the projects below them.
    std::string department_;
    std::string budget_unit_;

    // A project row without its own indicator cell waits here for the grid's
    // indicator rows that follow it.
    Project project_;
    bool open_ = false;  // project_ is read but not yet emitted
    std::vector<Diagnostic> grammar_;  // the indicator grammar's findings, reused
    std::vector<Mark> marks_;
    std::vector<Money> numbers_;  // a row's printed amounts, reused
    bool bad_amount_ = false;  // the last amounts() reported a cell it could not read
};

}  // namespace bpt
