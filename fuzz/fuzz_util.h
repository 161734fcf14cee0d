#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace bpt::fuzz {

// The input as a FILE* the Source can read, as it reads files and standard input.
inline std::FILE* open_memory(const std::uint8_t* data, std::size_t size) {
    // fmemopen refuses a zero size; an empty file is still a case worth reading.
    static const std::uint8_t empty = 0;
    std::FILE* f = size ? ::fmemopen(const_cast<std::uint8_t*>(data), size, "rb")
                        : ::fmemopen(const_cast<std::uint8_t*>(&empty), 1, "r");
    if (!f) std::abort();
    if (!size) std::fgetc(f);  // consume the one byte: reads now see end of file
    return f;
}

}  // namespace bpt::fuzz
