#pragma once
// Referral to a vacancy and placement (docs/PLACEMENTS.md) through the API, on SQLite
// (placement_api_test.cpp) and PostgreSQL (placement_api_pgtest.cpp): an S3 referral names a
// published vacancy with a free workplace (422 otherwise); the employer answers once (409 for a
// second answer, which only staff correct, on the audit chain); a hire goes on the card and
// fills a workplace, the last one closing the vacancy; the report counts each hire once.
#include "engine/case_results.h"
#include "server/case_api_support.h"
#include "server/testing/job_seeker_card.h"
#include "services/demo/demo_data.h"
#include "storage/audit_log.h"

namespace jumys::testing {

class PlacementApiSuite : public CaseApiTest {
 protected:
  static constexpr const char* kCityIin = "851102400347";  // has an employment card (demo)
  static constexpr const char* kAralTuz = "111240007891";  // Aral's employer

  // A vacancy of `bin` as a fixture (the vacancy routes are another part of issue 17): its
  // status and workplaces as given; the employer's office keeps it.
  std::int64_t Vacancy(const std::string& status, std::int64_t workplaces,
                       const std::string& bin = demo::kDemoEmployerBin, std::int64_t filled = 0) {
    std::int64_t id = 0;
    EXPECT_TRUE(api_.runtime()
                    .db()
                    .Write([&](storage::Tx& tx) -> Status {
                      JUMYS_ASSIGN_OR_RETURN(
                          auto rows,
                          tx.Query("INSERT INTO vacancies (employer_bin, office_id, title, "
                                   "description, nkz, kato, wage_tiyn, working_time, workplaces, "
                                   "workplaces_filled, requirements, disability_suitable, status, "
                                   "relevant_since, created_by, created_at, updated_at) "
                                   "SELECT bin, office_id, 'Дәнекерлеуші / Сварщик', '', '7', "
                                   "'431010000', 30000000, 'full_time', $2, $3, '{}', 0, $4, "
                                   "'2026-11-01T05:00:00Z', 'employers', '2026-11-01T05:00:00Z', "
                                   "'2026-11-01T05:00:00Z' FROM employers WHERE bin = $1 "
                                   "RETURNING id",
                                   {bin, workplaces, filled, status}));
                      if (rows.empty()) return Error::Internal("no employer " + bin);
                      id = rows.Int(0, 0);
                      return {};
                    })
                    .has_value());
    return id;
  }

  static json Referral(std::int64_t vacancy) {
    return {{"vacancy_id", vacancy},
            {"employer_name", "«Сыр Құрылыс» ЖШС"},
            {"position", "Дәнекерлеуші"},
            {"valid_until", "2026-12-31"}};
  }

  // An S3 case of `iin` at the city centre up to the executor's review.
  std::int64_t ReviewTask(const std::string& iin, std::int64_t* case_id = nullptr) {
    const std::int64_t id = FileAtOffice("active-measures-referral", iin)["id"];
    if (case_id) *case_id = id;
    Work("active-measures-referral", id,
         {{"register", "clerk", "accepted"},
          {"assign", "head", "assigned", {{"assignee", "executor"}}}});
    return QueueTask(id, "executor")["id"];
  }

  // The person referred to `vacancy`: the review completed; the placement's id.
  std::int64_t Referred(std::int64_t vacancy, const std::string& iin = kCityIin) {
    std::int64_t case_id = 0;
    const auto task = ReviewTask(iin, &case_id);
    auto r = Complete(task, "executor", "refer_employment", Referral(vacancy));
    EXPECT_EQ(r.status, 200) << r.body;
    const json list =
        GetJson("/api/v1/placements?case=" + std::to_string(case_id), "executor")["items"];
    EXPECT_EQ(list.size(), 1u) << list;
    return list.empty() ? 0 : list[0]["id"].get<std::int64_t>();
  }

  http::HttpResponse Answer(std::int64_t placement, const json& body, const std::string& login) {
    return Post("/api/v1/placements/" + std::to_string(placement) + "/answer", body, login);
  }

