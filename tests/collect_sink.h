#pragma once
// A sink that keeps everything it is given, for tests that drive the pipeline
// in-process and look at the records and findings.
#include <optional>
#include <string>
#include <vector>

#include "bpt/sink.h"

namespace bpt::test {

struct CollectSink : Sink {
    DocumentInfo doc;
    std::optional<Amounts> total;
    std::vector<Department> departments;
    std::vector<Project> projects;
    std::vector<Diagnostic> diagnostics;
    Summary summary;
    bool table = false;

    void on_document(const DocumentInfo& d) override { doc = d; }
    void on_declared_total(const Amounts& a, const Location&) override { total = a; }
    void on_department(const Department& d) override { departments.push_back(d); }
    void on_project(const Project& p) override { projects.push_back(p); }
    void on_diagnostic(const Diagnostic& d) override { diagnostics.push_back(d); }
    void on_end(const Summary& s) override { summary = s; }

    // The rule ids of the findings, in order.
    std::vector<std::string> rules() const {
        std::vector<std::string> r;
        for (const auto& d : diagnostics) r.push_back(std::string(d.id()));
        return r;
    }
};

}  // namespace bpt::test
