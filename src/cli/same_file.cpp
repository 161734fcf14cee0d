#include "same_file.h"

#include <sys/stat.h>

namespace bpt::cli {

FileId file_id(const std::string& path) {
    FileId id;
    struct stat st {};
    if (path == "-" || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return id;
    id.dev = st.st_dev;
    id.ino = st.st_ino;
    id.exists = true;
    return id;
}

}  // namespace bpt::cli