  std::string Today() { return FormatDate(OfficeDateOf("kzo-city")); }
  Date OfficeDateOf(const std::string& office) {
    return OfficeDate(*api_.runtime().offices().Find(office), api_.Now());
  }

  std::int64_t Filled(std::int64_t vacancy) {
    return std::stoll(
        Select("SELECT workplaces_filled FROM vacancies WHERE id = " + std::to_string(vacancy)));
  }
  std::string StatusOf(std::int64_t vacancy) {
    return Select("SELECT status FROM vacancies WHERE id = " + std::to_string(vacancy));
  }
};

TEST_P(PlacementApiSuite, AReferralNamesOnlyAPublishedVacancyWithAFreeWorkplace) {
  const auto draft = Vacancy("draft", 2);
  const auto full = Vacancy("published", 1, demo::kDemoEmployerBin, 1);
  const auto task = ReviewTask(kCityIin);
  for (auto [vacancy, key] :
       std::vector<std::pair<json, std::string>>{{draft, "vacancy.not_published"},
                                                 {full, "vacancy.no_free_workplaces"},
                                                 {999999, "vacancy.not_found"},
                                                 {"7", "field.not_integer"}}) {
    auto data = Referral(0);
    data["vacancy_id"] = vacancy;
    auto r = Complete(task, "executor", "refer_employment", data);
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(DetailKeys(r), (json{{"data.vacancy_id", key}})) << r.body;
  }
  EXPECT_EQ(Select("SELECT COUNT(*) FROM placements"), "0");
  // The other referrals do not take a vacancy.
  auto youth = Referral(Vacancy("published", 2));
  auto r = Complete(task, "executor", "refer_youth_practice", youth);
  EXPECT_EQ(DetailKeys(r), (json{{"data.vacancy_id", "field.unknown"}})) << r.body;
}

TEST_P(PlacementApiSuite, TheReferralPrintsTheVacancyAndWaitsForTheEmployer) {
  const auto vacancy = Vacancy("published", 2);
  std::int64_t case_id = 0;
  const auto task = ReviewTask(kCityIin, &case_id);
  ASSERT_EQ(Complete(task, "executor", "refer_employment", Referral(vacancy)).status, 200);
  json sign = QueueTask(case_id, "head");
  ASSERT_EQ(sign["step"], "sign");
  const std::string text = PdfText("referral", TaskDocument(sign["id"], "head"));
  EXPECT_NE(text.find("Дәнекерлеуші / Сварщик"), std::string::npos) << text;
  EXPECT_NE(text.find(demo::kDemoEmployerBin), std::string::npos) << text;
  EXPECT_NE(text.find("431010000"), std::string::npos) << text;
  // The employer sees it, awaiting the answer; another employer and another office do not.
  const json mine = GetJson("/api/v1/placements", "employer")["items"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["status"], "referred");
  EXPECT_EQ(mine[0]["vacancy"]["id"], vacancy);
  EXPECT_EQ(mine[0]["case_id"], case_id);
  EXPECT_TRUE(GetJson("/api/v1/placements", "clerk2")["items"].empty());
  EXPECT_EQ(Get("/api/v1/placements/" + mine[0]["id"].dump(), "clerk2").status, 404);
  EXPECT_EQ(Select("SELECT COUNT(*) FROM audit_events WHERE action = 'placement.referred'"), "1");
}

TEST_P(PlacementApiSuite, TheEmployerAnswersOnceAndAHireFillsAWorkplaceAndGoesOnTheCard) {
  const auto vacancy = Vacancy("published", 2);
  const auto placement = Referred(vacancy);
  // Only the employer and the office's employer-interaction specialist answer.
  EXPECT_EQ(Answer(placement, {{"hired", true}, {"hired_on", Today()}}, "executor").status, 403);
  auto bad = Answer(placement, {{"hired", true}, {"hired_on", "2099-01-01"}}, "employer");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(DetailKeys(bad), (json{{"hired_on", "placement.hired_in_future"}})) << bad.body;
  auto no_reason = Answer(placement, {{"hired", false}}, "employer");
  EXPECT_EQ(DetailKeys(no_reason), (json{{"reason", "field.required"}})) << no_reason.body;
  auto hired = Answer(placement, {{"hired", true}, {"hired_on", Today()}}, "employer");
  ASSERT_EQ(hired.status, 200) << hired.body;
  EXPECT_EQ(ApiHarness::Json(hired)["status"], "hired");
  EXPECT_EQ(ApiHarness::Json(hired)["answered_by"], "employer");
  EXPECT_EQ(Filled(vacancy), 1);
  EXPECT_EQ(StatusOf(vacancy), "published");  // one workplace is still free
  // A second answer is refused, by the employer and by staff alike (unless a correction).
  auto again = Answer(placement, {{"hired", true}, {"hired_on", Today()}}, "employer");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(ApiHarness::Json(again)["error"]["key"], "placement.answered");
  EXPECT_EQ(Answer(placement, {{"hired", false}, {"reason", "did_not_come"}}, "employers").status,
            409);
  EXPECT_EQ(Filled(vacancy), 1);
  // The card shows the placement.
  const json card =
      GetJson(std::string("/api/v1/people/") + kCityIin + "/employment-card", "clerk");
  bool placed = false;
  for (const auto& h : card["history"]) {
    if (h["action"] == "placed") {
      placed = true;
      EXPECT_EQ(h["data"]["vacancy"], vacancy);
      EXPECT_EQ(h["data"]["hired_on"], Today());
    }
  }
  EXPECT_TRUE(placed) << card;
}

TEST_P(PlacementApiSuite, StaffCorrectAnAnswerOnTheAuditChainWithoutCountingAHireTwice) {
  const auto vacancy = Vacancy("published", 3);
  const auto placement = Referred(vacancy);
  ASSERT_EQ(Answer(placement, {{"hired", true}, {"hired_on", Today()}}, "employers").status, 200);
  // The employer cannot correct; staff must say why.
  EXPECT_EQ(
      Answer(placement, {{"hired", false}, {"reason", "other"}, {"correction", true}}, "employer")
          .status,
      403);
  auto no_note = Answer(
      placement, {{"hired", false}, {"reason", "did_not_come"}, {"correction", true}}, "employers");
  EXPECT_EQ(DetailKeys(no_note), (json{{"note", "field.required"}})) << no_note.body;
  // Hired -> hired (another date): the workplace is filled once.
  ASSERT_EQ(Answer(placement,
                   {{"hired", true},
                    {"hired_on", Today()},
                    {"correction", true},
                    {"note", "the date was mistyped"}},
                   "employers")
                .status,
            200);
  EXPECT_EQ(Filled(vacancy), 1);
  // Hired -> not hired: the workplace is free again.
  auto taken_back = Answer(placement,
                           {{"hired", false},
                            {"reason", "other"},
                            {"reason_text", "Келмеді"},
                            {"correction", true},
                            {"note", "the employer called back"}},
                           "employers");
  ASSERT_EQ(taken_back.status, 200) << taken_back.body;
  EXPECT_EQ(ApiHarness::Json(taken_back)["corrections"], 2);
  EXPECT_EQ(Filled(vacancy), 0);
  EXPECT_EQ(Select("SELECT COUNT(*) FROM audit_events WHERE action = 'placement.correct'"), "2");
  EXPECT_EQ(Select("SELECT COUNT(*) FROM audit_events WHERE action = 'placement.answer'"), "1");
  // One row per referral: a second placement for the same case is refused by the store.
  auto dup = api_.runtime().db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(tx.Exec(
        "INSERT INTO placements (case_id, vacancy_id, person_iin, employer_bin, office_id, "
        "vacancy_office_id, status, hired_on, created_by, created_at, updated_at) SELECT case_id, "
        "vacancy_id, person_iin, employer_bin, office_id, vacancy_office_id, 'hired', "
        "'2026-11-20', 'x', created_at, created_at FROM placements WHERE id = $1",
        {placement}));
    return {};
  });
  EXPECT_FALSE(dup.has_value());
}

