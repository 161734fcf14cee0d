#include "bpt/ndjson_writer.h"

#include "bpt/json_writer.h"

namespace bpt {

void NdjsonWriter::on_document(const DocumentInfo& d) {
    info_ = d;
    // write_source's object, in NDJSON's compact form.
    source_ = "{\"path\":";
    JsonOut::escape(source_, d.path);
    source_ += ",\"dialect\":";
    JsonOut::escape(source_, d.dialect);
    source_ += ",\"encoding\":";
    JsonOut::escape(source_, d.encoding);
    source_ += '}';
}

void NdjsonWriter::begin_line(std::string_view type) {
    j_.begin_object();
    j_.key("type").string(type);
    j_.key("source");
    if (source_.empty()) write_source(j_, info_);  // no on_document: the default source
    else j_.raw_number(source_);
}

void NdjsonWriter::on_declared_total(const Amounts& a, const Location& at) {
    // Kept for the summary line rather than given a line of its own: it is one
    // value per file, like the counts.
    declared_total_ = a;
    declared_total_line_ = at.line;
}

void NdjsonWriter::on_department(const Department& d) {
    begin_line("department");
    write_department_members(j_, d);
    j_.end_object();
    j_.end_document();
}

void NdjsonWriter::on_project(const Project& p) {
    begin_line("project");
    // Amounts mean nothing without their unit, and a line must stand on its own: the
    // project's members carry its amount_unit.
    write_project_members(j_, p);
    j_.end_object();
    j_.end_document();
}

void NdjsonWriter::on_diagnostic(const Diagnostic& d) {
    begin_line("diagnostic");
    write_diagnostic_members(j_, d);
    j_.end_object();
    j_.end_document();
}

void NdjsonWriter::on_end(const Summary& s) {
    begin_line("summary");
    write_heading_members(j_, info_);
    j_.key("declared_total");
    if (declared_total_) write_amounts(j_, *declared_total_);
    else j_.null();
    j_.key("declared_total_line");
    if (declared_total_) j_.number(declared_total_line_);
    else j_.null();
    write_summary_members(j_, s);
    j_.end_object();
    j_.end_document();
}

}  // namespace bpt
