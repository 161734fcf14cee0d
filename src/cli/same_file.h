#pragma once
// An output that is one of the inputs would be replaced by what was read from it:
// `bpt parse t.txt -o t.txt` used to leave a JSON where the table was. Files are
// compared by device and inode, so `./t.txt`, a symbolic link to it and a hard link
// all count as the same file.
#include <string>
#include <sys/types.h>

namespace bpt::cli {

struct FileId {
    dev_t dev = 0;
    ino_t ino = 0;
    bool exists = false;
};

// The file `path` names, through symbolic links; exists is false for "-", a missing
// file, or anything that is not a regular file (writing to /dev/null or a FIFO
// replaces nothing).
FileId file_id(const std::string& path);

inline bool same_file(const FileId& a, const FileId& b) {
    return a.exists && b.exists && a.dev == b.dev && a.ino == b.ino;
}

}  // namespace bpt::cli
