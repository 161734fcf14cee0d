#pragma once
// The validator: a sink in the pipeline that watches records go by, keeps only what
// its rules need (running sums, keys of projects seen) and adds its diagnostics to
// the stream. `bpt parse` and `bpt validate` run the same checks.
#include <map>
#include <set>
#include <string>

#include "bpt/money.h"
#include "bpt/sink.h"

namespace bpt {

struct ValidationOptions {
    std::set<std::string> disabled;              // rule ids that report nothing
    std::map<std::string, Severity> severities;  // rule id → severity override
    Money tolerance;                             // allowed difference in money checks
};

class Validator final : public FilterSink {
public:
    Validator(Sink& next, ValidationOptions options) : FilterSink(next), options_(std::move(options)) {}

private:
    ValidationOptions options_;
};

}  // namespace bpt
