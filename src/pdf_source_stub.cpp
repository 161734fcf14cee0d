// Stands in for pdf_source.cpp when bpt is built with -DBPT_PDF=OFF (no Poppler).
#include "bpt/pdf_source.h"

#include <fmt/format.h>

namespace bpt {

std::string PdfError::describe() const {
    if (page_ == 0) return InputError::describe();
    return fmt::format("{}:p{}: {}", path(), page_, what());
}

bool pdf_supported() { return false; }

bool looks_like_pdf(std::string_view head) {
    return head.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

struct PdfSource::Impl {};

PdfSource::PdfSource(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PdfSource::~PdfSource() = default;

namespace {
[[noreturn]] void refuse(const std::string& path) {
    throw PdfError(path, 0, "bpt was built without PDF support (-DBPT_PDF=OFF); convert the PDF to text first");
}
}  // namespace

std::unique_ptr<PdfSource> PdfSource::open(const std::string& path, const std::optional<std::string>&) { refuse(path); }
std::unique_ptr<PdfSource> PdfSource::from_bytes(std::string, std::string path, const std::optional<std::string>&) {
    refuse(path);
}
bool PdfSource::next(PdfPage&) { return false; }
std::uint32_t PdfSource::page_count() const { return 0; }
const std::string& PdfSource::path() const {
    static const std::string none;
    return none;
}

}  // namespace bpt
