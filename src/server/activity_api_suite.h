#pragma once
// Programme activities (docs/ACTIVITIES.md) through the API, on SQLite (activity_api_test.cpp)
// and PostgreSQL (activity_api_pgtest.cpp): each kind recorded with its seed item, a future date,
// a bad BIN or a mismatched item refused with the field named and nothing stored, the record on
// the audit chain with the people masked, another office seeing nothing, the oblast's staff
// seeing the oblast's offices.
#include "engine/case_results.h"
#include "server/case_api_support.h"
#include "services/demo/demo_data.h"
#include "storage/audit_log.h"

namespace jumys::testing {

class ActivityApiSuite : public CaseApiTest {
 protected:
  static constexpr const char* kPersonIin = "851102400347";

  static json Activity(const std::string& kind, const std::string& ref, const std::string& audience,
                       const std::string& held_on = "2026-11-20") {
    return {{"programme", "voluntary-relocation"},
            {"kind", kind},
            {"ref", ref},
            {"audience", audience},
            {"held_on", held_on},
            {"place", "Қызылорда, Әйтеке би к-сі, 27 / conference hall"},
            {"participants", 12}};
  }

  json Recorded(const json& body, const std::string& login) {
    auto r = Post("/api/v1/activities", body, login);
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body, nullptr, false);
  }

  json Items(const std::string& query, const std::string& login) {
    return GetJson("/api/v1/activities" + query, login)["items"];
  }

  std::string Today() {
    return FormatDate(OfficeDate(*api_.runtime().offices().Find("kzo-city"), api_.Now()));
  }
};

TEST_P(ActivityApiSuite, EachKindIsRecordedWithItsSeedItem) {
  auto outreach = Activity("outreach", "1.1", "employers");
  outreach["employers"] = {demo::kDemoEmployerBin, "150340004568"};
  const json first = Recorded(outreach, "employers");
  EXPECT_EQ(first["office"], "kzo-city");
  EXPECT_EQ(first["recorded_by"], "employers");
  EXPECT_EQ(first["employers"], (json{demo::kDemoEmployerBin, "150340004568"}));
  Recorded(Activity("consultation", "1.2", "employers"), "employers");
  // A fair for departure is held for job seekers; employers take part in it.
  Recorded(Activity("vacancy_fair", "4.1", "job_seekers"), "unit-head");
  Recorded(Activity("consultation", "4.2", "job_seekers"), "employment");
  auto within = Activity("consultation", "12.1", "job_seekers", Today());
  within["persons"] = {kPersonIin, demo::kDemoSeekerIin};
  within["notes"] = "Ауыл тұрғындары / жители аулов";
  const json last = Recorded(within, "head");
  EXPECT_EQ(last["persons"], (json{kPersonIin, demo::kDemoSeekerIin}));

  const json got =
      GetJson("/api/v1/activities/" + std::to_string(last["id"].get<int>()), "analyst");
  EXPECT_EQ(got, last);
  const json all = Items("?programme=voluntary-relocation", "employment");
  ASSERT_EQ(all.size(), 5u) << all;
  EXPECT_EQ(all[0]["ref"], "12.1");  // held latest
  EXPECT_EQ(Items("?kind=consultation", "employment").size(), 3u);
  EXPECT_EQ(Items("?kind=vacancy_fair", "employment")[0]["ref"], "4.1");
  EXPECT_EQ(Items("?from=" + Today() + "&to=" + Today(), "employment").size(), 1u);

  // On the audit chain in the same write, the people masked.
  EXPECT_EQ(Select("SELECT COUNT(*) FROM audit_events WHERE action = 'activity.record'"), "5");
  const std::string audit =
      Select("SELECT data FROM audit_events WHERE action = 'activity.record' AND entity_id = '" +
             std::to_string(last["id"].get<int>()) + "'");
  EXPECT_EQ(audit.find(kPersonIin), std::string::npos) << audit;
  EXPECT_NE(audit.find("12.1"), std::string::npos) << audit;
  auto verified = storage::VerifyAudit(api_.runtime().db());
  ASSERT_TRUE(verified.has_value());
  EXPECT_TRUE(verified->ok);
}

