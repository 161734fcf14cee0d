// libbpt-pdf.so: everything in bpt that calls Poppler (see pdf_module.h for why it
// is a module). Only the factory is exported.
#include "pdf_module.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <mutex>

namespace {

using namespace bpt::pdf_module;

// Poppler writes its parser complaints to stderr; a damaged file must give one clean
// line instead, so they are swallowed (the last one is kept for the message).
thread_local std::string last_poppler_error;
void quiet_poppler(const std::string& msg, void*) { last_poppler_error = msg; }

class PopplerDocument final : public Document {
public:
    explicit PopplerDocument(poppler::document* doc) : doc_(doc) {}
    bool locked() const override { return doc_->is_locked(); }
    int pages() const override { return doc_->pages(); }

    bool page(int index, float& width, float& height, BoxSink& sink) override {
        std::unique_ptr<poppler::page> page(doc_->create_page(index));
        if (!page) return false;
        const poppler::rectf rect = page->page_rect();
        // Box coordinates are in the displayed page (after /Rotate), whose sides swap
        // for a quarter turn.
        const auto orient = page->orientation();
        const bool quarter = orient == poppler::page::landscape || orient == poppler::page::seascape;
        width = static_cast<float>(quarter ? rect.height() : rect.width());
        height = static_cast<float>(quarter ? rect.width() : rect.height());
        for (auto& box : page->text_list()) {
            const poppler::rectf b = box.bbox();
            poppler::byte_array utf8 = box.text().to_utf8();
            RawBox r;
            r.text = std::string_view(utf8.data(), utf8.size());
            r.x0 = static_cast<float>(b.left());
            r.y0 = static_cast<float>(b.top());
            r.x1 = static_cast<float>(b.right());
            r.y1 = static_cast<float>(b.bottom());
            r.space_after = box.has_space_after();
            r.rotation = box.rotation();
            sink.box(r);
        }
        return true;  // `page` is released here: one page in memory at a time
    }

private:
    std::unique_ptr<poppler::document> doc_;
};

class PopplerModule final : public Module {
public:
    std::unique_ptr<Document> load(const char* data, int size, const std::string& password,
                                   std::string& error) override {
        static std::once_flag once;
        std::call_once(once, [] { poppler::set_debug_error_function(quiet_poppler, nullptr); });
        last_poppler_error.clear();
        poppler::document* doc = poppler::document::load_from_raw_data(data, size, password, password);
        if (!doc) {
            error = last_poppler_error;
            return nullptr;
        }
        return std::make_unique<PopplerDocument>(doc);
    }
};

}  // namespace

extern "C" __attribute__((visibility("default"))) bpt::pdf_module::Module* bpt_pdf_module_v1() {
    static PopplerModule module;
    return &module;
}
