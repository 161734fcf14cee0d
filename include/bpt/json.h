#pragma once
// A streaming JSON emitter: values are written as they come, so a document of any
// size costs no more memory than its deepest nesting. Strings stay UTF-8.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bpt/output.h"

namespace bpt {

class JsonOut {
public:
    JsonOut(Output& out, bool pretty) : out_(out), pretty_(pretty) {}

    JsonOut& begin_object();
    JsonOut& end_object();
    JsonOut& begin_array();
    JsonOut& end_array();
    // `k` is one of the schema's member names: ASCII, written without escaping.
    JsonOut& key(std::string_view k);
    JsonOut& string(std::string_view s);
    // A number already in JSON syntax (exact decimals from Money or the grammar).
    JsonOut& raw_number(std::string_view n);
    JsonOut& number(std::uint64_t n);
    JsonOut& boolean(bool b);
    JsonOut& null();
    // Ends the top-level value with a newline and flushes when the buffer is large.
    void end_document();

    static void escape(std::string& out, std::string_view s);

private:
    void before_value();
    JsonOut& close(char bracket);
    void newline();
    Output& out_;
    bool pretty_;
    // Per open container: no member written yet. Bytes, not vector<bool>: this is
    // read and written for every value.
    std::vector<char> first_;
    bool after_key_ = false;
};

}  // namespace bpt
