#include "services/programmes/programme_parameters.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "core/source_dir.h"
#include "services/programmes/contract_amount.h"

namespace jumys::programmes {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;

const fs::path kShipped = SourceDir() / "reference" / "programmes";

Date D(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }

// Where an error points: the file and line of a loader error.
std::string Where(const Error& e) { return e.details.empty() ? "" : e.details[0].field; }

std::string Param(const Error& e, const std::string& name) {
  for (const auto& [k, v] : e.params) {
    if (k == name) return v;
  }
  return "";
}

// A scratch directory, removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    static int counter = 0;
    dir_ = fs::temp_directory_path() /
           ("jumys_programmes_" + std::to_string(getpid()) + "_" + std::to_string(++counter));
    fs::create_directories(dir_);
  }
  ~ScratchDir() { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
  }
  const fs::path& path() const { return dir_; }

 private:
  fs::path dir_;
};

const ProgrammeParameters& Shipped() {
  static const ProgrammeParameters p = [] {
    auto loaded = ProgrammeParameters::LoadDir(kShipped);
    if (!loaded) ADD_FAILURE() << Where(loaded.error()) << ": " << loaded.error().internal;
    return loaded ? std::move(*loaded) : ProgrammeParameters{};
  }();
  return p;
}

TEST(ProgrammeParametersTest, ShippedFilesLoadWithTheMrpOfEachYear) {
  const auto& p = Shipped();
  ASSERT_EQ(p.mrp().size(), 3u);
  EXPECT_EQ(p.ValuesInForce(D(2024, 6, 1))->mrp.tenge, 3692);
  EXPECT_EQ(p.ValuesInForce(D(2025, 12, 31))->mrp.tenge, 3932);
  EXPECT_EQ(p.ValuesInForce(D(2026, 1, 1))->mrp.tenge, 4325);
  EXPECT_NE(p.ValuesInForce(D(2025, 1, 1))->mrp.law.find("141-VIII"), std::string::npos);
  // Before the first value and after the last, nothing is invented.
  EXPECT_EQ(p.ValuesInForce(D(2023, 12, 31)).error().key, "programme.no_mrp");
  EXPECT_EQ(p.ValuesInForce(D(2027, 1, 1)).error().key, "programme.no_mrp");
  // Every measure has a source; the three programmes are there.
  ASSERT_EQ(p.programmes().size(), 3u);
  auto in_force = p.ValuesInForce(D(2026, 3, 10));
  ASSERT_TRUE(in_force);
  EXPECT_EQ(in_force->measures.size(), 10u);
  for (const auto& item : in_force->measures) {
    EXPECT_FALSE(item.rule->source.empty()) << item.measure->code;
    EXPECT_FALSE(item.measure->name.kk.empty()) << item.measure->code;
  }
  EXPECT_TRUE(p.RuleInForce("equipment_subsidy", D(2026, 3, 10))->rule->draft);
  EXPECT_FALSE(p.RuleInForce("social_jobs", D(2026, 3, 10))->rule->draft);
  EXPECT_EQ(p.RuleInForce("social_jobs", D(2023, 6, 30)).error().key, "programme.not_in_force");
  EXPECT_EQ(p.RuleInForce("space_jobs", D(2026, 3, 10)).error().key, "programme.measure_unknown");
}

const char* kMrp = R"(values:
  - from: 2025-01-01
    until: 2025-12-31
    tenge: 3932
    law: Law No. 141-VIII
    certainty: secondary
    source: news
  - from: 2026-01-01
    tenge: 4325
    law: Law of 8 December 2025
    certainty: secondary
    source: news
)";

const char* kProgramme = R"(programme: P9
code: test-programme
name: {kk: Сынақ, ru: Тест, en: Test}
base_act: a test act
measures:
  - code: share
    name: {kk: Үлес, ru: Доля, en: Share}
    versions:
      - from: 2025-01-01
        until: 2025-12-31
        status: in_force
        certainty: unsourced
        source: none found
        pays: wage_share
        percent: 50
        per: workplace
        max_months: 6
      - from: 2026-01-01
        status: in_force
        certainty: official
        source: order 1
        pays: wage_share
        percent: 40
        per: workplace
        max_months: 6
)";

std::string LoadError(const std::string& mrp, const std::string& programme) {
  ScratchDir dir;
  dir.Write("mrp.yaml", mrp);
  if (!programme.empty()) dir.Write("test.yaml", programme);
  auto loaded = ProgrammeParameters::LoadDir(dir.path());
  if (loaded) return "loaded";
  // The file name without the scratch directory, the line, and the key.
  std::string where = Where(loaded.error());
  where = where.substr(where.rfind('/') + 1);
  return where + " " + loaded.error().key;
}

