#pragma once
// A workbook for a finance officer (docs/formats.md): sheets 项目 (one row per
// project, page-break repeats marked 重复), 指标 (one row per indicator), 问题 (the
// findings) and 汇总 (declared against computed totals, totals by department and
// town, counts by category). Amounts are numbers formatted #,##0.00, so the sheet
// adds up as the table does when the rows marked 重复 are filtered out.
//
// A workbook is one zip written at the end, so rows go to libxlsxwriter as they
// stream (its constant_memory mode keeps one row per sheet in memory and the rest
// in temporary files) and the 汇总 sheet is written last from running sums.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "bpt/output.h"
#include "bpt/sink.h"
#include "bpt/stats.h"

namespace bpt {

struct XlsxOptions {
    bool english = false;        // machine names (`total`) instead of 总计（万元）
    bool source_column = false;  // a first column naming the input, for combined output
};

enum class Sheet : unsigned char { Projects, Indicators, Findings };

// One cell of a row. Values are kept as text so that a row can be spooled as it
// is; `Money` and `Number` hold exact decimals and become numbers in the sheet.
struct SheetCell {
    enum class Kind : unsigned char { Empty, Text, Money, Number, Integer };
    Kind kind = Kind::Empty;
    std::string value;
};

// Where a per-file sink's rows go: straight into a workbook, or into a spool that a
// combined workbook reads back in input order.
class XlsxRows {
public:
    virtual ~XlsxRows() = default;
    virtual void document(const std::string& path, const std::string& unit) = 0;
    virtual void row(Sheet sheet, const std::vector<SheetCell>& cells) = 0;
    virtual void end(const Stats& stats) = 0;
};

class XlsxBook final : public XlsxRows {
public:
    // Throws OutputError when no temporary file can be made.
    explicit XlsxBook(XlsxOptions options);
    ~XlsxBook() override;
    XlsxBook(const XlsxBook&) = delete;
    XlsxBook& operator=(const XlsxBook&) = delete;

    void document(const std::string& path, const std::string& unit) override;
    void row(Sheet sheet, const std::vector<SheetCell>& cells) override;
    void end(const Stats& stats) override { stats_.merge(stats); }

    // Writes 汇总, closes the workbook and writes its bytes to `out` (not committed).
    void close(Output& out);

    // Reads a spool written by a spooling sink and adds its rows, in order.
    void append_spool(std::FILE* spool, const std::string& name);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    Stats stats_;
};

// The sink one input's stream goes to: it turns records into rows of `rows`.
class XlsxSink final : public Sink {
public:
    XlsxSink(XlsxRows& rows, XlsxOptions options) : rows_(rows), options_(options) {}
    void on_document(const DocumentInfo& d) override;
    void on_declared_total(const Amounts& a, const Location&) override { stats_.declared_total(a); }
    void on_project(const Project& p) override;
    void on_diagnostic(const Diagnostic& d) override;
    void on_end(const Summary&) override;

private:
    XlsxRows& rows_;
    XlsxOptions options_;
    std::string source_;
    Stats stats_;
    RepeatFilter repeats_;
    bool begun_ = false;
    std::vector<SheetCell> cells_;  // reused for every row
};

// Rows encoded into an Output (a combined output's spool), for XlsxBook::append_spool.
class XlsxSpool final : public XlsxRows {
public:
    explicit XlsxSpool(Output& out) : out_(out) {}
    void document(const std::string& path, const std::string& unit) override;
    void row(Sheet sheet, const std::vector<SheetCell>& cells) override;
    void end(const Stats& stats) override;

private:
    Output& out_;
};

}  // namespace bpt
