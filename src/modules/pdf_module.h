#pragma once
// The interface between bpt and libbpt-pdf.so, the module that holds all of bpt's
// Poppler code. Poppler pulls in some thirty shared libraries (nss, freetype,
// fontconfig, lcms, openjp2, tiff…) whose relocation cost every run of bpt millions of
// instructions before main(); as a module it is loaded only when a PDF is read
// (src/module_loader.h). Both sides are built from one tree by one compiler, so the
// interface is plain C++; the factory's name carries a version that changes with
// this header, so a stale module is refused instead of misread.
#include <memory>
#include <string>
#include <string_view>

namespace bpt::pdf_module {

// One of Poppler's word boxes, as Poppler gives it: UTF-8 text (valid only during
// the call), the box in the page's points, and the text's rotation in quarter turns.
struct RawBox {
    std::string_view text;
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool space_after = false;
    int rotation = 0;
};

class BoxSink {
public:
    virtual void box(const RawBox& b) = 0;

protected:
    ~BoxSink() = default;
};

class Document {
public:
    virtual ~Document() = default;
    virtual bool locked() const = 0;
    virtual int pages() const = 0;
    // The page's displayed size (after /Rotate) and its boxes in reading order;
    // false when Poppler cannot create the page.
    virtual bool page(int index, float& width, float& height, BoxSink& sink) = 0;
};

class Module {
public:
    // Null when Poppler cannot load the bytes, with `error` set to Poppler's last
    // complaint (maybe empty). The bytes must outlive the document.
    virtual std::unique_ptr<Document> load(const char* data, int size, const std::string& password,
                                           std::string& error) = 0;

protected:
    ~Module() = default;
};

}  // namespace bpt::pdf_module

#define BPT_PDF_MODULE_FILE "libbpt-pdf.so"
#define BPT_PDF_MODULE_FACTORY "bpt_pdf_module_v1"
extern "C" bpt::pdf_module::Module* bpt_pdf_module_v1();
