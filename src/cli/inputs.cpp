#include "inputs.h"

#include <fnmatch.h>

#include <algorithm>
#include <system_error>

#include <fmt/format.h>

namespace bpt::cli {

namespace fs = std::filesystem;

namespace {

std::uint64_t size_of(const fs::path& p) {
    std::error_code ec;
    auto n = fs::file_size(p, ec);
    return ec ? 0 : n;
}

bool same_folder(const fs::path& a, const fs::path& b) {
    if (b.empty()) return false;
    std::error_code ec;
    return fs::equivalent(a, b, ec);
}

void walk(const fs::path& dir, const fs::path& root, const WalkOptions& options, InputList& out) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
        out.failures.push_back(fmt::format("{}: cannot list the folder: {}", dir.string(), ec.message()));
        return;
    }
    std::vector<fs::directory_entry> entries;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        entries.push_back(*it);
    }
    if (ec) {
        out.failures.push_back(fmt::format("{}: cannot list the folder: {}", dir.string(), ec.message()));
        return;
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
    for (const auto& e : entries) {
        std::string name = e.path().filename().string();
        if (name.starts_with('.')) continue;
        // Symbolic links to folders are not followed, so a link cycle cannot make
        // the walk endless; links to files are read like files.
        std::error_code type_ec;
        if (e.is_symlink(type_ec) && e.is_directory(type_ec)) continue;
        if (e.is_directory(type_ec)) {
            if (same_folder(e.path(), options.skip)) continue;
            walk(e.path(), root, options, out);
        } else if (e.is_regular_file(type_ec)) {
            if (!matches_globs(name, options.globs)) continue;
            out.files.push_back({e.path().string(), e.path().lexically_relative(root), size_of(e.path())});
        } else if (e.is_symlink(type_ec) && !e.exists(type_ec) && matches_globs(name, options.globs)) {
            // A link whose file is gone (moved, on an unmounted disk) was most likely
            // meant as an input: skipping it without a word would make a batch look
            // complete when it is not.
            std::error_code link_ec;
            auto to = fs::read_symlink(e.path(), link_ec);
            out.warnings.push_back(fmt::format("{}: skipped: a symbolic link to {}, which does not exist",
                                               e.path().string(), link_ec ? "?" : to.string()));
        }
    }
}

}  // namespace

bool matches_globs(const std::string& name, const std::vector<std::string>& globs) {
    if (globs.empty()) return true;
    return std::any_of(globs.begin(), globs.end(),
                       [&](const std::string& g) { return ::fnmatch(g.c_str(), name.c_str(), 0) == 0; });
}

InputList find_inputs(const std::vector<std::string>& args, const WalkOptions& options) {
    InputList out;
    for (const auto& arg : args) {
        fs::path p(arg);
        std::error_code ec;
        auto status = fs::status(p, ec);
        if (status.type() == fs::file_type::not_found) {
            out.failures.push_back(fmt::format("{}: no such file or folder", arg));
            continue;
        }
        if (ec) {
            out.failures.push_back(fmt::format("{}: {}", arg, ec.message()));
            continue;
        }
        if (fs::is_directory(status)) {
            walk(p, p, options, out);
        } else {
            out.files.push_back({arg, p.filename(), size_of(p)});
        }
    }
    return out;
}

}  // namespace bpt::cli
