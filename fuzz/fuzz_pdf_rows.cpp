// libFuzzer target: the PDF table reader's box-stream → rows stage (table_geometry
// and PdfReader), on pages of boxes synthesised from the fuzz bytes. Poppler is not
// involved: the boxes are what a page could hold, in any order and position, with
// the form's own words (header labels, amounts, 合计, footers …) mixed with raw text.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "bpt/pdf_reader.h"
#include "bpt/text.h"

namespace {

constexpr std::string_view kWords[] = {
    "项目名称（资金使用单位）", "项目名称（资金使", "用单位）", "总计", "财政拨款", "财政专户拨款", "财政专户拨", "款",
    "其他资金", "绩效目标", "绩效指标", "合计", "9,246.72", "9.20", "0.30", "1,2,3.4.5", "12", "-",
    "项目支出绩效目标表（含转移支付项目）", "部门名称：中国共产党广州市花都区委员会组织部", "单位：万元",
    "部门名称：甲局、乙局 单位：元", "中国共产党广州市花都区委员会组织部", "甲局", "党代表任期制工作经费（狮",
    "岭镇）", "加强党代表大会代表与基层党员、群众的经常性、制", "1、1-产出指标；11-数量指标；实施周",
    "期指标值:＞1；年度指标值:＞1。", "第", "3", "页，共", "40", "页", "第 3 页，共 40 页", "- 3 -", "⼯", "",
};

struct Input {
    const std::uint8_t* p;
    std::size_t n;
    std::uint8_t byte() {
        if (!n) return 0;
        --n;
        return *p++;
    }
    std::uint16_t word() { return static_cast<std::uint16_t>(byte() << 8 | byte()); }
};

// Checks what every consumer of rows relies on.
struct CheckSink : bpt::RowSink {
    void row(bpt::Row& r) override {
        for (const auto& c : r.cells) {
            if (!bpt::text::is_valid_utf8(c.text)) std::abort();
            std::size_t last = 0;
            for (const auto& m : c.marks) {
                if (m.offset < last || m.offset > c.text.size()) std::abort();
                last = m.offset;
            }
            if (c.at.page == 0) std::abort();
        }
    }
    void finding(bpt::Rule, std::string message, bpt::Location at, std::string_view quote, bool) override {
        if (message.empty() || at.page == 0 || !bpt::text::is_valid_utf8(quote)) std::abort();
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Input in{data, size};
    CheckSink sink;
    bpt::PdfReader reader(sink);
    bpt::PdfPage page;
    page.number = 1;
    page.width = 842;
    page.height = 595;
    std::size_t boxes = 0;
    while (in.n) {
        std::uint8_t op = in.byte();
        if (op == 0xFF) {  // page break
            reader.page(page);
            page.boxes.clear();
            ++page.number;
            continue;
        }
        bpt::TextBox b;
        if (op < 0xC0) {
            b.text = kWords[op % std::size(kWords)];
        } else {  // raw text, kept only when it is UTF-8 (the source hands out nothing else)
            std::size_t len = in.byte() % 24;
            for (std::size_t k = 0; k < len; ++k) b.text += static_cast<char>(in.byte());
            if (!bpt::text::is_valid_utf8(b.text)) continue;
            b.text = bpt::text::fold_compat_ideographs(b.text);
        }
        b.x0 = static_cast<float>(in.word() % 900);
        b.y0 = static_cast<float>(in.word() % 650);
        b.x1 = b.x0 + static_cast<float>(in.byte());
        b.y1 = b.y0 + 1 + static_cast<float>(in.byte() % 24);
        b.space_after = op & 1;
        page.boxes.push_back(std::move(b));
        if (++boxes > 4000) break;  // a page of text is bounded; keep runs fast
    }
    reader.page(page);
    reader.finish();
    return 0;
}
