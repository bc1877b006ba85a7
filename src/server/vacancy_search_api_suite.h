#pragma once
// Public vacancy search over HTTP on both stores (vacancy_search_api_test.cpp,
// vacancy_search_api_pgtest.cpp): no sign-in needed, only public fields leave, pages follow
// next_cursor, bad parameters get the API's error shape.
#include <nlohmann/json.hpp>
#include <set>

#include "server/testing/api_fixture.h"
#include "services/demo/demo_data.h"
#include "services/vacancies/vacancy_service.h"

namespace jumys::testing {

class VacancySearchApiSuite : public ApiFixture {
 protected:
  std::int64_t Publish(const std::string& title, const std::string& kato) {
    vacancies::VacancyService service(api_.runtime().db(), api_.runtime().offices(), {},
                                      [this] { return api_.Now(); });
    vacancies::VacancyDraft d;
    d.employer_bin = demo::kDemoEmployerBin;
    d.title = title;
    d.description = "Қызылорда, ауысымдық кесте";
    d.nkz = "7212";
    d.kato = kato;
    d.wage_tiyn = 350'000'00;
    d.working_time = "shift";
    d.workplaces = 2;
    d.requirements = {{"must", {{{"kind", "skill"}, {"value", "secret-ish"}}}}};
    d.programme = "P2";
    Actor employer;
    employer.user_id = 1;
    employer.login = "employer";
    employer.applicant = true;
    employer.bin = demo::kDemoEmployerBin;
    employer.roles.Add(Role::kEmployer);
    auto v = service.Create(employer, d);
    if (!v) throw std::runtime_error(v.error().key);
    auto p = service.Act(employer, v->id, VacancyAction::kPublish);
    if (!p) throw std::runtime_error(p.error().key);
    return v->id;
  }
  nlohmann::json Get(const std::string& target, int status = 200) {
    auto r = api_.Call("GET", target, "", "");
    EXPECT_EQ(r.status, status) << target << " " << r.body;
    return nlohmann::json::parse(r.body, nullptr, false);
  }
};

TEST_P(VacancySearchApiSuite, AnyoneSearchesAndSeesOnlyThePublicFields) {
  const auto city = Publish("Сварщик", "431010000");
  const auto aral = Publish("Сварщик-арматурщик", "433220100");
  const auto body = Get("/api/v1/vacancies?q=%D0%A1%D0%92%D0%90%D0%A0&kato=431&nkz=72");
  ASSERT_EQ(body["items"].size(), 1u) << body.dump();
  const auto& v = body["items"][0];
  EXPECT_EQ(v["id"], city);
  std::set<std::string> keys;
  for (const auto& [k, _] : v.items()) keys.insert(k);
  EXPECT_EQ(keys, (std::set<std::string>{"id", "title", "nkz", "kato", "employer", "wage",
                                         "workplaces", "working_time", "disability_suitable",
                                         "programme", "published_at", "place", "occupation"}));
  EXPECT_EQ(v["programme"], "P2");  // public: a seeker learns the programme behind the offer
  EXPECT_EQ(v["employer"]["bin"], demo::kDemoEmployerBin);
  EXPECT_TRUE(v["employer"]["name"].is_string());
  EXPECT_EQ(v["employer"].size(), 2u);
  EXPECT_EQ(v["wage"], (nlohmann::json{{"amount", 350'000'00}, {"currency", "KZT"}}));
  EXPECT_EQ(v["workplaces"], 2);
  EXPECT_EQ(v["place"]["ru"], "город Кызылорда") << v.dump();
  EXPECT_TRUE(v["occupation"].is_null());  // the shipped NKZ has the major groups only
  EXPECT_TRUE(body["next_cursor"].is_null());

  // nkz=72 leaves out the demo vacancies, whose codes are major groups.
  const auto first = Get("/api/v1/vacancies?nkz=72&limit=1");
  ASSERT_EQ(first["items"].size(), 1u);
  EXPECT_EQ(first["items"][0]["id"], aral);
  ASSERT_TRUE(first["next_cursor"].is_string());
  const auto second =
      Get("/api/v1/vacancies?nkz=72&limit=1&cursor=" + first["next_cursor"].get<std::string>());
  ASSERT_EQ(second["items"].size(), 1u);
  EXPECT_EQ(second["items"][0]["id"], city);
  EXPECT_TRUE(second["next_cursor"].is_null());
}

TEST_P(VacancySearchApiSuite, BadParametersGetTheErrorShape) {
  const auto bad = Get("/api/v1/vacancies?nkz=x&wage_min=9&wage_max=1", 422);
  EXPECT_EQ(bad["error"]["key"], "data.invalid");
  ASSERT_EQ(bad["error"]["details"].size(), 2u) << bad.dump();
  EXPECT_EQ(bad["error"]["details"][0]["field"], "nkz");
  EXPECT_EQ(bad["error"]["details"][0]["key"], "field.code_prefix");
  EXPECT_EQ(bad["error"]["details"][1]["key"], "field.wage_range");
  EXPECT_EQ(Get("/api/v1/vacancies?cursor=abc", 400)["error"]["details"][0]["key"],
            "field.bad_cursor");
  EXPECT_EQ(Get("/api/v1/vacancies?limit=1000", 400)["error"]["code"], "invalid_input");
}

}  // namespace jumys::testing
