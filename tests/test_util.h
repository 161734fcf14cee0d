#pragma once
// Helpers for tests that run the real `bpt` binary on real files.
#include <cstdint>
#include <filesystem>
#include <string>

namespace bpt::test {

struct Run {
    int rc = -1;
    std::string out;
    std::string err;
};

// Runs `bpt <args>` through the shell (args are shell words: quote paths yourself
// with quote()), capturing standard output, standard error and the exit code.
Run run_bpt(const std::string& args);

std::string quote(const std::filesystem::path& p);
std::filesystem::path data_path(const std::string& name);
std::string read_file(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, const std::string& bytes);

// A fresh, empty folder for one test, removed when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// UTF-8 → another encoding, through ICU, for generating test variants.
std::string encode(const std::string& utf8, const char* encoding);

}  // namespace bpt::test
