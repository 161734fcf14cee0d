#pragma once
// A streaming JSON emitter: values are written as they come, so a document of any
// size costs no more memory than its deepest nesting. Strings stay UTF-8.
#include <cstddef>
#include <cstdint>
#include <charconv>
#include <cstring>
#include <string>
#include <string_view>

#include "bpt/clean_copy.h"
#include "bpt/money.h"
#include "bpt/output.h"

// The run methods must be inlined for the cursor to stay in a register.
#if defined(__GNUC__)
#define BPT_ALWAYS_INLINE [[gnu::always_inline]] inline
#else
#define BPT_ALWAYS_INLINE inline
#endif

namespace bpt {

// Money::to_string's text (`9246.72`, `-0.50`, `245`), appended without a string.
void append_money(ByteBuffer& out, Money m);
// The same at `p`, which has room for kMoneyMax bytes; returns the end.
constexpr std::size_t kMoneyMax = 1 + 20 + 1 + Money::kMaxDecimals;
char* put_money(char* p, Money m);

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
        if (pretty_) p = put_indent(p, depth_);
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
    // `s`, quoted, when it has something to escape (escape's rare path).
    static void escape_slow(ByteBuffer& out, std::string_view s);

    // Line break and indent of the deepest level (kMaxDepth), cut to length.
    static constexpr char kIndent[] = "\n                                                                ";
    // The line break and indent of `depth` at `p` (room for sizeof kIndent bytes);
    // returns the end. Fixed-size copies, the shortest that covers the depth: an
    // indicator's members are at depth 7, fifteen bytes.
    BPT_ALWAYS_INLINE static char* put_indent(char* p, int depth) {
        if (depth <= 7) std::memcpy(p, kIndent, 16);
        else if (depth <= 15) std::memcpy(p, kIndent, 32);
        else std::memcpy(p, kIndent, sizeof kIndent - 1);
        return p + 1 + 2 * static_cast<std::size_t>(depth);
    }

    // A value written through a local cursor into room reserved in advance: the
    // hot records (an indicator, a target) are a fixed sequence of members, and
    // writing them through JsonOut's own state costs a reload of that state after
    // every byte stored (a char store may alias anything). `bound` must cover
    // everything the run writes: kPerMember per member, array item or bracket, plus
    // each string's size (strings that need escaping take their own room).
    class Run {
    public:
        static constexpr std::size_t kPerMember = 128;

        Run(JsonOut& j, std::size_t bound) : j_(j), bound_(bound), pretty_(j.pretty_), depth_(j.depth_) {
            j.before_value();
            p_ = j.b_.tail(bound);
        }
        // A run of members of the object being written, rather than a value.
        struct Members {};
        Run(JsonOut& j, std::size_t bound, Members)
            : j_(j), bound_(bound), pretty_(j.pretty_), depth_(j.depth_), first_(j.first_[j.depth_ - 1]) {
            j.first_[j.depth_ - 1] = false;
            p_ = j.b_.tail(bound);
        }
        // Whether a Members run's first member is the object's first.
        bool first() const { return first_; }
        Run(const Run&) = delete;
        Run& operator=(const Run&) = delete;
        // Hands the written bytes back to the JsonOut.
        BPT_ALWAYS_INLINE void end() {
            j_.b_.set_end(p_);
            j_.out_.maybe_flush();
        }

        BPT_ALWAYS_INLINE void open(char bracket) {
            *p_++ = bracket;
            ++depth_;
        }
        // `empty`: nothing was written since the open.
        BPT_ALWAYS_INLINE void close(char bracket, bool empty = false) {
            --depth_;
            if (pretty_ && !empty) newline();
            *p_++ = bracket;
        }
        // Before an array element: the comma unless it is the first, and in pretty
        // output its line.
        BPT_ALWAYS_INLINE void item(bool first) {
            *p_ = ',';
            p_ += first ? 0 : 1;
            if (pretty_) newline();
        }
        template <std::size_t N>
        BPT_ALWAYS_INLINE void key(const char (&k)[N], bool first = false) {
            // With its line, at most 89 bytes: room for any value but a string in kPerMember.
            static_assert(N <= 20);
            item(first);
            p_[0] = '"';
            std::memcpy(p_ + 1, k, N - 1);
            p_[N] = '"';
            p_[N + 1] = ':';
            p_[N + 2] = ' ';
            p_ += pretty_ ? N + 3 : N + 2;
        }
        BPT_ALWAYS_INLINE void string(std::string_view s) { p_ = put_string(p_, s, j_.b_, bound_); }
        // Text known to need no escaping (a kind or comparator name), at most 24 bytes.
        BPT_ALWAYS_INLINE void plain(std::string_view s) {
            p_[0] = '"';
            // A fixed-size copy is a few moves where a sized one is a call.
            if (s.size() <= 16) small_copy(p_ + 1, s.data(), s.size());
            else std::memcpy(p_ + 1, s.data(), s.size());
            p_[s.size() + 1] = '"';
            p_ += s.size() + 2;
        }
        BPT_ALWAYS_INLINE void raw_number(std::string_view n) {
            if (n.size() <= 16) small_copy(p_, n.data(), n.size());
            else std::memcpy(p_, n.data(), n.size());
            p_ += n.size();
        }
        BPT_ALWAYS_INLINE void number(std::uint64_t n) { p_ = std::to_chars(p_, p_ + 20, n).ptr; }
        BPT_ALWAYS_INLINE void money(Money m) { p_ = put_money(p_, m); }
        BPT_ALWAYS_INLINE void boolean(bool b) {
            std::memcpy(p_, b ? "true" : "false", 5);
            p_ += b ? 4 : 5;
        }
        BPT_ALWAYS_INLINE void null() {
            std::memcpy(p_, "null", 4);
            p_ += 4;
        }
        BPT_ALWAYS_INLINE void string_or_null(std::string_view s, bool present) {
            if (present) string(s);
            else null();
        }

    private:
        // n <= 16 bytes, as two overlapping halves (no load leaves [src, src + n)).
        BPT_ALWAYS_INLINE static void small_copy(char* dst, const char* src, std::size_t n) {
            if (n >= 8) {
                std::uint64_t a, b;
                std::memcpy(&a, src, 8);
                std::memcpy(&b, src + n - 8, 8);
                std::memcpy(dst, &a, 8);
                std::memcpy(dst + n - 8, &b, 8);
            } else if (n >= 4) {
                std::uint32_t a, b;
                std::memcpy(&a, src, 4);
                std::memcpy(&b, src + n - 4, 4);
                std::memcpy(dst, &a, 4);
                std::memcpy(dst + n - 4, &b, 4);
            } else if (n > 0) {
                dst[0] = src[0];
                dst[n / 2] = src[n / 2];
                dst[n - 1] = src[n - 1];
            }
        }
        BPT_ALWAYS_INLINE void newline() {
            p_ = put_indent(p_, depth_);
        }
        // `s` quoted at `p`, escaped if need be; where the run goes on. Out of line,
        // with the cursor passed by value so that it stays in a register.
        static char* put_string(char* p, std::string_view s, ByteBuffer& b, std::size_t bound);
        JsonOut& j_;
        std::size_t bound_;
        bool pretty_;
        int depth_;
        bool first_ = false;
        char* p_;
    };


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
        if (pretty_ && !empty) p = put_indent(p, depth_);
        *p++ = bracket;
        b_.set_end(p);
        out_.maybe_flush();
        return *this;
    }
    void newline() {
        b_.set_end(put_indent(b_.tail(sizeof kIndent), depth_));
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