TEST(ProgrammeParametersTest, AVersionIsChosenByTheDecisionDate) {
  ScratchDir dir;
  dir.Write("mrp.yaml", kMrp);
  dir.Write("test.yaml", kProgramme);
  auto p = ProgrammeParameters::LoadDir(dir.path());
  ASSERT_TRUE(p) << Where(p.error()) << " " << p.error().internal;
  EXPECT_EQ(p->RuleInForce("share", D(2025, 12, 31))->rule->percent, 50);
  EXPECT_EQ(p->RuleInForce("share", D(2026, 1, 1))->rule->percent, 40);
  EXPECT_EQ(p->ValuesInForce(D(2030, 5, 5))->mrp.tenge, 4325);  // an open period
}

TEST(ProgrammeParametersTest, BadFilesAreRefusedNamingFileAndLine) {
  EXPECT_EQ(LoadError(kMrp, kProgramme), "loaded");
  // A misspelt key.
  EXPECT_EQ(LoadError(std::string(kMrp) + "    tenje: 1\n", ""),
            "mrp.yaml:13 reference.unknown_key");
  // Overlapping МРП periods.
  EXPECT_EQ(
      LoadError(std::string(kMrp) + "  - {from: 2026-06-01, tenge: 1, law: x, certainty: official, "
                                    "source: y}\n",
                ""),
      "mrp.yaml:13 programme.periods_overlap");
  // No source is no figure.
  std::string no_source = kMrp;
  no_source.replace(no_source.find("    source: news\n"), 17, "");
  EXPECT_EQ(LoadError(no_source, ""), "mrp.yaml:2 reference.missing_key");
  // A share over 100 %.
  std::string over = kProgramme;
  over.replace(over.find("percent: 50"), 11, "percent: 150");
  EXPECT_EQ(LoadError(kMrp, over), "test.yaml:15 programme.number_range");
  // A key that does not belong to the kind of payment.
  std::string stray = kProgramme;
  stray.replace(stray.find("percent: 40"), 11, "percent: 40\n        mrp: 30");
  EXPECT_EQ(LoadError(kMrp, stray), "test.yaml:24 programme.key_not_for_payment");
  // Overlapping versions of one measure.
  std::string overlap = kProgramme;
  overlap.replace(overlap.find("      - from: 2026-01-01"), 24, "      - from: 2025-12-01");
  EXPECT_EQ(LoadError(kMrp, overlap), "test.yaml:18 programme.periods_overlap");
  // A bad date, a bad certainty, not YAML at all.
  std::string bad_date = kProgramme;
  bad_date.replace(bad_date.find("2025-12-31"), 10, "2025-13-31");
  EXPECT_EQ(LoadError(kMrp, bad_date).substr(0, 13), "test.yaml:10 ");
  std::string certainty = kProgramme;
  certainty.replace(certainty.find("unsourced"), 9, "rumour");
  EXPECT_EQ(LoadError(kMrp, certainty), "test.yaml:12 field.not_one_of");
  EXPECT_EQ(LoadError(kMrp, "measures: [\n"), "test.yaml:2 reference.yaml_syntax");
  // No mrp.yaml.
  ScratchDir empty;
  auto none = ProgrammeParameters::LoadDir(empty.path());
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().key, "reference.cannot_read");
}

// Worked by hand with МРП 2026 = 4,325 tenge = 432,500 tiyn.
TEST(ContractAmountTest, SocialJobsPay35PercentOfTheWage) {
  // 150,000 tenge x 35 % = 52,500 tenge a month a workplace; x 6 months x 3 workplaces =
  // 945,000 tenge.
  auto a = ProposeContractAmount(Shipped(), {"social_jobs", 3, 6, 15'000'000, D(2026, 3, 10)});
  ASSERT_TRUE(a) << a.error().internal;
  EXPECT_EQ(a->total_tiyn, 94'500'000);
  ASSERT_EQ(a->lines.size(), 1u);
  EXPECT_EQ(a->lines[0].per_month_tiyn, 5'250'000);
  EXPECT_EQ(a->lines[0].months, 6);
  EXPECT_EQ(a->lines[0].units, 3);
  EXPECT_EQ(a->lines[0].rule, "35 % of the wage");
  EXPECT_EQ(a->programme, "P2");
  EXPECT_EQ(a->mrp.tenge, 4325);
  EXPECT_FALSE(a->rule->source.empty());
  // A share is rounded down: 100,001.01 tenge x 35 % = 35,000.3535 -> 35,000.35 tenge.
  auto r = ProposeContractAmount(Shipped(), {"social_jobs", 1, 1, 10'000'101, D(2026, 3, 10)});
  EXPECT_EQ(r->total_tiyn, 3'500'035);
}

