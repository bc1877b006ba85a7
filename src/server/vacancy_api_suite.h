#pragma once
// The vacancy bank over HTTP on both stores (vacancy_api_test.cpp, vacancy_api_pgtest.cpp):
// a specialist enters and publishes, the public reads only what is published, an employer
// schedules and confirms, time's changes by the sweep with the harness clock, the managed
// list by scope and status, and who may do what.
#include <map>
#include <nlohmann/json.hpp>

#include "server/testing/api_fixture.h"
#include "services/demo/demo_data.h"
#include "services/demo/demo_vacancies.h"

namespace jumys::testing {

using json = nlohmann::json;

class VacancyApiSuite : public ApiFixture {
 protected:
  static constexpr const char* kSyrQurylys = "150340004568";  // a city employer
  static constexpr const char* kAralTuz = "111240007891";     // an Aral employer

  static json Welder(const std::string& bin = kSyrQurylys) {
    return {{"employer_bin", bin},
            {"title", "Дәнекерлеуші / Сварщик"},
            {"description", "Металл конструкциялар"},
            {"nkz", "7"},
            {"kato", "431010000"},
            {"wage", {{"amount", 320'000'00}, {"currency", "KZT"}}},
            {"working_time", "full_time"},
            {"workplaces", 2},
            {"requirements",
             {{"must", {{{"kind", "skill"}, {"value", "электросварка"}}}},
              {"nice", {{{"kind", "experience"}, {"value", "1"}}}}}},
            {"disability_suitable", true}};
  }
  // Signed in once each before a test counts audit events (a sign-in is one); again after the
  // clock moved past a session's life.
  VacancyApiSuite() { SignIn(); }
  void SignIn() {
    for (const char* login :
         {"employers", "employer", "clerk", "clerk2", "seeker", "oblast-clerk"}) {
      tokens_[login] = api_.Login(login);
    }
  }
  json Call(const std::string& method, const std::string& target, const std::string& as,
            const json& body, int status) {
    auto r = api_.Call(method, target, body.is_null() ? "" : body.dump(),
                       as.empty() ? "" : tokens_.at(as));
    EXPECT_EQ(r.status, status) << method << " " << target << " as " << as << ": " << r.body;
    return json::parse(r.body, nullptr, false);
  }
  json Create(const std::string& as, const json& body) {
    return Call("POST", "/api/v1/vacancies", as, body, 201);
  }
  std::string Path(const json& v, const std::string& tail = "") {
    return "/api/v1/vacancies/" + std::to_string(v["id"].get<std::int64_t>()) + tail;
  }
  json Managed(const std::string& as, const std::string& query = "") {
    return Call("GET", "/api/v1/vacancies/managed" + query, as, nullptr, 200);
  }
  std::int64_t Swept() {
    auto n = api_.runtime().vacancies().Sweep();
    EXPECT_TRUE(n.has_value());
    return n ? *n : -1;
  }
  std::map<std::string, std::string> tokens_;
  static std::vector<std::string> Fields(const json& error) {
    std::vector<std::string> out;
    for (const auto& d : error["error"]["details"]) out.push_back(d["field"]);
    return out;
  }
};

TEST_P(VacancyApiSuite, ASpecialistEntersAndPublishesAndOnlyThenThePublicSeesIt) {
  const auto before = AuditCount();
  const json draft = Create("employers", Welder());
  EXPECT_EQ(draft["status"], "draft");
  EXPECT_EQ(draft["employer"]["bin"], kSyrQurylys);
  EXPECT_EQ(draft["employer"]["name"], "«Сыр Құрылыс» ЖШС / ТОО «Сыр Курылыс»");
  EXPECT_EQ(draft["wage"], json({{"amount", 320'000'00}, {"currency", "KZT"}}));
  EXPECT_EQ(draft["office_id"], "kzo-city");
  EXPECT_EQ(draft["requirements"]["must"][0]["value"], "электросварка");
  EXPECT_TRUE(draft["published_at"].is_null());
  // A draft is not the public's, nor another employer's: the same 404 as a missing one.
  EXPECT_EQ(Call("GET", Path(draft), "", nullptr, 404)["error"]["key"], "vacancy.not_found");
  EXPECT_EQ(Call("GET", Path(draft), "employer", nullptr, 404)["error"]["key"],
            "vacancy.not_found");
  EXPECT_EQ(Call("GET", Path(draft), "clerk", nullptr, 200)["status"], "draft");  // office staff

  const json published = Call("POST", Path(draft, "/publish"), "employers", nullptr, 200);
  EXPECT_EQ(published["status"], "published");
  EXPECT_EQ(published["published_at"], FormatRfc3339(api_.Now()));
  const json seen = Call("GET", Path(draft), "", nullptr, 200);
  EXPECT_FALSE(seen.contains("status"));  // the public shape: no state, no version
  EXPECT_FALSE(seen.contains("row_version"));
  EXPECT_EQ(seen["title"], "Дәнекерлеуші / Сварщик");
  EXPECT_EQ(seen["employer"]["name"], "«Сыр Құрылыс» ЖШС / ТОО «Сыр Курылыс»");
  EXPECT_EQ(seen["disability_suitable"], true);
  EXPECT_EQ(Call("GET", Path(draft), "seeker", nullptr, 200).contains("status"), false);
  EXPECT_EQ(AuditCount(), before + 2);  // vacancy.create, vacancy.publish

  // Published, it is no longer edited; an Aral clerk does not learn it exists.
  json edit = Welder();
  edit["row_version"] = published["row_version"];
  EXPECT_EQ(Call("PUT", Path(draft), "employers", edit, 409)["error"]["key"], "vacancy.not_draft");
  EXPECT_EQ(Call("PUT", Path(draft), "clerk2", edit, 404)["error"]["key"], "vacancy.not_found");
  EXPECT_EQ(Call("PUT", Path(draft), "clerk", edit, 403)["error"]["key"], "access.role");
  EXPECT_EQ(Call("POST", Path(draft, "/close"), "employers", nullptr, 200)["status"], "closed");
  EXPECT_EQ(Call("GET", Path(draft), "", nullptr, 404)["error"]["key"], "vacancy.not_found");
  EXPECT_EQ(Call("POST", Path(draft, "/confirm"), "employers", nullptr, 409)["error"]["key"],
            "vacancy.action_not_allowed");
}

TEST_P(VacancyApiSuite, ABadEntryNamesEveryBadFieldAndStoresNothing) {
  const auto before = AuditCount();
  json bad = Welder();
  bad["title"] = "  ";
  bad["nkz"] = "7x";
  bad["kato"] = "4310";
  bad["working_time"] = "weekends";
  bad["workplaces"] = 0;
  bad["requirements"] = {{"must", {{{"kind", "zodiac"}, {"value", "leo"}}}}};
  const json e = Call("POST", "/api/v1/vacancies", "employers", bad, 422);
  EXPECT_EQ(e["error"]["key"], "data.invalid");
  EXPECT_EQ(Fields(e), (std::vector<std::string>{"title", "nkz", "kato", "working_time",
                                                 "workplaces", "requirements.must[0]"}));
  bad = Welder();
  bad["wage"] = {{"amount", 100}, {"currency", "USD"}};
  EXPECT_EQ(Fields(Call("POST", "/api/v1/vacancies", "employers", bad, 422)),
            (std::vector<std::string>{"wage.currency"}));
  bad.erase("wage");
  EXPECT_EQ(Call("POST", "/api/v1/vacancies", "employers", bad, 400)["error"]["code"],
            "invalid_input");
  EXPECT_EQ(
      Call("POST", "/api/v1/vacancies", "employers", Welder("999999999999"), 404)["error"]["key"],
      "employer.not_found");
  // Not the specialist's office's employer; a clerk is no employer-interaction specialist.
  EXPECT_EQ(Call("POST", "/api/v1/vacancies", "employers", Welder(kAralTuz), 403)["error"]["key"],
            "vacancy.not_yours");
  EXPECT_EQ(Call("POST", "/api/v1/vacancies", "clerk", Welder(), 403)["error"]["key"],
            "access.role");
  EXPECT_EQ(AuditCount(), before);
}

TEST_P(VacancyApiSuite, AnEmployerSchedulesEditsAndConfirmsItsOwn) {
  // The employer's own BIN counts, whatever the body names.
  const json draft = Create("employer", Welder(kAralTuz));
  EXPECT_EQ(draft["employer"]["bin"], demo::kDemoEmployerBin);
  json edit = Welder();
  edit["title"] = "Аға дәнекерлеуші / Старший сварщик";
  edit["row_version"] = draft["row_version"];
  const json edited = Call("PUT", Path(draft), "employer", edit, 200);
  EXPECT_EQ(edited["title"], "Аға дәнекерлеуші / Старший сварщик");
  EXPECT_EQ(Call("PUT", Path(draft), "employer", edit, 409)["error"]["key"], "vacancy.changed");

  const Instant at = api_.Now() + std::chrono::hours(48);
  const json scheduled =
      Call("POST", Path(draft, "/publish"), "employer", {{"publish_at", FormatRfc3339(at)}}, 200);
  EXPECT_EQ(scheduled["status"], "scheduled");
  EXPECT_EQ(scheduled["publish_at"], FormatRfc3339(at));
  EXPECT_EQ(Call("POST", Path(draft, "/publish"), "employer", {{"publish_at", "tomorrow"}},
                 422)["error"]["details"][0]["field"],
            "publish_at");
  EXPECT_EQ(Call("GET", Path(draft), "", nullptr, 404)["error"]["key"], "vacancy.not_found");

  // Two days on the sweep publishes it, dated when it fell due.
  api_.Advance(std::chrono::hours(49));
  ASSERT_EQ(Swept(), 1);
  EXPECT_EQ(Call("GET", Path(draft), "", nullptr, 200)["published_at"], FormatRfc3339(at));

  // Past the (demo) relevance period it is stale: hidden, and on the specialist's list.
  api_.Advance(std::chrono::hours(24 * (demo::kDemoRelevance.confirm_every_days + 1)));
  EXPECT_EQ(Call("GET", Path(draft), "", nullptr, 404)["error"]["key"], "vacancy.not_found");
  EXPECT_GE(Swept(), 1);  // the demo's published ones go stale too
  SignIn();
  const json stale = Managed("employers", "?status=stale");
  bool listed = false;
  for (const auto& v : stale["items"]) listed = listed || v["id"] == draft["id"];
  EXPECT_TRUE(listed) << stale.dump();
  const json confirmed = Call("POST", Path(draft, "/confirm"), "employer", nullptr, 200);
  EXPECT_EQ(confirmed["status"], "published");
  EXPECT_EQ(confirmed["published_at"], FormatRfc3339(api_.Now()));
  EXPECT_TRUE(confirmed["stale_since"].is_null());
  EXPECT_EQ(Call("GET", Path(draft), "", nullptr, 200)["id"], draft["id"]);
}

// P2's subsidised vacancy over HTTP: published "after 3 working days" it is scheduled for the
// office's opening on the day GET /api/v1/calendar/deadline?limit=3wd gives for the same request.
TEST_P(VacancyApiSuite, AVacancyPublishedAfterThreeWorkingDaysGoesLiveThatMorning) {
  api_.Advance(std::chrono::hours(24 * 3));  // the harness's Thursday, 10:00 local
  SignIn();
  json body = Welder();
  body["programme"] = "P2";
  body["contract_id"] = 12;
  const json draft = Create("employer", body);
  EXPECT_EQ(draft["contract_id"], 12);
  const std::string from = FormatRfc3339(api_.Now());
  const json due =
      Call("GET", "/api/v1/calendar/deadline?office=kzo-city&from=" + from + "&limit=3wd",
           "employer", nullptr, 200);
  const json scheduled =
      Call("POST", Path(draft, "/publish"), "employer", {{"after_working_days", 3}}, 200);
  EXPECT_EQ(scheduled["status"], "scheduled");
  // Due at 18:30 local (13:30Z) that day; live at 09:00 local (04:00Z) the same day.
  const std::string due_at = due["due_at"];
  ASSERT_EQ(due_at.substr(10), "T13:30:00Z") << due.dump();
  EXPECT_EQ(scheduled["publish_at"], due_at.substr(0, 10) + "T04:00:00Z");
  EXPECT_EQ(Call("GET", Path(draft), "", nullptr, 404)["error"]["key"], "vacancy.not_found");
  EXPECT_EQ(Call("POST", Path(draft, "/publish"), "employer", {{"after_working_days", 0}},
                 422)["error"]["details"][0]["field"],
            "after_working_days");
}

TEST_P(VacancyApiSuite, TheManagedListIsTheCallersScopeWithCountsByStatus) {
  // The demo bank: 8 published and 1 stale in the city, 4 published and 1 scheduled in Aral.
  const json city = Managed("employers");
  EXPECT_EQ(city["counts"], json({{"draft", 0},
                                  {"scheduled", 0},
                                  {"published", 8},
                                  {"stale", 1},
                                  {"closed", 0},
                                  {"expired", 0}}));
  EXPECT_EQ(city["items"].size(), 9u);
  for (const auto& v : city["items"]) EXPECT_EQ(v["office_id"], "kzo-city");
  const json stale = Managed("employers", "?status=stale");
  ASSERT_EQ(stale["items"].size(), 1u);
  EXPECT_EQ(stale["items"][0]["status"], "stale");
  EXPECT_EQ(stale["counts"]["published"], 8);  // the counts do not follow the filter

  const json aral = Managed("clerk2");
  EXPECT_EQ(aral["counts"]["published"], 4);
  EXPECT_EQ(aral["counts"]["scheduled"], 1);
  EXPECT_EQ(Managed("oblast-clerk")["items"].size(), 14u);  // the oblast sees both
  EXPECT_EQ(Managed("oblast-clerk", "?bin=" + std::string(kAralTuz))["items"].size(), 3u);

  const json own = Managed("employer");  // Арал Балық: its four
  EXPECT_EQ(own["items"].size(), 4u);
  for (const auto& v : own["items"]) EXPECT_EQ(v["employer"]["bin"], demo::kDemoEmployerBin);
  EXPECT_EQ(Managed("employer", "?bin=" + std::string(kSyrQurylys))["items"].size(), 0u);

  EXPECT_EQ(Call("GET", "/api/v1/vacancies/managed?status=open", "clerk", nullptr,
                 400)["error"]["details"][0]["field"],
            "status");
  EXPECT_EQ(Call("GET", "/api/v1/vacancies/managed", "seeker", nullptr, 403)["error"]["key"],
            "access.role");
  EXPECT_EQ(Call("GET", "/api/v1/vacancies/managed", "", nullptr, 401)["error"]["code"],
            "unauthenticated");
}

}  // namespace jumys::testing
