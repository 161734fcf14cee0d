#pragma once
// Helpers for the output-format tests: capture what a writer writes, and read CSV
// back strictly by RFC 4180, so a test asserts on fields rather than on bytes.
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "bpt/output.h"

namespace bpt::test {

// Runs `write` on an Output backed by a temporary file and returns the bytes it
// committed.
inline std::string capture(const std::function<void(Output&)>& write) {
    std::FILE* f = std::tmpfile();
    if (!f) throw std::runtime_error("tmpfile failed");
    std::string bytes;
    {
        Output out(f, "captured");
        write(out);
        out.commit();
    }
    std::rewind(f);
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, n);
    std::fclose(f);
    return bytes;
}

using CsvRows = std::vector<std::vector<std::string>>;

// Strict RFC 4180: records end in CRLF (a bare CR or LF outside quotes is an
// error), a quoted field doubles its quotes, and a quote inside an unquoted field
// is an error. Throws std::runtime_error on anything else.
inline CsvRows parse_csv(const std::string& text) {
    CsvRows rows;
    std::vector<std::string> row;
    std::string field;
    std::size_t i = 0;
    auto fail = [&](const char* what) { throw std::runtime_error(std::string(what) + " at byte " + std::to_string(i)); };
    while (i < text.size()) {
        if (text[i] == '"') {
            ++i;
            for (;;) {
                if (i >= text.size()) fail("unterminated quoted field");
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text[i++];
            }
        } else {
            while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                if (text[i] == '"') fail("quote inside an unquoted field");
                field += text[i++];
            }
        }
        if (i >= text.size()) fail("last record does not end in CRLF");
        if (text[i] == ',') {
            row.push_back(std::move(field));
            field.clear();
            ++i;
            continue;
        }
        if (text[i] != '\r' || i + 1 >= text.size() || text[i + 1] != '\n') fail("record end is not CRLF");
        row.push_back(std::move(field));
        field.clear();
        rows.push_back(std::move(row));
        row.clear();
        i += 2;
    }
    return rows;
}

}  // namespace bpt::test
