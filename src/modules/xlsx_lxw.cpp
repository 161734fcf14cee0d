// libbpt-xlsx.so: libxlsxwriter behind the table of xlsx_api.h. Only the factory is
// exported.
#include "xlsx_api.h"

extern "C" __attribute__((visibility("default"))) const bpt::xlsx_module::Api* bpt_xlsx_module_v1() {
    static const bpt::xlsx_module::Api api{
        ::workbook_new,           ::workbook_new_opt,       ::workbook_add_format,   ::workbook_add_worksheet,
        ::workbook_close,         ::format_set_align,       ::format_set_bg_color,   ::format_set_bold,
        ::format_set_bottom,      ::format_set_italic,      ::format_set_num_format, ::format_set_text_wrap,
        ::worksheet_autofilter,   ::worksheet_fit_to_pages, ::worksheet_freeze_panes, ::worksheet_repeat_rows,
        ::worksheet_set_column,   ::worksheet_set_landscape, ::worksheet_set_paper,  ::worksheet_set_row,
        ::worksheet_write_number, ::worksheet_write_string, ::lxw_strerror,
    };
    return &api;
}
