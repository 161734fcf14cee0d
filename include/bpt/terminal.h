#pragma once
// Text from a table on its way to a terminal. A table can hold control characters
// (ESC starts the sequences that recolour, retitle or rewrite a terminal, OSC 52
// writes the clipboard); printed raw in a report, they act instead of showing.
#include <string>
#include <string_view>

namespace bpt {

// `s` with every C0 control but tab (and DEL, and the C1 controls U+0080–U+009F)
// written visibly as `\x1b`, `\u009b`; a backslash stays as it is. Invalid UTF-8
// bytes are written `\xff`, so that nothing the terminal could take as the start
// of a sequence passes.
std::string terminal_safe(std::string_view s);

}  // namespace bpt
