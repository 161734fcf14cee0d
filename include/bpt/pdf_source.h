#pragma once
// PdfSource: a PDF in, one page of positioned text boxes at a time out. Pages are
// streamed (each is loaded, read and released before the next), so memory holds
// the document's cross-reference data and one page, whatever the page count.
// Built on Poppler's C++ library; a build with -DBPT_PDF=OFF has a stub that refuses
// every PDF (pdf_supported() is false).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bpt/source.h"

namespace bpt {

// One run of text as the PDF places it (Poppler's word box). Coordinates in points
// from the page's top-left corner; y grows downwards.
struct TextBox {
    std::string text;          // UTF-8, compatibility ideographs folded (text.h)
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool space_after = false;  // the PDF has a space between this box and the next on its line
};

struct PdfPage {
    std::uint32_t number = 0;  // 1-based
    float width = 0, height = 0;
    std::vector<TextBox> boxes;  // in Poppler's reading order
};

// A PDF that cannot be read, as one line: `table.pdf: message` or, for a page,
// `table.pdf:p3: message`. An InputError (line 0), so callers that report input
// errors report this one too; describe() here adds the page.
class PdfError : public InputError {
public:
    PdfError(std::string path, std::uint32_t page, const std::string& what)
        : InputError(std::move(path), 0, what), page_(page) {}
    std::uint32_t page() const { return page_; }
    std::string describe() const override;

private:
    std::uint32_t page_;
};

// False when bpt was built without Poppler.
bool pdf_supported();

// The bytes start like a PDF (`%PDF-` within the first 1 KiB, as readers allow).
bool looks_like_pdf(std::string_view head);

class PdfSource {
public:
    // `path` "-" reads standard input whole (a PDF's cross-reference table is at its
    // end, so it cannot be streamed from a pipe). `password`: the user (open)
    // password, also tried as the owner password. Throws PdfError when the file
    // cannot be opened, is damaged, is locked by a password (naming --password) or
    // the password is wrong, or has no pages.
    static std::unique_ptr<PdfSource> open(const std::string& path, const std::optional<std::string>& password = {});
    // The same from bytes in memory; `path` names them in messages.
    static std::unique_ptr<PdfSource> from_bytes(std::string bytes, std::string path,
                                                 const std::optional<std::string>& password = {});
    ~PdfSource();
    PdfSource(const PdfSource&) = delete;
    PdfSource& operator=(const PdfSource&) = delete;

    // The next page; false after the last. Throws PdfError when a page cannot be
    // read, and at the end when no page had any text (a scan: it needs OCR first).
    bool next(PdfPage& out);

    std::uint32_t page_count() const;
    const std::string& path() const;

    struct Impl;

private:
    explicit PdfSource(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace bpt
