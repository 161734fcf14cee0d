#pragma once
// The receiving end of the pipeline. A reader pushes each record the moment it is
// complete; writers and the validator are sinks. A reader never knows the output
// format, and a new format is one new sink.
#include <cstdint>
#include <vector>

#include "bpt/diagnostic.h"
#include "bpt/model.h"

namespace bpt {

class Sink {
public:
    virtual ~Sink() = default;
    // Once, before any other event: what the file says about itself up front.
    virtual void on_document(const DocumentInfo&) {}
    // The 合计 row, whenever the table prints it (usually before the projects).
    virtual void on_declared_total(const Amounts&, const Location& /*at*/) {}
    virtual void on_department(const Department&) {}
    virtual void on_project(const Project&) {}
    virtual void on_diagnostic(const Diagnostic&) {}
    // Once, last. The summary counts everything that passed through the pipeline.
    virtual void on_end(const Summary&) {}
};

// Passes every event on to `next`. Derive from it to watch or add to a stream.
class FilterSink : public Sink {
public:
    explicit FilterSink(Sink& next) : next_(next) {}
    void on_document(const DocumentInfo& d) override { next_.on_document(d); }
    void on_declared_total(const Amounts& a, const Location& at) override { next_.on_declared_total(a, at); }
    void on_department(const Department& d) override { next_.on_department(d); }
    void on_project(const Project& p) override { next_.on_project(p); }
    void on_diagnostic(const Diagnostic& d) override { next_.on_diagnostic(d); }
    void on_end(const Summary& s) override { next_.on_end(s); }

protected:
    Sink& next() { return next_; }

private:
    Sink& next_;
};

// Fans one stream out to several sinks, in order.
class TeeSink final : public Sink {
public:
    explicit TeeSink(std::vector<Sink*> sinks) : sinks_(std::move(sinks)) {}
    void on_document(const DocumentInfo& d) override { for (auto* s : sinks_) s->on_document(d); }
    void on_declared_total(const Amounts& a, const Location& at) override {
        for (auto* s : sinks_) s->on_declared_total(a, at);
    }
    void on_department(const Department& d) override { for (auto* s : sinks_) s->on_department(d); }
    void on_project(const Project& p) override { for (auto* s : sinks_) s->on_project(p); }
    void on_diagnostic(const Diagnostic& d) override { for (auto* s : sinks_) s->on_diagnostic(d); }
    void on_end(const Summary& sum) override { for (auto* s : sinks_) s->on_end(sum); }

private:
    std::vector<Sink*> sinks_;
};

// Counts what flows past and hands the totals to on_end, so no writer counts twice.
class SummarySink final : public FilterSink {
public:
    using FilterSink::FilterSink;
    void on_project(const Project& p) override {
        ++summary_.projects;
        summary_.indicators += static_cast<std::uint32_t>(p.indicators.size());
        FilterSink::on_project(p);
    }
    void on_diagnostic(const Diagnostic& d) override {
        switch (d.severity) {
            case Severity::Error: ++summary_.errors; break;
            case Severity::Warning: ++summary_.warnings; break;
            case Severity::Info: ++summary_.infos; break;
        }
        FilterSink::on_diagnostic(d);
    }
    void on_end(const Summary&) override { FilterSink::on_end(summary_); }
    const Summary& summary() const { return summary_; }

private:
    Summary summary_;
};

}  // namespace bpt
