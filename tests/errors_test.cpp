// The messages people read when bpt refuses an input, asserted whole (as ninja's
// ParserTest.Errors does): one line naming the file, the line where there is one,
// and what was expected. A change of wording is then a reviewed change.
#include <catch2/catch.hpp>

#include <string>

#include "test_util.h"

using bpt::test::quote;
using bpt::test::run_bpt;

namespace {

// stderr of `bpt parse ARGS` with the temporary folder's path replaced by `DIR`.
std::string refusal(const bpt::test::TempDir& dir, const std::string& args, int rc = 2) {
    auto r = run_bpt("parse " + args);
    CHECK(r.rc == rc);
    CHECK(r.out.empty());
    std::string err = r.err;
    for (std::size_t at; (at = err.find(dir.path().string())) != std::string::npos;)
        err.replace(at, dir.path().string().size(), "DIR");
    return err;
}

}  // namespace

TEST_CASE("errors: each refusal is one whole line naming the file and what was expected", "[errors]") {
    bpt::test::TempDir dir;
    bpt::test::write_file(dir / "prose.txt", "你好\n世界\n");
    bpt::test::write_file(dir / "utf16.txt", std::string("\xff\xfe\x00", 3));

    CHECK(refusal(dir, quote(dir / "missing.txt")) == "bpt: DIR/missing.txt: cannot open: No such file or directory\n");
    CHECK(refusal(dir, quote(dir.path())) == "bpt: DIR: is a folder, not a file\n");
    CHECK(refusal(dir, quote(dir / "prose.txt")) ==
          "bpt: DIR/prose.txt: not a budget performance target table: no column header (项目名称 … 绩效指标), 合计 row "
          "or project with amounts found\n");
    CHECK(refusal(dir, quote(dir / "prose.txt") + " --dialect export") ==
          "bpt: DIR/prose.txt: error[export-no-header]: not a budget performance target table: no column header in 2 "
          "lines (expected a row naming 项目名称 and 绩效目标 or 绩效指标 in cells of their own, separated by tabs or "
          "commas)\n");
    CHECK(refusal(dir, quote(dir / "prose.txt") + " --encoding FOO") ==
          "bpt: DIR/prose.txt: unknown encoding 'FOO' (try UTF-8, GB18030, UTF-16LE)\n");
    CHECK(refusal(dir, quote(dir / "utf16.txt")) ==
          "bpt: DIR/utf16.txt:1: bytes that are not valid UTF-16LE (use --encoding to name the file's encoding)\n");
    CHECK(refusal(dir, quote(dir / "prose.txt") + " --disable no-such-rule") ==
          "bpt: unknown rule 'no-such-rule' (bpt rules lists them)\n");
}
