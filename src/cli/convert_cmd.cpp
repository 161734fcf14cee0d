// bpt convert INPUT... --out-dir DIR | --combine FILE: a whole archive of tables at
// once, in parallel. Each input is its own pipeline (Source → reader → writer →
// Output), so one bad file costs only itself; everything a user sees (outputs,
// messages, the combined file's row order) follows the input order, whatever --jobs.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "bpt/output.h"
#include "bpt/pipeline.h"
#include "bpt/source.h"
#include "commands.h"
#include "formats.h"
#include "rule_options.h"
#include "inputs.h"
#include "progress.h"
#include "same_file.h"

namespace bpt::cli {

namespace {

namespace fs = std::filesystem;

struct ConvertArgs {
    std::vector<std::string> inputs;
    std::optional<std::string> out_dir;
    std::optional<std::string> combine;
    std::vector<std::string> globs;
    unsigned jobs = 0;
    bool progress = false;
    bool quiet = false;
    FormatOptions format;
    ReadOptions read;
    RuleArgs rules;
};

struct Job {
    InputFile input;
    fs::path output;  // --out-dir: where this input's output goes
};

// What every job shares, fixed before the first one starts.
struct Plan {
    std::vector<Job> jobs;
    Format format = Format::Json;
    std::unique_ptr<Printer> printer;  // lends each input its sink
    ReadOptions read;
    bool combined = false;
    fs::path spool_dir;  // --combine: where per-input spool files go
    std::string combine;  // --combine: the combined file, for messages
};

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// One input's result, handed from the worker that converted it to the main thread.
struct Outcome {
    bool done = false;
    bool ok = false;
    std::string failure;  // `path: reason`
    Summary summary;
    FilePtr spool;        // --combine: this input's rows, appended in input order
    std::string doubt;    // converted, but the reading is doubtful: the line that says why
    // --combine: the spool could not be written (a full disk). Not this input's
    // fault, and the combined file would miss rows: the whole batch stops, exit 2.
    bool fatal = false;
};

// A spool for one input's share of a combined output. It goes beside the combined
// file, where the user expects the disk space to be used (/tmp is often a small
// tmpfs), and is unlinked at once, so nothing is left behind whatever happens.
FilePtr open_spool(const fs::path& dir) {
    std::string pattern = (dir / ".bpt-spool-XXXXXX").string();
    int fd = ::mkstemp(pattern.data());
    if (fd < 0)
        throw OutputError(fmt::format("{}: cannot create a temporary file: {}", dir.string(), std::strerror(errno)));
    ::unlink(pattern.c_str());
    std::FILE* f = ::fdopen(fd, "w+b");
    if (!f) {
        ::close(fd);
        throw OutputError(fmt::format("{}: cannot create a temporary file: {}", dir.string(), std::strerror(errno)));
    }
    return FilePtr(f);
}

Outcome convert_one(const Plan& plan, const Job& job) {
    Outcome o;
    try {
        if (plan.combined) {
            FilePtr spool = open_spool(plan.spool_dir);
            // Named for messages: a spool that cannot be written is the combined
            // output's problem (its disk), not the input's.
            Output out(spool.get(), fmt::format("{} (a temporary file in {})", plan.combine, plan.spool_dir.string()));
            auto result = convert(job.input.path, out, *plan.printer, plan.read);
            o.summary = result.summary;
            o.doubt = result.doubt.empty() ? std::string() : findings_notice(job.input.path, result);
            o.spool = std::move(spool);
        } else {
            std::error_code ec;
            fs::create_directories(job.output.parent_path(), ec);
            if (ec)
                throw OutputError(
                    fmt::format("{}: cannot create the folder: {}", job.output.parent_path().string(), ec.message()));
            Output out(job.output.string());
            auto result = convert(job.input.path, out, *plan.printer, plan.read);
            o.summary = result.summary;
            o.doubt = result.doubt.empty() ? std::string() : findings_notice(job.input.path, result);
        }
        o.ok = true;
    } catch (const InputError& e) {
        o.failure = e.describe();
    } catch (const OutputError& e) {
        o.failure = e.what();
        o.fatal = plan.combined;
    } catch (const std::exception& e) {
        o.failure = fmt::format("{}: {}", job.input.path, e.what());
    }
    return o;
}

struct Totals {
    std::size_t converted = 0;
    std::size_t failed = 0;
    std::size_t doubtful = 0;  // converted, with a doubtful reading
    Summary summary;

