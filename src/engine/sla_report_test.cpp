// The SLA report read from the store, without HTTP: tasks completed through the engine,
// the period, scope and process checks of SlaReports::Build.
#include "engine/sla_report.h"

#include <gtest/gtest.h>

#include "core/source_dir.h"
#include "engine/case_test_support.h"

namespace jumys::testing {
namespace {

const Date kMonday{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{23}};

Date Plus(Date d, int days) { return Date{std::chrono::sys_days{d} + std::chrono::days{days}}; }

class SlaReportsTest : public ::testing::Test {
 protected:
  SlaReportsTest()
      : catalog_(*LoadProcessCatalog(jumys::SourceDir() / "processes",
                                     jumys::SourceDir() / "reference",
                                     DefaultDefinitionVocabulary())),
        reports_(engine_.db(), catalog_, engine_.offices(), engine_.calendar()) {}

  // Files an active-measures referral at the city centre and registers it `minutes` later.
  void RegisterAfter(int minutes) {
    CaseService::StartRequest r;
    r.process = "active-measures-referral";
    r.applicant_iin = "851102400347";
    r.documents = {{"application", std::nullopt}, {"identity_document", Plus(kMonday, 2000)}};
    auto id = engine_.cases().Start(engine_.As("clerk"), r);
    ASSERT_TRUE(id.has_value()) << id.error().message;
    engine_.Advance(std::chrono::minutes(minutes));
    auto detail = engine_.cases().Load(*id);
    ASSERT_TRUE(detail.has_value());
    ASSERT_FALSE(detail->tasks.empty());
    auto done = engine_.cases().Complete(engine_.As("clerk"), detail->tasks.front().id, "accepted",
                                         nlohmann::json::object());
    ASSERT_TRUE(done.has_value()) << done.error().message;
  }

  SlaReportQuery Query(Date from, Date to) {
    SlaReportQuery q;
    q.from = from;
    q.to = to;
    q.visible_offices = {"kzo-city", "kzo-aral"};
    return q;
  }

  EngineFixture engine_;
  ProcessCatalog catalog_;
  SlaReports reports_;
};

TEST_F(SlaReportsTest, CountsTheTasksCompletedInThePeriodAndScope) {
  for (int minutes : {2, 5, 8}) RegisterAfter(minutes);  // the 5-minute limit: 8 overruns it
  auto report = reports_.Build(Query(kMonday, kMonday));
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->office_ids, (std::vector<std::string>{"kzo-city", "kzo-aral"}));
  ASSERT_EQ(report->steps.size(), 1u);
  const SlaStepRow& row = report->steps.front();
  EXPECT_EQ(row.process, "active-measures-referral");
  EXPECT_EQ(row.step, "register");
  EXPECT_EQ(row.count, 3);
  EXPECT_EQ(row.median_minutes, 5);
  EXPECT_EQ(row.p90_minutes, 8);
  EXPECT_EQ(row.breaches, 1);
  // Another day, another office, another process: nothing.
  auto tuesday = reports_.Build(Query(Plus(kMonday, 1), Plus(kMonday, 7)));
  ASSERT_TRUE(tuesday.has_value());
  EXPECT_TRUE(tuesday->steps.empty());
  auto aral = Query(kMonday, kMonday);
  aral.office = "kzo-aral";
  auto at_aral = reports_.Build(aral);
  ASSERT_TRUE(at_aral.has_value());
  EXPECT_EQ(at_aral->office_ids, std::vector<std::string>{"kzo-aral"});
  EXPECT_TRUE(at_aral->steps.empty());
  auto other = Query(kMonday, kMonday);
  other.process = "job-seeker-registration";
  auto of_other = reports_.Build(other);
  ASSERT_TRUE(of_other.has_value());
  EXPECT_TRUE(of_other->steps.empty());
}

TEST_F(SlaReportsTest, ThePeriodRunsForwardAndAtMostAYear) {
  auto backwards = reports_.Build(Query(kMonday, Plus(kMonday, -1)));
  ASSERT_FALSE(backwards.has_value());
  EXPECT_EQ(backwards.error().code, ErrorCode::kUnprocessable);
  auto too_long = reports_.Build(Query(kMonday, Plus(kMonday, SlaReports::kMaxDays)));
  ASSERT_FALSE(too_long.has_value());
  EXPECT_EQ(too_long.error().code, ErrorCode::kUnprocessable);
  EXPECT_TRUE(reports_.Build(Query(kMonday, Plus(kMonday, SlaReports::kMaxDays - 1))).has_value());
}

TEST_F(SlaReportsTest, AnOfficeOutsideTheCallersScopeIsNotFound) {
  auto q = Query(kMonday, kMonday);
  q.visible_offices = {"kzo-aral"};
  q.office = "kzo-city";
  auto r = reports_.Build(q);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
}

TEST_F(SlaReportsTest, AnUnknownProcessIsRefused) {
  auto q = Query(kMonday, kMonday);
  q.process = "no-such-process";
  auto r = reports_.Build(q);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable);
}

}  // namespace
}  // namespace jumys::testing
