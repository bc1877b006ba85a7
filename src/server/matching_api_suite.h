#pragma once
// The job seeker's profile and matching over HTTP on both stores (matching_api_test.cpp,
// matching_api_pgtest.cpp): who reads and writes a profile, 422 per bad field, row_version,
// the audit trail; a seeker's ranked vacancies with reasons in three languages, never a
// vacancy that is not published or relevant, never another oblast for a non-mover; a
// vacancy's candidates for staff of its office only.
#include <nlohmann/json.hpp>

#include "server/testing/api_fixture.h"

namespace jumys::testing {

using json = nlohmann::json;

class MatchingApiSuite : public ApiFixture {
 protected:
  static constexpr const char* kSeeker = "900515300127";      // has the demo profile, no card
  static constexpr const char* kCitySeeker = "851102400347";  // a card at kzo-city
  static constexpr const char* kAralSeeker = "880722300562";  // a card at kzo-aral

  json Call(const std::string& method, const std::string& target, const std::string& as, int status,
            const json& body = nullptr) {
    auto r = api_.Call(method, target, body.is_null() ? "" : body.dump(), api_.Login(as));
    EXPECT_EQ(r.status, status) << method << " " << target << " as " << as << ": " << r.body;
    return json::parse(r.body, nullptr, false);
  }

  static json Profile() {
    return {{"occupations", json::array({"7"})},  // codes the shipped classifiers hold
            {"skills", json::array({"Дәнекерлеу"})},
            {"education", "vocational"},
            {"experience", json::array({{{"nkz", "7"}, {"years", 4}}})},
            {"languages", json::array({{{"code", "kk"}, {"level", "native"}}})},
            {"wage_tiyn", 300'000'00},
            {"working_times", json::array({"full_time"})},
            {"mobility", "none"},
            {"home_kato", "431010000"}};
  }

  // A vacancy written straight to the store: the vacancy routes are not this suite's subject.
  std::int64_t Vacancy(const std::string& title, const std::string& nkz, const std::string& kato,
                       std::int64_t wage_tiyn, const json& requirements,
                       const std::string& status = "published",
                       const std::string& next_change_at = "2099-01-01T00:00:00Z") {
    std::int64_t id = 0;
    const std::string now = FormatRfc3339(api_.Now());
    auto written = api_.runtime().db().Write([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(
          auto rows,
          tx.Query(
              "INSERT INTO vacancies (employer_bin, office_id, title, description, nkz, "
              "kato, wage_tiyn, working_time, workplaces, requirements, "
              "disability_suitable, status, relevant_since, next_change_at, created_by, "
              "created_at, updated_at) VALUES ('080540001238', 'kzo-city', $1, '', $2, $3, "
              "$4, 'full_time', 2, $5, 0, $6, $7, $8, 'employers', $7, $7) RETURNING id",
              {title, nkz, kato, wage_tiyn, requirements.dump(), status, now, next_change_at}));
      id = rows.Int(0, 0);
      return {};
    });
    EXPECT_TRUE(written.has_value()) << written.error().internal;
    return id;
  }

  // The demo's vacancies closed, so a test ranks only its own.
  void CloseDemoVacancies() {
    auto closed = api_.runtime().db().Write([](storage::Tx& tx) -> Status {
      return tx.ExecScript("UPDATE vacancies SET status = 'closed', next_change_at = NULL");
    });
    ASSERT_TRUE(closed.has_value()) << closed.error().internal;
  }

  static json Must(std::initializer_list<std::pair<const char*, const char*>> reqs) {
    json must = json::array();
    for (const auto& [kind, value] : reqs) must.push_back({{"kind", kind}, {"value", value}});
    return {{"must", must}};
  }

  static std::vector<std::string> Titles(const json& body) {
    std::vector<std::string> out;
    for (const auto& i : body["items"]) out.push_back(i["vacancy"]["title"]);
    return out;
  }

  std::vector<json> Audit(const std::string& action) {
    std::vector<json> out;
    auto read = api_.runtime().db().Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(
          auto rows, tx.Query("SELECT data, actor, entity_id FROM audit_events WHERE action = $1 "
                              "ORDER BY seq",
                              {action}));
      for (std::size_t r = 0; r < rows.size(); ++r) {
        json d = json::parse(rows.Text(r, 0));
        d["_actor"] = rows.Text(r, 1);
        d["_entity"] = rows.Text(r, 2);
        out.push_back(d);
      }
      return {};
    });
    EXPECT_TRUE(read.has_value());
    return out;
  }
};