    void add(const Summary& s) {
        ++converted;
        summary.projects += s.projects;
        summary.indicators += s.indicators;
        summary.errors += s.errors;
        summary.warnings += s.warnings;
        summary.infos += s.infos;
    }
};

// Workers take inputs from a shared cursor; the main thread takes their outcomes
// in input order, prints what each one says, and appends combined output. Workers
// run at most `window` inputs ahead of the main thread, so that a slow input early
// on cannot make the finished ones behind it pile up without bound (each holds an
// open spool file).
class Batch {
public:
    Batch(const Plan& plan, unsigned jobs, Progress& progress, Output* combined)
        : plan_(plan), progress_(progress), combined_(combined), outcomes_(plan.jobs.size()) {
        window_ = plan.combined ? std::min<std::size_t>(4 * std::size_t{jobs} + 64, 512) : plan.jobs.size();
        jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, plan.jobs.size()));
        try {
            for (unsigned i = 0; i < jobs; ++i) workers_.emplace_back([this] { work(); });
        } catch (...) {
            stop();  // a destructor does not run for a half-built object: join here
            throw;
        }
    }
    ~Batch() { stop(); }
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;

    // Throws OutputError when the combined output cannot be written.
    void collect(Totals& totals) {
        for (std::size_t i = 0; i < outcomes_.size(); ++i) {
            Outcome o = take(i);
            if (o.fatal) throw OutputError(o.failure);
            if (!o.ok) {
                progress_.clear();
                error(o.failure);
                ++totals.failed;
                continue;
            }
            totals.add(o.summary);
            if (!o.doubt.empty()) {
                progress_.clear();
                error(o.doubt);
                ++totals.doubtful;
            }
            if (combined_) plan_.printer->append(o.spool.get(), *combined_);
        }
        stop();
    }

private:
    void work() {
        for (;;) {
            std::size_t i;
            {
                std::unique_lock lock(mutex_);
                space_.wait(lock, [&] { return stopping_ || next_ >= outcomes_.size() || next_ < taken_ + window_; });
                if (stopping_ || next_ >= outcomes_.size()) return;
                i = next_++;
            }
            Outcome o = convert_one(plan_, plan_.jobs[i]);
            {
                std::lock_guard lock(mutex_);
                outcomes_[i] = std::move(o);
                outcomes_[i].done = true;
                ++files_done_;
                bytes_done_ += plan_.jobs[i].input.size;
            }
            finished_.notify_one();
        }
    }

    // Waits for input i, redrawing the progress meanwhile, and takes its outcome.
    Outcome take(std::size_t i) {
        std::unique_lock lock(mutex_);
        while (!outcomes_[i].done) {
            finished_.wait_for(lock, std::chrono::milliseconds(100));
            auto files = files_done_;
            auto bytes = bytes_done_;
            lock.unlock();
            progress_.update(files, bytes);
            lock.lock();
        }
        Outcome o = std::move(outcomes_[i]);
        taken_ = i + 1;
        lock.unlock();
        space_.notify_all();
        return o;
    }

    void stop() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        space_.notify_all();
        for (auto& w : workers_)
            if (w.joinable()) w.join();
    }

    const Plan& plan_;
    Progress& progress_;
    Output* combined_;
    std::vector<Outcome> outcomes_;
    std::size_t window_ = 0;
    std::mutex mutex_;
    std::condition_variable space_;     // a worker may take the next input
    std::condition_variable finished_;  // an input is done
    std::size_t next_ = 0;              // the next input a worker takes
    std::size_t taken_ = 0;             // outcomes the main thread has taken
    std::size_t files_done_ = 0;
    std::uint64_t bytes_done_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> workers_;  // last: started once everything above exists
};

