#include <catch2/catch.hpp>

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "bpt/grid_header.h"
#include "bpt/grid_reader.h"
#include "bpt/money.h"
#include "bpt/source.h"
#include "test_util.h"

namespace {

struct Finding {
    bpt::Rule rule;
    std::string message;
    bpt::Location at;
    std::string quote;
};

struct Collect : bpt::RowSink {
    std::vector<bpt::Row> rows;
    std::vector<Finding> findings;
    void row(bpt::Row& r) override { rows.push_back(r); }
    void finding(bpt::Rule rule, std::string message, bpt::Location at, std::string_view quote) override {
        findings.push_back({rule, std::move(message), at, std::string(quote)});
    }
};

struct Read {
    Collect sink;
    bool saw_table = false;
    bool detected = false;

    std::vector<const bpt::Row*> of(bpt::RowKind kind) const {
        std::vector<const bpt::Row*> out;
        for (const auto& r : sink.rows)
            if (r.kind == kind) out.push_back(&r);
        return out;
    }
    std::vector<const bpt::Row*> projects() const { return of(bpt::RowKind::Project); }
    std::vector<const bpt::Row*> indicators() const { return of(bpt::RowKind::Indicator); }
    std::vector<std::string> rules() const {
        std::vector<std::string> out;
        for (const auto& f : sink.findings) out.emplace_back(bpt::rule_id(f.rule));
        return out;
    }
};

Read read_path(const std::string& path) {
    Read r;
    auto src = bpt::Source::open(path);
    bpt::GridReader reader(r.sink);
    bpt::Line line;
    std::vector<std::string> first;
    while (src->next(line)) {
        if (first.size() < 60) first.emplace_back(line.text);
        reader.line(line);
    }
    reader.finish();
    r.saw_table = reader.saw_table();
    r.detected = bpt::GridReader::detect(first);
    return r;
}

[[maybe_unused]] Read read(const std::string& name) { return read_path(bpt::test::data_path(name).string()); }

std::string cell(const bpt::Row* row, bpt::Role role) {
    const auto* c = row->find(role);
    return c ? c->text : std::string("<none>");
}

// level1 | level2 | name | target (or period / annual), for whole-row assertions.
[[maybe_unused]] std::string ind(const bpt::Row* r) {
    std::string s = cell(r, bpt::Role::Level1) + " | " + cell(r, bpt::Role::Level2) + " | " +
                    cell(r, bpt::Role::IndicatorName) + " | ";
    if (r->find(bpt::Role::Target)) s += cell(r, bpt::Role::Target);
    else s += cell(r, bpt::Role::PeriodTarget) + " / " + cell(r, bpt::Role::AnnualTarget);
    return s;
}

}  // namespace

// Prints what the reader finds in a file: BPT_GRID_DUMP=path bpt_tests "[.grid-dump]"
TEST_CASE("grid dump", "[.grid-dump]") {
    const char* path = std::getenv("BPT_GRID_DUMP");
    REQUIRE(path);
    auto r = read_path(path);
    std::cout << "detected " << r.detected << " saw_table " << r.saw_table << "\n";
    for (const auto& row : r.sink.rows) {
        std::cout << row.at.line << " " << bpt::to_string(row.kind) << ":";
        for (const auto& c : row.cells) std::cout << " [" << bpt::to_string(c.role) << "=" << c.text << "]";
        std::cout << "\n";
    }
    for (const auto& f : r.sink.findings)
        std::cout << f.at.line << " " << bpt::rule_id(f.rule) << ": " << f.message << " «" << f.quote << "»\n";
}
