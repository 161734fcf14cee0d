#pragma once
// The libxlsxwriter functions bpt calls, as a table that libbpt-xlsx.so fills in:
// libxlsxwriter (with minizip and libcrypto) is loaded only when a workbook is
// written, not relocated at every start of bpt (see module_loader.h). The writers
// call through xlsx_api(); bpt itself links none of these functions. The
// factory's version changes whenever this table does.
#include <xlsxwriter.h>

namespace bpt::xlsx_module {

struct Api {
    decltype(&::workbook_new) workbook_new;
    decltype(&::workbook_new_opt) workbook_new_opt;
    decltype(&::workbook_add_format) workbook_add_format;
    decltype(&::workbook_add_worksheet) workbook_add_worksheet;
    decltype(&::workbook_close) workbook_close;
    decltype(&::format_set_align) format_set_align;
    decltype(&::format_set_bg_color) format_set_bg_color;
    decltype(&::format_set_bold) format_set_bold;
    decltype(&::format_set_bottom) format_set_bottom;
    decltype(&::format_set_italic) format_set_italic;
    decltype(&::format_set_num_format) format_set_num_format;
    decltype(&::format_set_text_wrap) format_set_text_wrap;
    decltype(&::worksheet_autofilter) worksheet_autofilter;
    decltype(&::worksheet_fit_to_pages) worksheet_fit_to_pages;
    decltype(&::worksheet_freeze_panes) worksheet_freeze_panes;
    decltype(&::worksheet_repeat_rows) worksheet_repeat_rows;
    decltype(&::worksheet_set_column) worksheet_set_column;
    decltype(&::worksheet_set_landscape) worksheet_set_landscape;
    decltype(&::worksheet_set_paper) worksheet_set_paper;
    decltype(&::worksheet_set_row) worksheet_set_row;
    decltype(&::worksheet_write_number) worksheet_write_number;
    decltype(&::worksheet_write_string) worksheet_write_string;
    decltype(&::lxw_strerror) lxw_strerror;
};

}  // namespace bpt::xlsx_module

namespace bpt {
// The table, loading the module on first use; throws OutputError when it cannot.
const xlsx_module::Api& xlsx_api();
}  // namespace bpt

#define BPT_XLSX_MODULE_FILE "libbpt-xlsx.so"
#define BPT_XLSX_MODULE_FACTORY "bpt_xlsx_module_v1"
extern "C" const bpt::xlsx_module::Api* bpt_xlsx_module_v1();
