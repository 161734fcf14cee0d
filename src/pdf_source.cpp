#include "bpt/pdf_source.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <mutex>

#include <fmt/format.h>

#include "bpt/text.h"

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

// Poppler writes its parser complaints to stderr; a damaged file must give one clean
// line instead, so they are swallowed (the last one is kept for the message).
thread_local std::string last_poppler_error;
void quiet_poppler(const std::string& msg, void*) { last_poppler_error = msg; }
void install_quiet_handler() {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(quiet_poppler, nullptr); });
}

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
    std::unique_ptr<poppler::document> doc;
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
    install_quiet_handler();
    auto impl = std::make_unique<Impl>();
    impl->path = std::move(path);
    impl->bytes = std::move(bytes);
    if (!looks_like_pdf(impl->bytes))
        throw PdfError(impl->path, 0, "not a PDF file (no %PDF- header)");
    if (impl->bytes.size() > static_cast<std::size_t>(INT32_MAX))
        throw PdfError(impl->path, 0, "PDF larger than 2 GiB is not supported");
    const std::string pw = password.value_or("");
    last_poppler_error.clear();
    impl->doc.reset(poppler::document::load_from_raw_data(impl->bytes.data(), static_cast<int>(impl->bytes.size()),
                                                          pw, pw));
    if (!impl->doc) {
        std::string why = last_poppler_error.empty() ? "" : fmt::format(" ({})", last_poppler_error);
        throw PdfError(impl->path, 0, fmt::format("damaged or truncated PDF: Poppler cannot load it{}", why));
    }
    if (impl->doc->is_locked()) {
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
    std::unique_ptr<poppler::page> page(m.doc->create_page(index));
    if (!page) throw PdfError(m.path, out.number, "the page cannot be read (damaged PDF)");
    const poppler::rectf rect = page->page_rect();
    // Box coordinates are in the displayed page (after /Rotate), whose sides swap for
    // a quarter turn.
    const auto orient = page->orientation();
    const bool quarter = orient == poppler::page::landscape || orient == poppler::page::seascape;
    const float fw = static_cast<float>(quarter ? rect.height() : rect.width());
    const float fh = static_cast<float>(quarter ? rect.width() : rect.height());
    std::array<std::size_t, 4> by_rotation{};
    for (auto& box : page->text_list()) {
        const poppler::rectf b = box.bbox();
        poppler::byte_array utf8 = box.text().to_utf8();
        std::string_view raw(utf8.data(), utf8.size());
        if (text::trim(raw).empty()) continue;
        TextBox t;
        t.text = text::fold_compat_ideographs(raw);
        t.x0 = static_cast<float>(b.left());
        t.y0 = static_cast<float>(b.top());
        t.x1 = static_cast<float>(b.right());
        t.y1 = static_cast<float>(b.bottom());
        t.space_after = box.has_space_after();
        ++by_rotation[static_cast<std::size_t>(box.rotation()) & 3];
        out.boxes.push_back(std::move(t));
    }
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
    return true;  // `page` is released here: one page in memory at a time
}

std::uint32_t PdfSource::page_count() const { return static_cast<std::uint32_t>(impl_->pages); }
const std::string& PdfSource::path() const { return impl_->path; }

}  // namespace bpt
