#include "bpt/output.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

namespace bpt {

namespace {
// umask can only be read by setting it. Reading it once, during static
// initialisation before main and so before any worker thread exists, keeps parallel
// `bpt convert` from racing on the process-wide mask: one thread could read the 0
// another had just set and restore 0 for good, and a folder created meanwhile would
// get mode 0777.
mode_t read_umask() {
    mode_t m = ::umask(0);
    ::umask(m);
    return m;
}
const mode_t kUmask = read_umask();

// Where writing `path` really lands: through every symbolic link, even a dangling
// one (`out.json -> results/out.json` before the first run). Like a shell's `>` or
// cp, the link's target is created; replacing the link with a file instead would
// silently cut whatever the link was set up for. 40 hops is the kernel's own limit.
std::filesystem::path follow_links(const std::string& path) {
    namespace fs = std::filesystem;
    fs::path p = path;
    std::error_code ec;
    for (int hops = 0; hops < 40 && fs::is_symlink(fs::symlink_status(p, ec)); ++hops) {
        fs::path to = fs::read_symlink(p, ec);
        if (ec) break;
        p = to.is_absolute() ? to : p.parent_path() / to;
    }
    fs::path resolved = fs::weakly_canonical(p, ec);
    return ec ? p : resolved;
}
}  // namespace

Output::Output(std::string path) : path_(std::move(path)) {
    if (path_ == "-") {
        file_ = stdout;
        unbuffer();
        return;
    }
    namespace fs = std::filesystem;
    std::error_code ec;
    // The file the bytes are for: through a symbolic link, to what it points at,
    // so that renaming the finished file replaces the target and not the link.
    fs::path target = follow_links(path_);
    auto status = fs::status(target, ec);
    if (fs::is_directory(status)) throw OutputError(fmt::format("{}: is a folder, not a file", path_));
    if (fs::exists(status) && !fs::is_regular_file(status)) {
        // A device, a FIFO or a socket (/dev/null, a named pipe): written in place,
        // since renaming a file over it would destroy it. Atomicity is moot there.
        file_ = std::fopen(path_.c_str(), "wb");
        if (!file_) throw OutputError(fmt::format("{}: cannot write: {}", path_, std::strerror(errno)));
        unbuffer();
        direct_ = true;
        return;
    }
    target_ = target.string();
    fs::path dir = target.parent_path();
    if (dir.empty()) dir = ".";
    std::string pattern = (dir / fmt::format(".{}.tmp-XXXXXX", target.filename().string())).string();
    int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
        int err = errno;
        if (fs::is_symlink(fs::symlink_status(path_, ec)))
            throw OutputError(
                fmt::format("{}: cannot write (a link to {}): {}", path_, target_, std::strerror(err)));
        throw OutputError(fmt::format("{}: cannot write: {}", path_, std::strerror(err)));
    }
    file_ = ::fdopen(fd, "wb");
    if (!file_) {
        ::close(fd);
        ::unlink(pattern.c_str());
        throw OutputError(fmt::format("{}: cannot write: {}", path_, std::strerror(errno)));
    }
    unbuffer();
    temp_ = pattern;
    guard_ = TempFileGuard(temp_);
}

Output::Output(std::FILE* stream, std::string name) : path_(std::move(name)), file_(stream), borrowed_(true) {}

// Output keeps its own buffer and hands it over in large blocks; stdio buffering on
// top would only split each block into several system calls.
void Output::unbuffer() {
    if (file_) std::fflush(file_);
    if (file_) std::setvbuf(file_, nullptr, _IONBF, 0);
}

Output::~Output() {
    if (borrowed_) return;
    if (direct_) {
        if (file_) std::fclose(file_);
        return;
    }
    if (temp_.empty()) {
        if (file_) std::fflush(file_);
        return;
    }
    if (file_) std::fclose(file_);
    if (!committed_) ::unlink(temp_.c_str());
    guard_.release();
}

std::string Output::where() const { return path_ == "-" ? "standard output" : path_; }

void Output::flush() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
        throw OutputError(fmt::format("{}: write failed: {}", where(), std::strerror(errno)));
    buffer_.clear();
}

void Output::commit() {
    flush();
    if (std::fflush(file_) != 0) throw OutputError(fmt::format("{}: write failed: {}", where(), std::strerror(errno)));
    if (temp_.empty()) return;
    // mkstemp creates 0600; an output file should get the usual permissions.
    ::fchmod(::fileno(file_), 0666 & ~kUmask);
    int rc = std::fclose(file_);
    file_ = nullptr;
    if (rc != 0) throw OutputError(fmt::format("{}: write failed: {}", where(), std::strerror(errno)));
    if (std::rename(temp_.c_str(), target_.c_str()) != 0)
        throw OutputError(fmt::format("{}: cannot move the finished file into place: {}", path_, std::strerror(errno)));
    committed_ = true;
    guard_.release();
}

}  // namespace bpt