TEST_P(PlacementApiSuite, TheLastFreeWorkplaceClosesTheVacancyAndTheReportCountsHires) {
  const auto vacancy = Vacancy("published", 1);
  JobSeekerCard(api_, "951203400783");
  JobSeekerCard(api_, "780611300895");
  const auto first = Referred(vacancy);
  const auto second = Referred(vacancy, "951203400783");
  ASSERT_EQ(Answer(first, {{"hired", true}, {"hired_on", Today()}}, "employer").status, 200);
  EXPECT_EQ(Filled(vacancy), 1);
  EXPECT_EQ(StatusOf(vacancy), "closed");
  EXPECT_EQ(Select("SELECT COUNT(*) FROM audit_events WHERE action = 'vacancy.close'"), "1");
  // The other referral cannot be a hire any more; it is answered not hired.
  auto full = Answer(second, {{"hired", true}, {"hired_on", Today()}}, "employer");
  EXPECT_EQ(full.status, 409);
  EXPECT_EQ(ApiHarness::Json(full)["error"]["key"], "placement.no_free_workplace");
  ASSERT_EQ(Answer(second, {{"hired", false}, {"reason", "position_filled"}}, "employer").status,
            200);
  // A closed vacancy is no longer offered to a referral.
  const auto task = ReviewTask("780611300895");
  auto closed = Complete(task, "executor", "refer_employment", Referral(vacancy));
  EXPECT_EQ(DetailKeys(closed), (json{{"data.vacancy_id", "vacancy.not_published"}}));
  const json report =
      GetJson("/api/v1/reports/placements?from=" + Today() + "&to=" + Today(), "head");
  EXPECT_EQ(report["total"], (json{{"referred", 2}, {"hired", 1}, {"not_hired", 1}})) << report;
  const json aral =
      GetJson("/api/v1/reports/placements?from=" + Today() + "&to=" + Today(), "head2");
  EXPECT_EQ(aral["total"]["hired"], 0) << aral;
  EXPECT_EQ(Get("/api/v1/reports/placements?from=" + Today(), "head").status, 400);
}