std::string plural(std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// Where each input's output goes under --out-dir: the input's place in its tree,
// with the format's extension instead of its own. Two inputs that would land on the
// same output are a usage error, found before anything is written.
bool place_outputs(Plan& plan, const fs::path& out_dir, std::vector<std::string>& failures) {
    std::map<fs::path, std::string> taken;
    std::vector<Job> kept;
    // When DIR is an input folder (`convert archive/ --out-dir archive/`), the walk
    // also finds what an earlier run wrote there: a.json beside a.txt. Read as an
    // input it would be refused as no table, and collide with a.txt's output. An
    // input that is the output of another input is therefore bpt's own and skipped:
    // it is about to be replaced anyway.
    std::map<fs::path, std::vector<std::size_t>> output_of;  // resolved output → the jobs writing it
    for (std::size_t i = 0; i < plan.jobs.size(); ++i) {
        auto& job = plan.jobs[i];
        job.output = out_dir / job.input.relative;
        job.output.replace_extension(extension(plan.format));
        std::error_code ec;
        output_of[fs::weakly_canonical(job.output, ec)].push_back(i);
    }
    for (std::size_t i = 0; i < plan.jobs.size(); ++i) {
        auto& job = plan.jobs[i];
        std::error_code resolve_ec;
        auto owners = output_of.find(fs::weakly_canonical(job.input.path, resolve_ec));
        if (owners != output_of.end() &&
            std::any_of(owners->second.begin(), owners->second.end(),
                        [&](std::size_t k) { return plan.jobs[k].input.path != job.input.path; }))
            continue;
        auto [at, fresh] = taken.emplace(job.output.lexically_normal(), job.input.path);
        if (!fresh) {
            if (at->second == job.input.path) continue;  // the same file named twice
            error(fmt::format("{} and {} would both be written to {}; choose the inputs with --glob, or convert "
                              "them separately", at->second, job.input.path, job.output.string()));
            return false;
        }
        std::error_code ec;
        if (fs::equivalent(job.output, job.input.path, ec)) {
            failures.push_back(
                fmt::format("{}: its output would overwrite it; choose another --out-dir", job.input.path));
            continue;
        }
        kept.push_back(std::move(job));
    }
    plan.jobs = std::move(kept);
    return true;
}

int run_convert(const ConvertArgs& args) {
    if (args.out_dir.has_value() == args.combine.has_value()) {
        error("convert needs either --out-dir DIR (one output per input) or --combine FILE (one for all)");
        return kCannotRead;
    }
    for (const auto& in : args.inputs) {
        if (in == "-") {
            error("convert reads files and folders, not standard input; use bpt parse - for that");
            return kCannotRead;
        }
    }
    Plan plan;
    plan.combined = args.combine.has_value();
    // A file named .xlsx can only mean a workbook; anything else combines to NDJSON
    // unless --format says otherwise, as before.
    Format fallback = plan.combined ? Format::Ndjson : Format::Json;
    if (plan.combined && fs::path(*args.combine).extension() == ".xlsx") fallback = Format::Xlsx;
    auto print = args.format.print(fallback);
    plan.format = print.format;
    plan.read = args.read;
    auto validation = validation_options(args.rules);
    if (!validation) return kCannotRead;
    plan.read.validation = std::move(*validation);
    plan.printer = make_printer(print, RulePolicy(plan.read.validation), plan.combined);
    if (!plan.printer) {
        error("--combine writes ndjson, csv or xlsx: JSON documents do not join into one");
        return kCannotRead;
    }

    // Everything that can make this a usage error is checked before anything is
    // created, so that exit 2 leaves the disk as it was.
    WalkOptions walk;
    walk.globs = args.globs;
    if (args.out_dir) walk.skip = *args.out_dir;
    auto found = find_inputs(args.inputs, walk);
    std::vector<std::string> failures = std::move(found.failures);
    for (auto& f : found.files) plan.jobs.push_back({std::move(f), {}});
    if (args.out_dir && !place_outputs(plan, *args.out_dir, failures)) return kCannotRead;
    if (args.combine) {
        FileId target = file_id(*args.combine);
        for (const auto& job : plan.jobs) {
            if (same_file(file_id(job.input.path), target)) {
                error(fmt::format("{}: --combine names an input, which the combined file would replace; write it "
                                  "elsewhere", *args.combine));
                return kCannotRead;
            }
        }
    }
    if (plan.jobs.empty() && failures.empty()) {
        error("no input files found (check the paths and --glob)");
        return kCannotRead;
    }

    std::optional<Output> combined;
    try {
        if (args.out_dir) {
            std::error_code ec;
            fs::create_directories(*args.out_dir, ec);
            if (ec) {
                error(fmt::format("{}: cannot create the output folder: {}", *args.out_dir, ec.message()));
                return kCannotRead;
            }
        } else {
            combined.emplace(*args.combine);
            plan.combine = *args.combine == "-" ? "standard output" : *args.combine;
            fs::path dir = *args.combine == "-" ? fs::temp_directory_path() : fs::path(*args.combine).parent_path();
            plan.spool_dir = dir.empty() ? fs::path(".") : dir;
        }
    } catch (const OutputError& e) {
        error(e.what());
        return kCannotRead;
    }

    // Messages about inputs that could not even be listed come first, in argument
    // order; then one per failed conversion, in input order.
    for (const auto& w : found.warnings) error(w);
    for (const auto& f : failures) error(f);

    auto mode = Progress::Mode::Off;
    if (!args.quiet && (args.progress || ::isatty(STDERR_FILENO)))
        mode = ::isatty(STDERR_FILENO) ? Progress::Mode::Bar : Progress::Mode::Lines;
    Progress progress(mode, plan.jobs.size());
    unsigned jobs = args.jobs ? args.jobs : std::max(1u, std::thread::hardware_concurrency());

    Totals totals;
    totals.failed = failures.size();
    try {
        if (combined) plan.printer->begin(*combined);
        Batch batch(plan, jobs, progress, combined ? &*combined : nullptr);
        batch.collect(totals);
        if (combined && totals.converted == 0) {
            // Nothing to combine: an empty file committed over an earlier one would
            // lose it for nothing. The failures are named above.
            progress.clear();
            error(*args.combine == "-" ? std::string("no input converted")
                                       : fmt::format("no input converted; {} is left as it was", *args.combine));
            return kCannotRead;
        }
        if (combined) plan.printer->finish(*combined);
        // The inputs that converted are kept even when others failed: the failures
        // are named above, and the exit code says the batch was not complete.
        if (combined) combined->commit();
    } catch (const OutputError& e) {
        progress.clear();
        error(e.what());
        return kCannotRead;
    }
    progress.clear();

    if (!args.quiet) {
        std::size_t total = totals.converted + totals.failed;
        std::string failed = totals.failed ? fmt::format(" ({} failed)", totals.failed) : "";
        error(fmt::format("converted {} of {}{} in {:.2f} s: {}, {}, {}, {}", totals.converted, plural(total, "file"),
                          failed, progress.elapsed_seconds(), plural(totals.summary.projects, "project"),
                          plural(totals.summary.indicators, "indicator"), plural(totals.summary.errors, "error"),
                          plural(totals.summary.warnings, "warning")));
    }
    return totals.failed || totals.doubtful ? kFindings : kOk;
}

}  // namespace