TEST_P(MatchingApiSuite, StaffAndThePersonKeepTheProfileFromTheVersionRead) {
  const std::string path = std::string("/api/v1/people/") + kCitySeeker + "/profile";
  EXPECT_EQ(Call("GET", path, "employment", 404)["error"]["key"], "profile.not_found");
  const json created = Call("PUT", path, "employment", 201, Profile());
  EXPECT_EQ(created["row_version"], 1);
  EXPECT_EQ(created["occupations"], json::array({"7"}));
  EXPECT_EQ(created["skills"], json::array({"Дәнекерлеу"}));
  EXPECT_EQ(created["mobility"], "none");
  EXPECT_EQ(created["updated_by"], "employment");
  // Creating over it, or editing from an old version, is refused.
  EXPECT_EQ(Call("PUT", path, "clerk", 409, Profile())["error"]["key"], "profile.exists");
  json edit = Profile();
  edit["row_version"] = 1;
  edit["wage_tiyn"] = 280'000'00;
  const json edited = Call("PUT", path, "clerk", 200, edit);
  EXPECT_EQ(edited["row_version"], 2);
  EXPECT_EQ(edited["wage_tiyn"], 280'000'00);
  EXPECT_EQ(Call("PUT", path, "executor", 409, edit)["error"]["key"], "profile.changed");
  EXPECT_EQ(Call("GET", path, "head", 200)["wage_tiyn"], 280'000'00);
  // Another district's staff do not see the person at all; a head reads but does not write.
  EXPECT_EQ(Call("GET", path, "clerk2", 404)["error"]["key"], "person.not_found");
  Call("PUT", path, "head", 403, Profile());
  // The chain says who changed which parts, not what they now say.
  const auto events = Audit("profile.update");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["fields"], json::array({"wage_tiyn"}));
  EXPECT_EQ(events[0]["_actor"], "clerk");
  EXPECT_EQ(Audit("profile.create").size(), 1u);
}

TEST_P(MatchingApiSuite, TheSeekerEditsTheirOwnProfileFromTheCabinetAndNobodyElses) {
  const std::string own = std::string("/api/v1/people/") + kSeeker + "/profile";
  json mine = Call("GET", own, "seeker", 200);
  EXPECT_EQ(mine["home_kato"], "431010000");  // the demo profile
  mine["mobility"] = "anywhere";
  mine["disability"] = true;
  mine["adaptations"] = json::array({"пандус"});
  const json saved = Call("PUT", own, "seeker", 200, mine);
  EXPECT_EQ(saved["mobility"], "anywhere");
  EXPECT_EQ(saved["adaptations"], json::array({"пандус"}));
  EXPECT_EQ(Call("GET", std::string("/api/v1/people/") + kCitySeeker + "/profile", "seeker",
                 404)["error"]["key"],
            "person.not_found");
  Call("PUT", std::string("/api/v1/people/") + kCitySeeker + "/profile", "seeker", 404, Profile());
}

TEST_P(MatchingApiSuite, EachBadFieldIsNamedAndNothingIsStored) {
  const std::string path = std::string("/api/v1/people/") + kCitySeeker + "/profile";
  json bad = Profile();
  bad["occupations"] = json::array({"72a", "7", "7"});
  bad["education"] = "phd";
  bad["experience"] = json::array({{{"nkz", "7"}, {"years", 99}}});
  bad["languages"] = json::array({{{"code", "kk"}, {"level", "perfect"}}});
  bad["wage_tiyn"] = -1;
  bad["working_times"] = json::array({"nights"});
  bad["mobility"] = "sometimes";
  bad["home_kato"] = "4310";
  bad["driving_licences"] = json::array({"Z"});
  bad["adaptations"] = json::array({"пандус"});  // without a disability
  const json body = Call("PUT", path, "employment", 422, bad);
  EXPECT_EQ(body["error"]["key"], "data.invalid");
  std::vector<std::string> fields;
  for (const auto& d : body["error"]["details"]) fields.push_back(d["field"]);
  EXPECT_EQ(fields, (std::vector<std::string>{"occupations[0]", "occupations[2]", "education",
                                              "experience[0].years", "languages[0].level",
                                              "wage_tiyn", "working_times[0]", "mobility",
                                              "home_kato", "driving_licences[0]", "adaptations"}));
  EXPECT_EQ(Call("PUT", path, "employment", 422, json::object())["error"]["details"].size(), 3u);
  EXPECT_EQ(Call("GET", path, "employment", 404)["error"]["key"], "profile.not_found");
  EXPECT_EQ(Audit("profile.create").size(), 0u);
}