TEST_P(ActivityApiSuite, AFutureDateABadBinOrAMismatchedItemIsRefusedByField) {
  const Date today = OfficeDate(*api_.runtime().offices().Find("kzo-city"), api_.Now());
  const std::string tomorrow =
      FormatDate(Date{std::chrono::sys_days{today} + std::chrono::days(1)});
  auto future = Activity("outreach", "1.1", "employers", tomorrow);
  auto r = Post("/api/v1/activities", future, "employers");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(DetailKeys(r), (json{{"held_on", "field.in_future"}})) << r.body;

  auto bad_bin = Activity("outreach", "1.1", "employers");
  bad_bin["employers"] = {demo::kDemoEmployerBin, "080540001239"};
  r = Post("/api/v1/activities", bad_bin, "employers");
  EXPECT_EQ(r.status, 422) << r.body;
  const json keys = DetailKeys(r);
  EXPECT_EQ(keys.size(), 1u) << r.body;
  EXPECT_TRUE(keys.contains("employers[1]")) << r.body;

  auto bad_iin = Activity("consultation", "4.2", "job_seekers");
  bad_iin["persons"] = {"851102400348"};
  r = Post("/api/v1/activities", bad_iin, "employment");
  EXPECT_TRUE(DetailKeys(r).contains("persons[0]")) << r.body;

  // 4.2 is a consultation of job seekers, not a fair nor for employers.
  r = Post("/api/v1/activities", Activity("vacancy_fair", "4.2", "employers"), "employment");
  EXPECT_EQ(DetailKeys(r), (json{{"ref", "activity.ref_of_other_kind"},
                                 {"audience", "activity.audience_not_of_item"}}))
      << r.body;
  r = Post("/api/v1/activities", Activity("consultation", "2.1", "employers"), "employment");
  EXPECT_EQ(DetailKeys(r), (json{{"ref", "field.not_option"}})) << r.body;

  // Everything missing at once: each field named.
  r = Post("/api/v1/activities", json::object(), "employment");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(DetailKeys(r), (json{{"programme", "field.required"},
                                 {"kind", "field.required"},
                                 {"ref", "field.required"},
                                 {"audience", "field.required"},
                                 {"held_on", "field.required"},
                                 {"place", "field.required"},
                                 {"participants", "field.required"}}))
      << r.body;
  auto negative = Activity("consultation", "4.2", "job_seekers");
  negative["participants"] = -1;
  negative["notes"] = std::string(2001, 'x');
  r = Post("/api/v1/activities", negative, "employment");
  EXPECT_EQ(DetailKeys(r),
            (json{{"participants", "field.out_of_range"}, {"notes", "field.too_long"}}))
      << r.body;
  // A participant count below the people named.
  auto fewer = Activity("consultation", "4.2", "job_seekers");
  fewer["participants"] = 1;
  fewer["persons"] = {kPersonIin, demo::kDemoSeekerIin};
  r = Post("/api/v1/activities", fewer, "employment");
  EXPECT_EQ(DetailKeys(r), (json{{"participants", "field.too_small"}})) << r.body;

  EXPECT_EQ(Select("SELECT COUNT(*) FROM programme_activities"), "0");
  EXPECT_EQ(Select("SELECT COUNT(*) FROM audit_events WHERE action = 'activity.record'"), "0");
}

TEST_P(ActivityApiSuite, OnlyTheRecordingRolesRecord) {
  auto r = Post("/api/v1/activities", Activity("outreach", "1.1", "employers"), "clerk");
  EXPECT_EQ(r.status, 403) << r.body;
  r = Post("/api/v1/activities", Activity("outreach", "1.1", "employers"), "analyst");
  EXPECT_EQ(r.status, 403) << r.body;
  r = Post("/api/v1/activities", Activity("outreach", "1.1", "employers"), "seeker");
  EXPECT_EQ(r.status, 403) << r.body;
}