Command add_convert(CLI::App& root) {
    auto args = std::make_shared<ConvertArgs>();
    auto* cmd = root.add_subcommand("convert", "Convert many tables at once: files, and folders walked recursively");
    cmd->add_option("inputs", args->inputs, "Files and folders to convert")->required();
    auto* out_dir = cmd->add_option("--out-dir", args->out_dir,
                                    "Write one output per input here, mirroring the input folders");
    cmd->add_option("--combine", args->combine,
                    "Write one NDJSON, CSV or xlsx file (- for standard output) for all inputs instead")
        ->excludes(out_dir);
    cmd->add_option("--glob", args->globs,
                    "Only files whose name matches this pattern (e.g. '*.txt'), when walking folders; repeatable");
    cmd->add_option("-j,--jobs", args->jobs, "Files converted in parallel (default: the number of cores)")
        ->check(CLI::Range(1u, 256u).description("in [1, 256]"));
    cmd->add_flag("--progress", args->progress, "Show progress on standard error even when it is not a terminal");
    cmd->add_flag("-q,--quiet", args->quiet, "No progress and no summary; failures are still reported");
    add_format_options(cmd, args->format);
    add_read_options(cmd, args->read);
    add_rule_options(cmd, args->rules);
    return {cmd, [args] { return run_convert(*args); }};
}

}  // namespace bpt::cli
