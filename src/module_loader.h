#pragma once
// The optional parts of bpt (PDF input through Poppler, .xlsx output through
// libxlsxwriter) are shared modules loaded on first use, so that a run that needs
// neither does not pay for relocating their dozens of libraries at start-up.
#include <string>

namespace bpt {

// The address of `symbol` in the module `file` (e.g. "libbpt-pdf.so"), or null with
// `error` set to the loader's message. Looked for, in order: in the program itself
// (a test binary linked with the module), beside the executable (the build tree),
// and in the installed module folder, found from the executable's own folder (so an
// unpacked or relocated installation works too). A module once loaded stays loaded.
void* module_symbol(const char* file, const char* symbol, std::string& error);

}  // namespace bpt
