// The check at submission's rules on their own (the time in business, the freshness file), and
// the filing suite on SQLite (employer_eligibility_suite.h).
#include "services/eligibility/employer_eligibility.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/source_dir.h"
#include "services/eligibility/employer_eligibility_suite.h"

namespace jumys::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, EmployerEligibilitySuite, ::testing::Values(Backend::kSqlite));

namespace {

Date Day(const char* text) { return *ParseDate(text); }

TEST(BusinessStart, TheRegistrationDateWinsOverTheBin) {
  auto start = eligibility::BusinessStartOf("2019-06-05", "190640001115", Day("2026-11-23"));
  ASSERT_TRUE(start.has_value());
  EXPECT_EQ(FormatDate(start->since), "2019-06-05");
  EXPECT_FALSE(start->from_bin);
}

TEST(BusinessStart, FromTheBinTheFirstDayOfTheFollowingMonth) {
  const Date today = Day("2026-11-23");
  auto start = eligibility::BusinessStartOf("", "151240001234", today);  // December 2015
  ASSERT_TRUE(start.has_value());
  EXPECT_EQ(FormatDate(start->since), "2016-01-01") << "December rolls over the year";
  EXPECT_TRUE(start->from_bin);
  start = eligibility::BusinessStartOf("", "990440001234", today);  // April 1999
  ASSERT_TRUE(start.has_value());
  EXPECT_EQ(FormatDate(start->since), "1999-05-01") << "a year after today's is last century's";
  EXPECT_FALSE(eligibility::BusinessStartOf("", "991340001234", today).has_value()) << "month 13";
  EXPECT_FALSE(eligibility::BusinessStartOf("", "", today).has_value());
}

TEST(BusinessStart, MoreThanAYearIsPastTheAnniversary) {
  EXPECT_FALSE(eligibility::OverAYear(Day("2025-11-23"), Day("2026-11-23")));
  EXPECT_TRUE(eligibility::OverAYear(Day("2025-11-23"), Day("2026-11-24")));
  EXPECT_FALSE(eligibility::OverAYear(Day("2024-02-29"), Day("2025-02-28")));
  EXPECT_TRUE(eligibility::OverAYear(Day("2024-02-29"), Day("2025-03-01")));
  EXPECT_EQ(eligibility::MonthsInBusiness(Day("2025-12-23"), Day("2026-11-23")), 11);
  EXPECT_EQ(eligibility::MonthsInBusiness(Day("2025-12-24"), Day("2026-11-23")), 10);
  EXPECT_EQ(eligibility::MonthsInBusiness(Day("2026-12-01"), Day("2026-11-23")), 0);
}

TEST(RevenueFreshness, TheShippedFileAndABadOne) {
  auto shipped =
      eligibility::LoadRevenueFreshness(SourceDir() / "reference/revenue/freshness.yaml");
  ASSERT_TRUE(shipped.has_value()) << shipped.error().message;
  EXPECT_EQ(shipped->max_age_days, 31);
  EXPECT_FALSE(shipped->source.empty());
  const auto path = std::filesystem::temp_directory_path() / "jumys-freshness-test.yaml";
  for (const char* text : {"max_age_days: 0\nsource: x\n", "max_age_days: 31\n",
                           "max_age_days: 2.5\nsource: x\n", "[1]\n"}) {
    std::ofstream(path) << text;
    EXPECT_FALSE(eligibility::LoadRevenueFreshness(path).has_value()) << text;
  }
  std::filesystem::remove(path);
  EXPECT_FALSE(eligibility::LoadRevenueFreshness(path).has_value()) << "no file";
}

}  // namespace
}  // namespace jumys::testing
