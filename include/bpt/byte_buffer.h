#pragma once
// The writers' output buffer. std::string's append is an out-of-line call into
// libstdc++ that also keeps a terminating NUL; the writers append a few bytes
// millions of times (a quote, a key, a comma), so this buffer's appends are inline:
// a capacity test and a copy.
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

namespace bpt {

class ByteBuffer {
public:
    using value_type = char;  // for std::back_inserter (fmt::format_to)

    void append(const char* p, std::size_t n) {
        if (n == 0) return;  // memcpy may not be given the null of an empty buffer
        if (n > capacity_ - size_) grow(n);
        std::memcpy(data_.get() + size_, p, n);
        size_ += n;
    }
    void append(std::string_view s) { append(s.data(), s.size()); }
    void append(std::size_t n, char c) {
        if (n == 0) return;
        if (n > capacity_ - size_) grow(n);
        std::memset(data_.get() + size_, c, n);
        size_ += n;
    }
    void push_back(char c) {
        if (size_ == capacity_) grow(1);
        data_[size_++] = c;
    }
    // Room for `n` more bytes: the writers format in place, up to `n` bytes from the
    // returned pointer, then say where they stopped with set_end. One capacity test
    // for a whole run of framing instead of one per piece.
    char* tail(std::size_t n) {
        if (n > capacity_ - size_) grow(n);
        return data_.get() + size_;
    }
    void set_end(const char* end) { size_ = static_cast<std::size_t>(end - data_.get()); }
    ByteBuffer& operator+=(char c) {
        push_back(c);
        return *this;
    }
    ByteBuffer& operator+=(std::string_view s) {
        append(s);
        return *this;
    }

    const char* data() const { return data_.get(); }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    void clear() { size_ = 0; }
    std::string_view view() const { return {data_.get(), size_}; }

private:
#if defined(__GNUC__)
    [[gnu::noinline]]
#endif
    void grow(std::size_t n) {
        std::size_t capacity = capacity_ ? capacity_ : 4096;
        while (capacity - size_ < n) capacity *= 2;
        auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
        if (size_) std::memcpy(bigger.get(), data_.get(), size_);
        data_ = std::move(bigger);
        capacity_ = capacity;
    }

    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

}  // namespace bpt
