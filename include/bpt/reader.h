#pragma once
// A reader turns a dialect's lines into records. It is a state machine fed one line
// at a time, and pushes each record to its sink the moment the record is complete.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpt/sink.h"
#include "bpt/source.h"
#include "bpt/validate.h"

namespace bpt {

class Reader {
public:
    virtual ~Reader() = default;
    virtual void line(const Line& line) = 0;
    // End of input: completes or reports whatever is still open.
    virtual void finish() = 0;
    // Whether the input looked like a table at all (a header, a 合计 row or a project).
    virtual bool saw_table() const = 0;
};

// What every reader does with its sink: hand over the document exactly once, before
// any other event, and report findings. Readers derive from it for these alone.
class SinkReader : public Reader {
protected:
    SinkReader(Sink& sink, DocumentInfo info) : sink_(sink), info_(std::move(info)) {}
    void send_document();
    void diagnose(std::string rule, Severity severity, std::string message, std::uint32_t line,
                  std::uint32_t project);
    // `unparsed-text`: a line that ends up in no field is never dropped silently.
    void unparsed(std::string_view text, std::uint32_t line, std::string_view why, std::uint32_t project);

    Sink& sink_;
    DocumentInfo info_;

private:
    bool document_sent_ = false;
};

struct ReadOptions {
    std::optional<std::string> encoding;  // force an encoding instead of detecting it
    std::optional<std::string> dialect;   // "layout" or "export" instead of detecting it
    ValidationOptions validation;
};

// Shared by every dialect, so the same table read from either gives the same record.
// `name` (trimmed) becomes name, base_name, suffix and town: `…经费（狮岭镇）` → suffix
// and town 狮岭镇; `…（区本级）` → suffix only.
void set_project_name(Project& project, std::string_view name);
// `部门名称：X 单位：万元` (either colon width) fills info.department and
// info.amount_unit, unless a previous such line already did (tables repeat it on
// every page); then a different name is put in `*other` (a second table). False when
// `trimmed` is not such a line.
bool read_department_line(std::string_view trimmed, DocumentInfo& info, std::string* other = nullptr);

// Decides the dialect from the first lines of a file (copies, in order, blank
// lines included): "layout" or "export".
std::string detect_dialect(const std::vector<std::string>& first_lines);

// The reader for `dialect`, pushing to `sink`.
std::unique_ptr<Reader> make_reader(const std::string& dialect, Sink& sink, DocumentInfo info);

// Outcome of reading one file.
struct ReadResult {
    bool table = false;  // false: the file is not a table at all (nothing recognisable)
    std::string dialect;  // as detected or forced
    Summary summary;
    // Why a file that is no table was refused, in the words of its dialect.
    std::string not_a_table() const;
};

// Source → Reader → Validator → SummarySink → sink: the validator's findings are
// counted with the reader's, and on_end carries the counts. Throws InputError when the bytes cannot be read as text.
ReadResult read_document(Source& source, Sink& sink, const ReadOptions& options);

}  // namespace bpt
