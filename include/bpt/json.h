#pragma once
// A streaming JSON emitter: values are written as they come, so a document of any
// size costs no more memory than its deepest nesting. Strings stay UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "bpt/output.h"

namespace bpt {

class JsonOut {
public:
    JsonOut(Output& out, bool pretty) : out_(out), b_(out.buffer()), pretty_(pretty) {}

    JsonOut& begin_object() { return open('{'); }
    JsonOut& end_object() { return close('}'); }
    JsonOut& begin_array() { return open('['); }
    JsonOut& end_array() { return close(']'); }
    // `k` is one of the schema's member names: an ASCII literal, written without
    // escaping, its quotes and colon assembled at a size known when compiling.
    template <std::size_t N>
    JsonOut& key(const char (&k)[N]) {
        before_value();
        char tmp[N + 3];
        tmp[0] = '"';
        std::memcpy(tmp + 1, k, N - 1);
        tmp[N] = '"';
        tmp[N + 1] = ':';
        tmp[N + 2] = ' ';
        b_.append(tmp, pretty_ ? N + 3 : N + 2);
        after_key_ = true;
        return *this;
    }
    JsonOut& string(std::string_view s) {
        before_value();
        escape(b_, s);
        return *this;
    }
    // A number already in JSON syntax (exact decimals from Money or the grammar).
    JsonOut& raw_number(std::string_view n) {
        before_value();
        b_.append(n);
        return *this;
    }
    JsonOut& number(std::uint64_t n);
    JsonOut& boolean(bool b) {
        before_value();
        b_.append(b ? "true" : "false", b ? 4 : 5);
        return *this;
    }
    JsonOut& null() {
        before_value();
        b_.append("null", 4);
        return *this;
    }
    // Ends the top-level value with a newline and flushes when the buffer is large.
    void end_document();

    static void escape(ByteBuffer& out, std::string_view s);
    static void escape(std::string& out, std::string_view s);  // for tests and small uses

private:
    // The emitter is on the hot path of every JSON-shaped output: the per-value
    // steps are inline, and nesting state is a fixed array (bpt's schema nests
    // a handful of levels; a deeper call is a programming error).
    static constexpr int kMaxDepth = 32;

    void before_value() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (depth_ == 0) return;
        if (!first_[depth_ - 1]) b_ += ',';
        first_[depth_ - 1] = false;
        if (pretty_) newline();
    }
    JsonOut& open(char bracket);
    JsonOut& close(char bracket);
    void newline();

    Output& out_;
    ByteBuffer& b_;  // out_'s buffer, written in place
    bool pretty_;
    bool after_key_ = false;
    int depth_ = 0;
    bool first_[kMaxDepth] = {};  // per open container: no member written yet
};

}  // namespace bpt