TEST(ContractAmountTest, YouthPracticePays30MrpOfTheDecisionYear) {
  // 30 x 4,325 = 129,750 tenge a month; x 12 months x 2 workplaces = 3,114,000 tenge.
  auto a = ProposeContractAmount(Shipped(), {"youth_practice", 2, 12, 0, D(2026, 3, 10)});
  ASSERT_TRUE(a) << a.error().internal;
  EXPECT_EQ(a->lines[0].per_month_tiyn, 12'975'000);
  EXPECT_EQ(a->total_tiyn, 311'400'000);
  EXPECT_EQ(a->lines[0].rule, "30 МРП a month");
  // Decided on 31 December 2025: the 2025 МРП, 30 x 3,932 = 117,960 tenge.
  auto b = ProposeContractAmount(Shipped(), {"youth_practice", 1, 1, 0, D(2025, 12, 31)});
  EXPECT_EQ(b->total_tiyn, 11'796'000);
}

TEST(ContractAmountTest, SilverAgeTiersAreCappedAt30Mrp) {
  // Wage 190,000 tenge, 18 months: months 1-12 at 70 % = 133,000, capped at 30 МРП =
  // 129,750; months 13-18 at 65 % = 123,500 (under the cap).
  // 129,750 x 12 + 123,500 x 6 = 1,557,000 + 741,000 = 2,298,000 tenge.
  auto a = ProposeContractAmount(Shipped(), {"silver_age", 1, 18, 19'000'000, D(2026, 3, 10)});
  ASSERT_TRUE(a) << a.error().internal;
  ASSERT_EQ(a->lines.size(), 2u);
  EXPECT_EQ(a->lines[0].months, 12);
  EXPECT_EQ(a->lines[0].per_month_tiyn, 12'975'000);
  EXPECT_EQ(a->lines[0].rule, "70 % of the wage, capped at 30 МРП");
  EXPECT_EQ(a->lines[1].months, 6);
  EXPECT_EQ(a->lines[1].per_month_tiyn, 12'350'000);
  EXPECT_EQ(a->total_tiyn, 229'800'000);
}

TEST(ContractAmountTest, PublicWorksRefuseAWageUnder20Mrp) {
  // 20 x 4,325 = 86,500 tenge: 80,000 is under it, 90,000 is paid whole.
  auto low = ProposeContractAmount(Shipped(), {"public_works", 2, 12, 8'000'000, D(2026, 3, 10)});
  ASSERT_FALSE(low);
  EXPECT_EQ(low.error().key, "programme.wage_below_floor");
  EXPECT_EQ(Param(low.error(), "tenge"), "86500");
  auto ok = ProposeContractAmount(Shipped(), {"public_works", 2, 12, 9'000'000, D(2026, 3, 10)});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->total_tiyn, 216'000'000);  // 90,000 x 12 x 2 = 2,160,000 tenge
}

TEST(ContractAmountTest, BadRequestsAreRefusedWithEachField) {
  auto bad = ProposeContractAmount(Shipped(), {"social_jobs", 0, 13, 0, D(2026, 3, 10)});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().key, "data.invalid");
  ASSERT_EQ(bad.error().details.size(), 3u);
  EXPECT_EQ(bad.error().details[0].field, "workplaces");
  EXPECT_EQ(bad.error().details[1].field, "months");
  EXPECT_EQ(bad.error().details[2].field, "monthly_wage");
  EXPECT_EQ(ProposeContractAmount(Shipped(), {"rent_and_utilities", 1, 12, 0, D(2026, 3, 10)})
                .error()
                .key,
            "programme.amount_range");
  EXPECT_EQ(
      ProposeContractAmount(Shipped(), {"social_jobs", 1, 1, 100, D(2023, 12, 31)}).error().key,
      "programme.no_mrp");
  // A one-off payment ignores the term: 70 МРП x 4 persons = 280 x 4,325 = 1,211,000 tenge.
  auto once = ProposeContractAmount(Shipped(), {"relocation_subsidy", 4, 0, 0, D(2026, 3, 10)});
  ASSERT_TRUE(once);
  EXPECT_EQ(once->total_tiyn, 121'100'000);
}

}  // namespace
}  // namespace jumys::programmes
