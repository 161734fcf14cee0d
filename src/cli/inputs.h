#pragma once
// Which files a batch converts, and where each one's output goes: files named on
// the command line, and the files under named folders, walked recursively in a
// fixed (byte-wise sorted) order so that every run sees the same list.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace bpt::cli {

struct InputFile {
    std::string path;                   // as the user would write it: argument, or argument/relative
    std::filesystem::path relative;     // where it sits in the tree being mirrored
    std::uint64_t size = 0;             // bytes, for the progress rate; 0 when unknown
};

struct InputList {
    std::vector<InputFile> files;
    std::vector<std::string> failures;  // `path: reason` for inputs that could not even be listed
    // `path: reason` for what the walk skipped that may have been meant as an input
    // (a broken symbolic link): said on standard error, not a failure.
    std::vector<std::string> warnings;
};

struct WalkOptions {
    std::vector<std::string> globs;     // fnmatch patterns on the file name; empty: every file
    // A folder never walked into: the output folder, when it lies inside an input
    // folder, so that a second run does not read the first run's outputs.
    std::filesystem::path skip;
};

// Files named directly are taken whatever the globs say (the user asked for them);
// files found by walking must match a glob. Names starting with `.` are skipped
// while walking: hidden files, and the temporary files of an output being written.
InputList find_inputs(const std::vector<std::string>& args, const WalkOptions& options);

// Whether `name` matches any of `globs` (POSIX fnmatch); true when there are none.
bool matches_globs(const std::string& name, const std::vector<std::string>& globs);

}  // namespace bpt::cli
