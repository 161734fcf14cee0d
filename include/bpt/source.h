#pragma once
// Source: bytes in, UTF-8 lines out. Detects the encoding, converts it with ICU,
// normalises line ends (LF, CRLF, CR) and turns form feeds into page breaks. It
// streams: memory holds one buffer and the current line, whatever the file size.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "bpt/location.h"

namespace bpt {

// The input could not be read as text. `line` is 0 when the problem is the file itself.
class InputError : public std::runtime_error {
public:
    InputError(std::string path, LineNo line, const std::string& what)
        : std::runtime_error(what), path_(std::move(path)), line_(line) {}
    const std::string& path() const { return path_; }
    LineNo line() const { return line_; }
    // `file.txt:12: message` or `file.txt: message`
    virtual std::string describe() const;

private:
    std::string path_;
    LineNo line_;
};

struct Line {
    std::string_view text;    // without its line end; valid until the next call
    LineNo number = 0; // 1-based, counting line ends as an editor does
    bool page_break = false;  // a form feed: `text` is empty
};

class Source {
public:
    // `path` "-" reads standard input. `encoding` forces an ICU converter name
    // (`GB18030`, `UTF-16LE` …) instead of detection. Throws InputError when the
    // file cannot be opened, or when the forced encoding is unknown.
    static std::unique_ptr<Source> open(const std::string& path, const std::optional<std::string>& encoding = {});
    // Reads `bytes` held in memory, named `path` in messages: for unit tests, which
    // then need no files.
    static std::unique_ptr<Source> from_string(std::string bytes, std::string path = "<memory>",
                                               const std::optional<std::string>& encoding = {});
    // Reads from an already open stream; for tests and standard input.
    static std::unique_ptr<Source> from_stream(std::FILE* stream, std::string path,
                                               const std::optional<std::string>& encoding = {}, bool owns = false);
    ~Source();
    Source(const Source&) = delete;
    Source& operator=(const Source&) = delete;

    // The next line or page break; false at the end. Throws InputError on bytes that
    // are not text in the detected encoding (naming the line).
    bool next(Line& out);

    // Detected or forced: `UTF-8`, `UTF-8 (BOM)`, `GB18030`, `UTF-16LE` … Known once
    // next() has been called (detection reads the first block).
    const std::string& encoding() const;
    const std::string& path() const;
    // Bytes read from the input so far.
    std::uint64_t bytes_read() const;

    // Longest line accepted. A file without line breaks is not a table, and holding
    // it whole would break the promise of bounded memory.
    static constexpr std::size_t kMaxLineBytes = 4 << 20;

    struct Impl;

private:
    explicit Source(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

namespace detail {
// What Source's one pass over a stretch of decoded text learns besides its line ends.
struct TextScan {
    bool nul = false;     // a NUL byte somewhere
    bool compat = false;  // perhaps a compatibility ideograph (a lead pair E2 B8–BF or EF A0–AF)
    bool invalid = false; // not valid UTF-8 (looked at only when asked)
};
// Appends the offsets (plus `base`) of the LF, CR and FF bytes of p[0, n) to `ends`.
// `variant`: -1 the best the CPU has, 0 scalar, 1 SSE2, 2 AVX2 (each falling back to
// the next simpler one where the CPU or the build lacks it); the tests check they agree.
// `check_utf8`: also say whether p[0, n) is valid UTF-8, as text::is_valid_utf8 does.
TextScan scan_text(const char* p, std::size_t n, std::size_t base, std::vector<std::size_t>& ends, int variant = -1,
                   bool check_utf8 = false);
}  // namespace detail

}  // namespace bpt
