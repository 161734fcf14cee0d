#pragma once
// File names are bytes, and bpt's outputs are UTF-8 text: a name from an unzipped
// Windows archive is often GBK (`\xB2\xE2\xCA\xD4.txt`), and written raw it makes the
// JSON, NDJSON, CSV and workbook invalid and a terminal print garbage. So every path
// bpt writes (source.path, validate's reports, messages on standard error) goes
// through printable(): valid UTF-8 stays as it is; each byte that is not part of a
// valid UTF-8 character, and each control character (newline, ESC …, which would
// break a one-line message or drive the terminal), is written as the four characters
// `\xHH` (upper-case hex). Nothing is lost: the bytes can be recovered from the text,
// and the file found again with `ls $'\xB2\xE2…'` in bash.
#include <string>
#include <string_view>

namespace bpt {

std::string printable(std::string_view bytes);

}  // namespace bpt
