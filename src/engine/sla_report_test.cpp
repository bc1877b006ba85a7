// The SLA report read from the store, without HTTP: tasks completed through the engine,
// the period, scope and process checks of SlaReports::Build; the durations recorded at each
// completion (engine/task_durations.h) and the same figures read from them.
#include "engine/sla_report.h"

#include <gtest/gtest.h>

#include "core/source_dir.h"
#include "engine/case_test_support.h"
#include "engine/task_durations.h"

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

  std::vector<std::string> Durations() {
    std::vector<std::string> out;
    EXPECT_TRUE(engine_.db()
                    .Read([&](storage::Tx& tx) -> Status {
                      JUMYS_ASSIGN_OR_RETURN(
                          auto rows, tx.Query("SELECT office_id, office_day, process, step, "
                                              "working_minutes, late FROM task_durations ORDER "
                                              "BY task_id"));
                      for (std::size_t r = 0; r < rows.size(); ++r) {
                        out.push_back(rows.Text(r, 0) + "|" + rows.Text(r, 1) + "|" +
                                      rows.Text(r, 2) + "|" + rows.Text(r, 3) + "|" +
                                      rows.Text(r, 4) + "|" + rows.Text(r, 5));
                      }
                      return {};
                    })
                    .has_value());
    return out;
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

TEST_F(SlaReportsTest, EachCompletionRecordsItsWorkingTimeAndWhetherItWasLate) {
  for (int minutes : {2, 5, 8}) RegisterAfter(minutes);
  EXPECT_EQ(Durations(), (std::vector<std::string>{
                             "kzo-city|2026-11-23|active-measures-referral|register|2|0",
                             "kzo-city|2026-11-23|active-measures-referral|register|5|0",
                             "kzo-city|2026-11-23|active-measures-referral|register|8|1"}));
}

TEST_F(SlaReportsTest, TheStepsByOfficeAreTheReportsFigures) {
  for (int minutes : {2, 5, 8, 3}) RegisterAfter(minutes);
  auto report = reports_.Build(Query(kMonday, kMonday));
  ASSERT_TRUE(report.has_value());
  auto by_office = reports_.StepsByOffice({kMonday, kMonday, {"kzo-city", "kzo-aral"}, ""});
  ASSERT_TRUE(by_office.has_value()) << by_office.error().message;
  ASSERT_EQ(by_office->size(), 1u);
  EXPECT_EQ(by_office->front().first, "kzo-city");
  ASSERT_EQ(by_office->front().second.size(), 1u);
  const SlaStepRow& row = by_office->front().second.front();
  const SlaStepRow& expected = report->steps.front();
  EXPECT_EQ(row.process + "|" + row.version + "|" + row.step + "|" + row.ref,
            expected.process + "|" + expected.version + "|" + expected.step + "|" + expected.ref);
  EXPECT_EQ(row.count, 4);
  EXPECT_EQ(row.median_minutes, expected.median_minutes);
  EXPECT_EQ(row.p90_minutes, 8);
  EXPECT_EQ(row.breaches, 1);
  // The office's day bounds the period; another process or office reads nothing.
  auto tuesday = reports_.StepsByOffice({Plus(kMonday, 1), Plus(kMonday, 1), {"kzo-city"}, ""});
  ASSERT_TRUE(tuesday.has_value());
  EXPECT_TRUE(tuesday->empty());
  auto aral = reports_.StepsByOffice({kMonday, kMonday, {"kzo-aral"}, ""});
  ASSERT_TRUE(aral.has_value());
  EXPECT_TRUE(aral->empty());
  auto other = reports_.StepsByOffice({kMonday, kMonday, {"kzo-city"}, "job-seeker-registration"});
  ASSERT_TRUE(other.has_value());
  EXPECT_TRUE(other->empty());
  auto unknown = reports_.StepsByOffice({kMonday, kMonday, {"kzo-city"}, "no-such-process"});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kUnprocessable);
}

// A store upgraded with tasks already completed: their durations are measured at the first
// start, once, and come out as if recorded at completion.
TEST_F(SlaReportsTest, TasksCompletedBeforeTheTableAreMeasuredOnceAtTheNextStart) {
  for (int minutes : {2, 5, 8}) RegisterAfter(minutes);
  const auto recorded = Durations();
  ASSERT_TRUE(engine_.db()
                  .Write([](storage::Tx& tx) -> Status {
                    JUMYS_TRY(tx.Exec("DELETE FROM task_durations"));
                    JUMYS_TRY(tx.Exec("UPDATE data_fills SET done_at = NULL"));
                    return {};
                  })
                  .has_value());
  auto filled =
      FillTaskDurationsOnce(engine_.db(), engine_.offices(), engine_.calendar(), engine_.Now());
  ASSERT_TRUE(filled.has_value()) << filled.error().message;
  EXPECT_EQ(*filled, 3);
  EXPECT_EQ(Durations(), recorded);
  // Done: the next start reads one row and measures nothing.
  ASSERT_TRUE(engine_.db()
                  .Write([](storage::Tx& tx) -> Status {
                    JUMYS_TRY(tx.Exec("DELETE FROM task_durations"));
                    return {};
                  })
                  .has_value());
  auto again =
      FillTaskDurationsOnce(engine_.db(), engine_.offices(), engine_.calendar(), engine_.Now());
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, 0);
  EXPECT_TRUE(Durations().empty());
  // Measuring what is missing twice writes each row once.
  EXPECT_EQ(*FillMissingTaskDurations(engine_.db(), engine_.offices(), engine_.calendar()), 3);
  EXPECT_EQ(*FillMissingTaskDurations(engine_.db(), engine_.offices(), engine_.calendar()), 0);
  EXPECT_EQ(Durations(), recorded);
}

}  // namespace
}  // namespace jumys::testing