TEST_P(MatchingApiSuite, TheProfilesCodesAreCodesOfTheLoadedClassifiers) {
  const std::string path = std::string("/api/v1/people/") + kCitySeeker + "/profile";
  json unknown = Profile();
  unknown["occupations"] = json::array({"7", "7212"});  // the shipped NKZ has major groups only
  unknown["experience"] = json::array({{{"nkz", "9999"}, {"years", 1}}});
  unknown["home_kato"] = "431010001";
  const json body = Call("PUT", path, "employment", 422, unknown);
  EXPECT_EQ(body["error"]["key"], "data.invalid");
  std::vector<std::pair<std::string, std::string>> details;
  for (const auto& d : body["error"]["details"]) details.emplace_back(d["field"], d["key"]);
  EXPECT_EQ(details, (std::vector<std::pair<std::string, std::string>>{
                         {"occupations[1]", "field.unknown_code"},
                         {"experience[0].nkz", "field.unknown_code"},
                         {"home_kato", "field.unknown_code"}}))
      << body;
  EXPECT_EQ(body["error"]["details"][2]["params"]["classifier"], "kato") << body;
  EXPECT_EQ(Call("GET", path, "employment", 404)["error"]["key"], "profile.not_found");
  // A code withdrawn by an import is refused too.
  auto withdrawn = api_.runtime().db().Write([](storage::Tx& tx) -> Status {
    return tx.ExecScript("UPDATE reference_codes SET active = 0 WHERE kind = 'nkz' AND code = '7'");
  });
  ASSERT_TRUE(withdrawn.has_value());
  EXPECT_EQ(Call("PUT", path, "employment", 422, Profile())["error"]["details"][0]["key"],
            "field.unknown_code");
  // With no KATO loaded at all, the place cannot be checked, and says so.
  auto emptied = api_.runtime().db().Write([](storage::Tx& tx) -> Status {
    return tx.ExecScript(
        "UPDATE reference_codes SET active = CASE WHEN kind = 'kato' THEN 0 ELSE 1 END");
  });
  ASSERT_TRUE(emptied.has_value());
  const json empty = Call("PUT", path, "employment", 422, Profile());
  ASSERT_EQ(empty["error"]["details"].size(), 1u) << empty;
  EXPECT_EQ(empty["error"]["details"][0]["field"], "home_kato");
  EXPECT_EQ(empty["error"]["details"][0]["key"], "field.classifier_empty");
  EXPECT_EQ(Audit("profile.create").size(), 0u);
}

TEST_P(MatchingApiSuite, TheSeekersVacanciesComeRankedWithReasonsAndNeverTheWrongOnes) {
  CloseDemoVacancies();
  // The demo seeker: craft work (7) or driving (8), within the oblast, from 250 000 tenge,
  // driving licences B and C, Kazakh and Russian.
  Vacancy("Full match", "7", "431010000", 300'000'00,
          Must({{"driving_licence", "C"}, {"language", "kk"}}));
  Vacancy("Partial match", "7", "431010000", 300'000'00,
          Must({{"driving_licence", "D"}, {"language", "kk"}}));
  Vacancy("In Aral", "8", "433200000", 260'000'00, json::object());
  Vacancy("Astana", "7", "711000000", 900'000'00, json::object());  // another oblast
  Vacancy("Stale", "7", "431010000", 300'000'00, json::object(), "stale");
  Vacancy("Expired", "7", "431010000", 300'000'00, json::object(), "expired");
  Vacancy("Closed", "7", "431010000", 300'000'00, json::object(), "closed");
  Vacancy("Draft", "7", "431010000", 300'000'00, json::object(), "draft");
  Vacancy("Unswept", "7", "431010000", 300'000'00, json::object(), "published",
          "2020-01-01T00:00:00Z");  // its relevance ran out; no sweep has marked it yet
  Vacancy("Teacher", "2", "431010000", 900'000'00, json::object());  // not a desired group
  const std::string path = std::string("/api/v1/people/") + kSeeker + "/matches";
  const json body = Call("GET", path, "seeker", 200);
  EXPECT_EQ(Titles(body), (std::vector<std::string>{"Full match", "In Aral", "Partial match"}));
  const json& first = body["items"][0];
  EXPECT_EQ(first["vacancy"]["employer"]["bin"], "080540001238");
  EXPECT_GT(first["score"].get<int>(), body["items"][2]["score"].get<int>());
  const json& partial = body["items"][2]["reasons"][1];
  EXPECT_EQ(partial["factor"], "must");
  EXPECT_EQ(partial["met"], false);
  EXPECT_EQ(partial["text"]["en"], "1 of 2 must-have requirements met; missing: driving licence D");
  EXPECT_EQ(partial["text"]["ru"],
            "Выполнено 1 из 2 обязательных требований; не хватает: водительские права D");
  EXPECT_EQ(partial["text"]["kk"],
            "2 міндетті талаптың 1 орындалды; жетіспейді: жүргізуші куәлігі D");
  const json& place = first["reasons"][3];  // the settlement by its name from reference data
  EXPECT_EQ(place["factor"], "place");
  EXPECT_EQ(place["text"]["ru"], "В вашем населённом пункте (город Кызылорда)");
  // Staff of the person's office see the same; ?limit cuts the list; a bad limit is 400.
  EXPECT_EQ(Titles(Call("GET", path + "?limit=1", "employment", 200)),
            (std::vector<std::string>{"Full match"}));
  Call("GET", path + "?limit=0", "employment", 400);
  EXPECT_EQ(Call("GET", path, "clerk2", 404)["error"]["key"], "person.not_found");
  // Willing to move anywhere, the seeker gets Astana too.
  json profile = Call("GET", std::string("/api/v1/people/") + kSeeker + "/profile", "seeker", 200);
  profile["mobility"] = "anywhere";
  Call("PUT", std::string("/api/v1/people/") + kSeeker + "/profile", "seeker", 200, profile);
  const auto moved = Titles(Call("GET", path, "seeker", 200));
  EXPECT_NE(std::find(moved.begin(), moved.end(), "Astana"), moved.end());
  EXPECT_EQ(moved.size(), 4u);
  // Without a profile there is nothing to match.
  EXPECT_EQ(Call("GET", std::string("/api/v1/people/") + kCitySeeker + "/matches", "employment",
                 404)["error"]["key"],
            "profile.not_found");
}