TEST_P(ActivityApiSuite, AnotherOfficeSeesNothingAndTheOblastSeesItsOffices) {
  const json city = Recorded(Activity("outreach", "1.1", "employers"), "employers");
  const json aral = Recorded(Activity("consultation", "12.1", "job_seekers"), "head2");
  EXPECT_EQ(aral["office"], "kzo-aral");
  const std::string city_path = "/api/v1/activities/" + std::to_string(city["id"].get<int>());

  // The Aral centre sees its own only; the city's record is not found, as a missing one.
  const json at_aral = Items("", "executor2");
  ASSERT_EQ(at_aral.size(), 1u) << at_aral;
  EXPECT_EQ(at_aral[0]["id"], aral["id"]);
  auto r = Get(city_path, "head2");
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(r.body, Get("/api/v1/activities/999999", "head2").body);
  EXPECT_TRUE(Items("?office=kzo-city", "head2").empty());
  // The city's staff see only the city's.
  const json at_city = Items("", "analyst");
  ASSERT_EQ(at_city.size(), 1u) << at_city;
  EXPECT_EQ(at_city[0]["id"], city["id"]);

  // The oblast department's staff see every office of the oblast, and may narrow to one.
  EXPECT_EQ(Items("", "oblast-head").size(), 2u);
  const json narrowed = Items("?office=kzo-aral", "oblast-executor");
  ASSERT_EQ(narrowed.size(), 1u);
  EXPECT_EQ(narrowed[0]["office"], "kzo-aral");
  EXPECT_EQ(GetJson(city_path, "oblast-clerk")["id"], city["id"]);
  // Applicants read none.
  EXPECT_EQ(Get("/api/v1/activities", "seeker").status, 403);
}

TEST_P(ActivityApiSuite, PagesFollowTheCursor) {
  for (const char* day : {"2026-11-02", "2026-11-10", "2026-11-10", "2026-11-16"}) {
    Recorded(Activity("consultation", "4.2", "job_seekers", day), "employment");
  }
  const json first = GetJson("/api/v1/activities?limit=3", "employment");
  ASSERT_EQ(first["items"].size(), 3u);
  ASSERT_TRUE(first["next_cursor"].is_string()) << first;
  const json second = GetJson(
      "/api/v1/activities?limit=3&cursor=" + first["next_cursor"].get<std::string>(), "employment");
  ASSERT_EQ(second["items"].size(), 1u) << second;
  EXPECT_EQ(second["items"][0]["held_on"], "2026-11-02");
  EXPECT_TRUE(second["next_cursor"].is_null());
  EXPECT_EQ(Get("/api/v1/activities?cursor=nonsense", "employment").status, 400);
  EXPECT_EQ(Get("/api/v1/activities?from=2026-11-20&to=2026-11-01", "employment").status, 400);
}

TEST_P(ActivityApiSuite, TheKindsAreServedFromTheReferenceFile) {
  const json kinds = GetJson("/api/v1/activity-kinds", "employment");
  ASSERT_EQ(kinds["kinds"].size(), 3u);
  EXPECT_EQ(kinds["kinds"][2]["code"], "vacancy_fair");
  EXPECT_EQ(kinds["audiences"][1]["name"]["ru"], "Соискатели");
  const json items = kinds["programmes"][0]["items"];
  ASSERT_EQ(items.size(), 5u);
  std::vector<std::string> refs;
  for (const auto& i : items) refs.push_back(i["ref"]);
  EXPECT_EQ(refs, (std::vector<std::string>{"1.1", "1.2", "4.1", "4.2", "12.1"}));
}

}  // namespace jumys::testing
