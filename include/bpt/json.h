#pragma once
// A streaming JSON emitter: values are written as they come, so a document of any
// size costs no more memory than its deepest nesting. Strings stay UTF-8.
#include <cstddef>
#include <cstdint>
#include <charconv>
#include <cstring>
#include <string>
#include <string_view>

#include "bpt/money.h"
#include "bpt/output.h"

namespace bpt {

// Money::to_string's text (`9246.72`, `-0.50`, `245`), appended without a string.
void append_money(ByteBuffer& out, Money m);

class JsonOut {
public:
    JsonOut(Output& out, bool pretty) : out_(out), b_(out.buffer()), pretty_(pretty) {}

    JsonOut& begin_object() { return open('{'); }
    JsonOut& end_object() { return close('}'); }
    JsonOut& begin_array() { return open('['); }
    JsonOut& end_array() { return close(']'); }
    // `k` is one of the schema's member names: an ASCII literal, written without
    // escaping. Its comma, line break and indent, quotes and colon go out as one
    // run: a key is always an object's member, so what precedes it is known here.
    template <std::size_t N>
    JsonOut& key(const char (&k)[N]) {
        bool& first = first_[depth_ - 1];
        std::size_t comma = first ? 0 : 1;
        first = false;
        char* p = b_.tail(1 + sizeof kIndent + N + 2);
        *p = ',';
        p += comma;
        if (pretty_) {
            std::memcpy(p, kIndent, sizeof kIndent - 1);
            p += 1 + 2 * static_cast<std::size_t>(depth_);
        }
        p[0] = '"';
        std::memcpy(p + 1, k, N - 1);
        p[N] = '"';
        p[N + 1] = ':';
        p[N + 2] = ' ';
        b_.set_end(p + (pretty_ ? N + 3 : N + 2));
        after_key_ = true;
        return *this;
    }
    JsonOut& string(std::string_view s) {
        before_value();
        escape(b_, s);
        return *this;
    }
    // Literal text known to need no escaping (kind and comparator names).
    template <std::size_t N>
    JsonOut& plain(const char (&s)[N]) {
        before_value();
        char* p = b_.tail(N + 1);
        p[0] = '"';
        std::memcpy(p + 1, s, N - 1);
        p[N] = '"';
        b_.set_end(p + N + 1);
        return *this;
    }
    // A number already in JSON syntax (exact decimals from Money or the grammar).
    JsonOut& raw_number(std::string_view n) {
        before_value();
        b_.append(n);
        return *this;
    }
    JsonOut& number(std::uint64_t n) {
        before_value();
        char* p = b_.tail(20);
        b_.set_end(std::to_chars(p, p + 20, n).ptr);
        return *this;
    }
    // Money::to_string's digits, formatted in place.
    JsonOut& money(Money m) {
        before_value();
        append_money(b_, m);
        return *this;
    }
    JsonOut& boolean(bool b) {
        before_value();
        char* p = b_.tail(5);
        std::memcpy(p, b ? "true" : "false", 5);
        b_.set_end(p + (b ? 4 : 5));
        return *this;
    }
    JsonOut& null() {
        before_value();
        char* p = b_.tail(4);
        std::memcpy(p, "null", 4);
        b_.set_end(p + 4);
        return *this;
    }
    // Ends the top-level value with a newline and flushes when the buffer is large.
    void end_document();

    static void escape(ByteBuffer& out, std::string_view s);
    static void escape(std::string& out, std::string_view s);  // for tests and small uses

    // Line break and indent of the deepest level (kMaxDepth), cut to length.
    static constexpr char kIndent[] = "\n                                                                ";

private:
    // The emitter is on the hot path of every JSON-shaped output: the per-value
    // steps are inline, and nesting state is a fixed array (bpt's schema nests
    // a handful of levels; a deeper call is a programming error).
    static constexpr int kMaxDepth = 32;
    static_assert(sizeof kIndent == 2 + 2 * kMaxDepth);

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
    JsonOut& open(char bracket) {
        before_value();
        if (depth_ == kMaxDepth) too_deep();
        b_ += bracket;
        first_[depth_++] = true;
        return *this;
    }
    JsonOut& close(char bracket) {
        bool empty = first_[--depth_];
        char* p = b_.tail(sizeof kIndent);
        if (pretty_ && !empty) {
            std::memcpy(p, kIndent, sizeof kIndent - 1);
            p += 1 + 2 * static_cast<std::size_t>(depth_);
        }
        *p++ = bracket;
        b_.set_end(p);
        out_.maybe_flush();
        return *this;
    }
    void newline() {
        char* p = b_.tail(sizeof kIndent);
        std::memcpy(p, kIndent, sizeof kIndent - 1);
        b_.set_end(p + 1 + 2 * static_cast<std::size_t>(depth_));
    }
    [[noreturn]] static void too_deep();

    Output& out_;
    ByteBuffer& b_;  // out_'s buffer, written in place
    bool pretty_;
    bool after_key_ = false;
    int depth_ = 0;
    bool first_[kMaxDepth] = {};  // per open container: no member written yet
};

}  // namespace bpt