TEST_P(MatchingApiSuite, AVacancysCandidatesAreActiveSeekersTheCallerSees) {
  CloseDemoVacancies();
  const std::string city = std::string("/api/v1/people/") + kCitySeeker + "/profile";
  Call("PUT", city, "employment", 201, Profile());
  json aral = Profile();
  aral["home_kato"] = "433200000";
  aral["mobility"] = "oblast";
  Call("PUT", std::string("/api/v1/people/") + kAralSeeker + "/profile", "clerk2", 201, aral);
  const auto welder = Vacancy("Welder", "7212", "431010000", 320'000'00,
                              Must({{"skill", "дәнекерлеу"}, {"experience", "3"}}));
  const json body =
      Call("GET", "/api/v1/vacancies/" + std::to_string(welder) + "/matches", "employment", 200);
  // The demo seeker has a profile but no card; the Aral seeker's card is another office's.
  ASSERT_EQ(body["items"].size(), 1u);
  EXPECT_EQ(body["items"][0]["person"]["iin"], kCitySeeker);
  EXPECT_EQ(body["items"][0]["reasons"][1]["met"], true);
  // Oblast staff see both districts' seekers, the nearer first.
  const json oblast =
      Call("GET", "/api/v1/vacancies/" + std::to_string(welder) + "/matches", "oblast-clerk", 200);
  ASSERT_EQ(oblast["items"].size(), 2u);
  EXPECT_EQ(oblast["items"][0]["person"]["iin"], kCitySeeker);
  EXPECT_EQ(oblast["items"][1]["person"]["iin"], kAralSeeker);
  // Aral's staff do not see a city vacancy; for a job seeker it is not there either.
  EXPECT_EQ(Call("GET", "/api/v1/vacancies/" + std::to_string(welder) + "/matches", "clerk2",
                 404)["error"]["key"],
            "vacancy.not_found");
  EXPECT_EQ(Call("GET", "/api/v1/vacancies/" + std::to_string(welder) + "/matches", "seeker",
                 404)["error"]["key"],
            "vacancy.not_found");
  EXPECT_EQ(Call("GET", "/api/v1/vacancies/999999/matches", "employment", 404)["error"]["key"],
            "vacancy.not_found");
  // A closed vacancy has no candidates.
  const auto closed = Vacancy("Closed", "7212", "431010000", 320'000'00, json::object(), "closed");
  EXPECT_TRUE(Call("GET", "/api/v1/vacancies/" + std::to_string(closed) + "/matches", "employment",
                   200)["items"]
                  .empty());
}

}  // namespace jumys::testing
