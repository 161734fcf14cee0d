#pragma once
// Where a writer's bytes go: standard output, or a file written atomically (a
// temporary file in the same folder, renamed over the target only when complete),
// so that a failure never leaves a half-written output behind.
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>

#include "bpt/byte_buffer.h"
#include "bpt/temp_files.h"

namespace bpt {

class OutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Output {
public:
    // "-" is standard output. A device or pipe (/dev/null, a FIFO) is written in
    // place. Otherwise opens a temporary file beside `path` (beside the file a
    // symbolic link points to, even one that does not exist yet: the link is written
    // through, never replaced); throws OutputError naming the path when impossible.
    explicit Output(std::string path);
    // Writes to a stream someone else opened and will close (a spool file, say).
    // commit() only flushes; `name` is what messages call it.
    Output(std::FILE* stream, std::string name);
    ~Output();  // without commit(): the temporary file is removed
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;

    void write(std::string_view bytes) {
        buffer_.append(bytes);
        if (buffer_.size() >= kFlushAt) flush();
    }
    ByteBuffer& buffer() { return buffer_; }  // for writers that format in place
    void maybe_flush() {
        if (buffer_.size() >= kFlushAt) flush();
    }
    void flush();
    // Everything is written: flush, and move the temporary file into place.
    void commit();
    const std::string& path() const { return path_; }

private:
    void unbuffer();
    std::string where() const;  // the path, or "standard output", for messages
    static constexpr std::size_t kFlushAt = 256 << 10;
    std::string path_;
    std::string temp_;
    std::string target_;  // where the temporary file is renamed to: path_, links resolved
    bool direct_ = false;  // a device or pipe, written in place
    std::FILE* file_ = nullptr;
    TempFileGuard guard_;  // temp_ is removed if a signal ends the process
    bool committed_ = false;
    bool borrowed_ = false;  // file_ belongs to the caller
    ByteBuffer buffer_;
};

}  // namespace bpt
