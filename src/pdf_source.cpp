#include "bpt/pdf_source.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdio>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "bpt/text.h"
#include "module_loader.h"
#include "modules/pdf_module.h"

namespace bpt {

std::string PdfError::describe() const {
    if (page_ == 0) return InputError::describe();
    return fmt::format("{}:p{}: {}", path(), page_, what());
}

bool pdf_supported() { return true; }

bool looks_like_pdf(std::string_view head) {
    return head.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

namespace {

// Poppler lives in libbpt-pdf.so, loaded by the first PDF (pdf_module.h says why).
pdf_module::Module& poppler(const std::string& path) {
    static std::string error;
    static pdf_module::Module* const module = [] {
        void* factory = module_symbol(BPT_PDF_MODULE_FILE, BPT_PDF_MODULE_FACTORY, error);
        return factory ? std::bit_cast<decltype(&bpt_pdf_module_v1)>(factory)() : nullptr;
    }();
    if (!module) throw PdfError(path, 0, "cannot read PDFs: " + error);
    return *module;
}

// Turns Poppler's boxes into the page's TextBoxes, counting their rotations.
struct PageBoxes final : pdf_module::BoxSink {
    PdfPage& out;
    std::array<std::size_t, 4> by_rotation{};
    explicit PageBoxes(PdfPage& page) : out(page) {}
    void box(const pdf_module::RawBox& b) override {
        if (text::trim(b.text).empty()) return;
        TextBox t;
        t.text = text::fold_compat_ideographs(b.text);
        t.x0 = b.x0;
        t.y0 = b.y0;
        t.x1 = b.x1;
        t.y1 = b.y1;
        t.space_after = b.space_after;
        ++by_rotation[static_cast<std::size_t>(b.rotation) & 3];
        out.boxes.push_back(std::move(t));
    }
};

std::string read_all(const std::string& path) {
    if (path == "-") {
        std::string bytes;
        char buf[1 << 16];
        std::size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) bytes.append(buf, n);
        if (std::ferror(stdin)) throw PdfError(path, 0, "cannot read standard input");
        return bytes;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw PdfError(path, 0, "cannot open the file");
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

struct PdfSource::Impl {
    std::string path;
    std::string bytes;  // Poppler reads from these while the document lives
    std::unique_ptr<pdf_module::Document> doc;
    int pages = 0;
    int next_page = 0;
    bool any_text = false;
};

PdfSource::PdfSource(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PdfSource::~PdfSource() = default;

std::unique_ptr<PdfSource> PdfSource::open(const std::string& path, const std::optional<std::string>& password) {
    return from_bytes(read_all(path), path, password);
}

std::unique_ptr<PdfSource> PdfSource::from_bytes(std::string bytes, std::string path,
                                                 const std::optional<std::string>& password) {
    auto impl = std::make_unique<Impl>();
    impl->path = std::move(path);
    impl->bytes = std::move(bytes);
    if (!looks_like_pdf(impl->bytes))
        throw PdfError(impl->path, 0, "not a PDF file (no %PDF- header)");
    if (impl->bytes.size() > static_cast<std::size_t>(INT32_MAX))
        throw PdfError(impl->path, 0, "PDF larger than 2 GiB is not supported");
    const std::string pw = password.value_or("");
    std::string poppler_error;
    impl->doc = poppler(impl->path).load(impl->bytes.data(), static_cast<int>(impl->bytes.size()), pw, poppler_error);
    if (!impl->doc) {
        std::string why = poppler_error.empty() ? "" : fmt::format(" ({})", poppler_error);
        throw PdfError(impl->path, 0, fmt::format("damaged or truncated PDF: Poppler cannot load it{}", why));
    }
    if (impl->doc->locked()) {
        if (password)
            throw PdfError(impl->path, 0, "wrong password: the PDF is encrypted and this password does not open it");
        throw PdfError(impl->path, 0, "the PDF is encrypted with a password: give it with --password");
    }
    impl->pages = impl->doc->pages();
    if (impl->pages <= 0) throw PdfError(impl->path, 0, "the PDF has no pages");
    return std::unique_ptr<PdfSource>(new PdfSource(std::move(impl)));
}

bool PdfSource::next(PdfPage& out) {
    auto& m = *impl_;
    if (m.next_page >= m.pages) {
        if (m.pages > 0 && !m.any_text) {
            m.pages = 0;  // report once
            throw PdfError(m.path, 0,
                           "has no text layer (a scanned image?): run OCR first (e.g. ocrmypdf), then read the result");
        }
        return false;
    }
    const int index = m.next_page++;
    out.number = static_cast<std::uint32_t>(index + 1);
    out.boxes.clear();
    float fw = 0, fh = 0;
    PageBoxes boxes(out);
    if (!m.doc->page(index, fw, fh, boxes)) throw PdfError(m.path, out.number, "the page cannot be read (damaged PDF)");
    const auto& by_rotation = boxes.by_rotation;
    // A table printed sideways (the page turned, or the text drawn turned) reads as
    // columns of vertical text: turn the boxes so that most text runs left to right.
    const auto turn = static_cast<std::size_t>(
        std::max_element(by_rotation.begin(), by_rotation.end()) - by_rotation.begin());
    out.width = turn % 2 ? fh : fw;
    out.height = turn % 2 ? fw : fh;
    for (auto& t : out.boxes) {
        const TextBox b = t;
        switch (turn) {
            case 1:  // top to bottom
                t.x0 = b.y0, t.x1 = b.y1, t.y0 = fw - b.x1, t.y1 = fw - b.x0;
                break;
            case 2:  // upside down
                t.x0 = fw - b.x1, t.x1 = fw - b.x0, t.y0 = fh - b.y1, t.y1 = fh - b.y0;
                break;
            case 3:  // bottom to top
                t.x0 = fh - b.y1, t.x1 = fh - b.y0, t.y0 = b.x0, t.y1 = b.x1;
                break;
            default: break;
        }
    }
    if (!out.boxes.empty()) m.any_text = true;
    return true;  // the module released the page: one page in memory at a time
}

std::uint32_t PdfSource::page_count() const { return static_cast<std::uint32_t>(impl_->pages); }
const std::string& PdfSource::path() const { return impl_->path; }

}  // namespace bpt
