#include "module_loader.h"

#include <dlfcn.h>
#include <unistd.h>

#include <filesystem>
#include <system_error>

// The installed module folder relative to the installed executable's folder
// (CMakeLists.txt computes it from GNUInstallDirs).
#ifndef BPT_MODULE_DIR
#define BPT_MODULE_DIR "../lib/bpt"
#endif

namespace bpt {

void* module_symbol(const char* file, const char* symbol, std::string& error) {
    if (void* p = ::dlsym(RTLD_DEFAULT, symbol)) return p;
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) {
        error = "cannot find the program's own folder (/proc/self/exe): " + ec.message();
        return nullptr;
    }
    const std::filesystem::path dir = exe.parent_path();
    const std::filesystem::path candidates[] = {dir / file, dir / BPT_MODULE_DIR / file};
    for (std::size_t i = 0; i < std::size(candidates); ++i) {
        const std::string path = candidates[i].lexically_normal().string();
        // A module that is there but fails to load (a library of its own missing) is
        // the error to report; else the last place looked.
        if (i + 1 < std::size(candidates) && ::access(path.c_str(), F_OK) != 0) continue;
        void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            const char* why = ::dlerror();
            error = why ? why : path + ": cannot be loaded";
            return nullptr;
        }
        if (void* p = ::dlsym(handle, symbol)) return p;
        const char* why = ::dlerror();
        error = why ? why : path + ": has no " + symbol;
        return nullptr;
    }
    return nullptr;
}

}  // namespace bpt
