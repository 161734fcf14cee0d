#include "bpt/json.h"

#include <fmt/format.h>

#include <cstring>

#include "swar.h"

namespace bpt {

void JsonOut::escape(std::string& out, std::string_view s) {
    out += '"';
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        // Most text needs no escape at all: skip clean words whole.
        while (i + 8 <= s.size()) {
            std::uint64_t w = swar::load(s.data() + i);
            if (swar::has_less(w, 0x20) | swar::has_byte(w, '"') | swar::has_byte(w, '\\')) break;
            i += 8;
        }
        if (i >= s.size()) break;
        auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

void JsonOut::newline() {
    auto& b = out_.buffer();
    b += '\n';
    b.append(first_.size() * 2, ' ');
}

void JsonOut::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (first_.empty()) return;
    if (!first_.back()) out_.buffer() += ',';
    first_.back() = false;
    if (pretty_) newline();
}

JsonOut& JsonOut::begin_object() {
    before_value();
    out_.buffer() += '{';
    first_.push_back(true);
    return *this;
}

JsonOut& JsonOut::end_object() { return close('}'); }

JsonOut& JsonOut::close(char bracket) {
    bool empty = first_.back();
    first_.pop_back();
    if (pretty_ && !empty) newline();
    out_.buffer() += bracket;
    out_.maybe_flush();
    return *this;
}

JsonOut& JsonOut::begin_array() {
    before_value();
    out_.buffer() += '[';
    first_.push_back(true);
    return *this;
}

JsonOut& JsonOut::end_array() { return close(']'); }

JsonOut& JsonOut::key(std::string_view k) {
    before_value();
    // Keys are the schema's own ASCII names: nothing to escape.
    auto& b = out_.buffer();
    std::size_t at = b.size();
    b.resize(at + k.size() + (pretty_ ? 4 : 3));
    char* d = b.data() + at;
    *d++ = '"';
    std::memcpy(d, k.data(), k.size());
    d += k.size();
    *d++ = '"';
    *d++ = ':';
    if (pretty_) *d = ' ';
    after_key_ = true;
    return *this;
}

JsonOut& JsonOut::string(std::string_view s) {
    before_value();
    escape(out_.buffer(), s);
    return *this;
}

JsonOut& JsonOut::raw_number(std::string_view n) {
    before_value();
    out_.buffer() += n;
    return *this;
}

JsonOut& JsonOut::number(std::uint64_t n) {
    before_value();
    fmt::format_to(std::back_inserter(out_.buffer()), "{}", n);
    return *this;
}

JsonOut& JsonOut::boolean(bool b) {
    before_value();
    out_.buffer() += b ? "true" : "false";
    return *this;
}

JsonOut& JsonOut::null() {
    before_value();
    out_.buffer() += "null";
    return *this;
}

void JsonOut::end_document() {
    out_.buffer() += '\n';
    out_.maybe_flush();
}

}  // namespace bpt
