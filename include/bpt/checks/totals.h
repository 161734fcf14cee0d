#pragma once
// Declared totals against their projects: the 合计 and each department subtotal
// (total-mismatch, total-matches-without-repeats), and a project larger than the
// total it is part of (amount-out-of-range). Keeps running column sums, never the
// projects.
#include <array>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "bpt/checks/check.h"

namespace bpt::checks {

class Totals final : public Check {
public:
    explicit Totals(Context& cx);
    void declared_total(const Amounts& a, const Location& at) override;
    void department(const Department& d, const Facts& facts) override;
    void project(const Project& p, const Facts& facts) override;
    void end() override;

private:
    // Column sums of the projects under one declared total.
    struct Sums {
        Amounts amounts;  // a column stays nullopt while no project has it
        bool overflow = false;
        void add(const Amounts& a);
    };
    // A declared total (合计 or a department subtotal) and what its projects add up to.
    struct Group {
        std::string label;  // `合计`, `the subtotal of …`
        std::string quote;  // the declared row as printed, for findings
        Amounts declared;
        Location at;
        bool has_declared = false;
        Sums all;       // every project row
        Sums distinct;  // exact repeats left out
        std::uint32_t projects = 0;
        std::uint32_t repeats = 0;
        std::vector<Location> repeat_lines;  // the first few, for messages
        Money repeat_total;
        bool ambiguous = false;  // a row had numbers the reader could not place in columns
        // The largest project seen, for a total printed after its projects.
        std::optional<Money> largest;
        Location largest_at;
        std::string largest_name;
    };
    // First projects with a given 总计, so a total that is off by exactly one
    // project's amount can name it.
    struct AmountSeen {
        Location at;
        std::uint32_t department = 0;  // Facts::department; 0 when none
        std::uint32_t name_at = 0, name_size = 0;  // in amount_names_
    };
    // The entries of one 总计, in a flat table: a node map, a vector and a string
    // per project cost more than all the rest of this check.
    struct AmountSlot {
        std::int64_t cents = 0;
        std::uint32_t count = 0;  // 0: empty
        std::array<std::uint32_t, 3> entries{};  // indices into amount_list_
    };
    AmountSlot* amount_slot(std::int64_t cents, bool insert);

    void add_to(Group& g, const Project& p, bool repeat);
    void check_larger_than_declared(const Group& g, Money total, const Project& p);
    void check(const Group& g);
    Group* group(std::uint32_t department);

    Context& cx_;
    Group grand_;                      // 合计
    std::vector<Group> departments_;   // by Facts::department − 1
    std::vector<AmountSlot> amount_slots_;  // by 总计 in cents, open addressing
    std::vector<AmountSeen> amount_list_;
    std::string amount_names_;  // the entries' names, one after another
    std::size_t amount_values_ = 0;
};

}  // namespace bpt::checks