TEST_P(PlacementApiSuite, TheReportCountsByTheOfficesLocalDay) {
  const auto vacancy = Vacancy("published", 2);
  JobSeekerCard(api_, "951203400783");
  const auto evening = Referred(vacancy);
  const auto refused = Referred(vacancy, "951203400783");
  ASSERT_EQ(Answer(refused, {{"hired", false}, {"reason", "did_not_come"}}, "employer").status,
            200);
  // 20:30 UTC on 2 March is 01:30 on 3 March in Kyzylorda (UTC+5).
  auto moved = api_.runtime().db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(tx.Exec("UPDATE placements SET created_at = '2026-03-02T20:30:00Z' WHERE id = $1",
                      {evening}));
    JUMYS_TRY(
        tx.Exec("UPDATE placements SET created_at = '2026-03-02T18:59:59Z', answered_at = "
                "'2026-03-03T19:00:00Z' WHERE id = $1",
                {refused}));
    return {};
  });
  ASSERT_TRUE(moved.has_value()) << moved.error().internal;
  const auto total = [&](const std::string& from, const std::string& to) {
    return GetJson("/api/v1/reports/placements?from=" + from + "&to=" + to, "head")["total"];
  };
  EXPECT_EQ(total("2026-03-02", "2026-03-02"),
            (json{{"referred", 1}, {"hired", 0}, {"not_hired", 0}}));  // 23:59:59 local
  EXPECT_EQ(total("2026-03-03", "2026-03-03"),
            (json{{"referred", 1}, {"hired", 0}, {"not_hired", 0}}));
  EXPECT_EQ(total("2026-03-04", "2026-03-04"),
            (json{{"referred", 0}, {"hired", 0}, {"not_hired", 1}}));  // 00:00 local
  EXPECT_EQ(total("2026-03-01", "2026-03-04"),
            (json{{"referred", 2}, {"hired", 0}, {"not_hired", 1}}));
}

}  // namespace jumys::testing
