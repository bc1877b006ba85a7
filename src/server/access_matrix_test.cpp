// Walks every route x every demo account (every role, three offices, both applicants) and
// proves that roles are enforced and nothing leaks across offices or between applicants.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "server/testing/api_harness.h"

namespace jumys::testing {
namespace {

using nlohmann::json;

struct Account {
  std::string login;
  std::string office;  // "" for applicants
};

struct Sample {
  std::string target;
  std::string body;
  std::string content_type = "application/json";
  // A route whose call uses its resource up (completing a task) gets a fresh one per call.
  std::function<std::string()> fresh_target = {};
  // Replaces the scope rule for a route whose answer depends on more than the scope (filing
  // a case, completing a task, listing): checks the response of a caller the roles admit.
  std::function<void(const Account&, const http::HttpResponse&)> check = {};
};

// A city case (S1 at kzo-city, applicant 851102400347) refused at intake for a missing
// identity document, so it has a result document.
json CityCase(ApiHarness& api) {
  auto r = api.Call("POST", "/api/v1/cases",
                    R"({"process":"job-seeker-registration","channel":"office",)"
                    R"("applicant":{"iin":"851102400347"},"documents":[{"type":"application"}]})",
                    api.Login("clerk"));
  if (r.status != 201) throw std::runtime_error("sample case: " + r.body);
  return json::parse(r.body);
}

// The task of a new city case that a city clerk completes with "accepted".
std::string FreshClerkTask(ApiHarness& api, const std::string& clerk_token) {
  auto r = api.Call("POST", "/api/v1/cases",
                    R"({"process":"job-seeker-registration","channel":"office",)"
                    R"("applicant":{"iin":"851102400347"},"documents":[{"type":"application"},)"
                    R"({"type":"identity_document","valid_until":"2030-01-01"}]})",
                    clerk_token);
  if (r.status != 201) throw std::runtime_error("sample task: " + r.body);
  return "/api/v1/tasks/" + std::to_string(json::parse(r.body)["tasks"][0]["id"].get<int>()) +
         "/complete";
}

// Files a case as `filer` and completes its tasks in turn (login, outcome, data JSON); the case
// as it stands after the last turn.
using Turns = std::vector<std::tuple<std::string, std::string, std::string>>;
json WorkSampleCase(ApiHarness& api, const std::string& filer, const std::string& filing,
                    const Turns& turns) {
  auto r = api.Call("POST", "/api/v1/cases", filing, api.Login(filer));
  if (r.status != 201) throw std::runtime_error("sample case: " + r.body);
  json kase = json::parse(r.body);
  for (const auto& [login, outcome, data] : turns) {
    const std::string task = std::to_string(kase["tasks"].back()["id"].get<int>());
    r = api.Call("POST", "/api/v1/tasks/" + task + "/complete",
                 R"({"outcome":")" + outcome + R"(","data":)" + data + "}", api.Login(login));
    if (r.status != 200) throw std::runtime_error("sample case: " + r.body);
    kase = json::parse(r.body);
  }
  return kase;
}

// The open signing task (6.5, the city head's) of a new city case.
std::string CitySigningTask(ApiHarness& api) {
  json kase =
      WorkSampleCase(api, "clerk",
                     R"({"process":"job-seeker-registration","channel":"office",)"
                     R"("applicant":{"iin":"851102400347"},"documents":[{"type":"application"},)"
                     R"({"type":"identity_document","valid_until":"2030-01-01"}]})",
                     {{"clerk", "accepted", "{}"},
                      {"head", "assigned", R"({"assignee":"executor"})"},
                      {"executor", "approve", "{}"}});
  return std::to_string(kase["tasks"].back()["id"].get<int>());
}

// The verification code of a document the store holds.
std::string SomeVerificationCode(ApiHarness& api) {
  std::string code;
  auto read = api.runtime().db().Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT verification_code FROM documents LIMIT 1"));
    if (!rows.empty()) code = rows.Text(0, 0);
    return {};
  });
  if (!read || code.empty()) throw std::runtime_error("no stored document to verify");
  return code;
}

// An S4a case of the demo employer at the oblast department, registered (it has its coupon)
// and submitted to the commission (it is on the demo member's agenda).
std::string OblastPermitCase(ApiHarness& api) {
  json kase = WorkSampleCase(
      api, "oblast-clerk",
      R"({"process":"foreign-labour-permit","channel":"office",)"
      R"("applicant":{"bin":"080540001238"},"documents":[{"type":"application"},)"
      R"({"type":"local_content_information"},{"type":"worker_education_documents"},)"
      R"({"type":"worker_experience_documents"}],"data":{"consent":true,"category":3,)"
      R"("workers":1,"occupation":"2142","region":"431010000","term_months":12}})",
      {{"oblast-clerk", "accepted", "{}"},
       {"oblast-head", "assigned", R"({"assignee":"oblast-executor"})"},
       {"oblast-executor", "submitted", "{}"}});
  return std::to_string(kase["id"].get<int>());
}

// Every sample resource belongs to the Kyzylorda city centre (kzo-city).
std::map<std::string, Sample> Samples(ApiHarness& api) {
  auto city_office =
      json::parse(api.Call("GET", "/api/v1/offices", "", api.Login("admin")).body)[1];
  city_office.erase("id");
  const json city_case = CityCase(api);
  const std::string case_id = std::to_string(city_case["id"].get<int>());
  const std::string number = city_case["number"];
  const std::string document_url = city_case["result"]["document_url"];
  const std::string clerk = api.Login("clerk");
  const std::string signing_task = CitySigningTask(api);
  const std::string code = SomeVerificationCode(api);
  const std::string permit_case = OblastPermitCase(api);
  return {
      {"GET /api/v1/tasks/{id}/document",
       {"/api/v1/tasks/" + signing_task + "/document", "", "application/json", nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          // Only the city head signs it; an applicant does not see it.
          const int expected = a.login == "head" ? 200 : a.office.empty() ? 404 : 403;
          EXPECT_EQ(r.status, expected) << r.body;
        }}},
      {"GET /api/v1/verify/{code}", {"/api/v1/verify/" + code, ""}},
      {"GET /verify/{code}", {"/verify/" + code, ""}},
      {"GET /api/v1/permits", {"/api/v1/permits?bin=080540001238", ""}},
      {"GET /api/v1/permits/{number}", {"/api/v1/permits/KZO-OBLAST-DEMO-P1", ""}},
      {"GET /api/v1/permit-quotas", {"/api/v1/permit-quotas?year=2026", ""}},
      {"PUT /api/v1/permit-quotas/{year}/{category}",
       {"/api/v1/permit-quotas/2026/2", R"({"quota":12})"}},
      {"GET /api/v1/cases/{id}/coupon",
       {"/api/v1/cases/" + permit_case + "/coupon", "", "application/json", nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          // An oblast case: the oblast staff and its employer see it, city staff do not.
          const bool sees = a.office == "kzo-oblast" || a.login == "employer";
          EXPECT_EQ(r.status, sees ? 200 : 404) << r.body;
        }}},
      {"GET /api/v1/commissions", {"/api/v1/commissions", ""}},
      {"POST /api/v1/commissions",
       {"/api/v1/commissions",
        R"({"name":"matrix","secretary":"commission","members":["member"]})"}},
      {"POST /api/v1/commissions/{id}/meetings",
       {"/api/v1/commissions/1/meetings", R"({"held_on":"2026-12-01"})"}},
      {"GET /api/v1/commission/agenda", {"/api/v1/commission/agenda", ""}},
      {"POST /api/v1/commission/agenda/{case_id}/votes",
       {"/api/v1/commission/agenda/" + permit_case + "/votes", R"({"vote":"grant"})"}},
      {"GET /healthz", {"/healthz", ""}},
      {"GET /api/openapi.json", {"/api/openapi.json", ""}},
      {"POST /api/v1/auth/login", {"/api/v1/auth/login", R"({"login":"clerk","password":"demo"})"}},
      {"POST /api/v1/auth/logout", {"/api/v1/auth/logout", ""}},
      {"GET /api/v1/auth/me", {"/api/v1/auth/me", ""}},
      {"POST /api/v1/auth/logout-all",
       {"/api/v1/auth/logout-all", "", "application/json", nullptr,
        [](const Account&, const http::HttpResponse& r) {
          // It runs after logout has ended the walk's session (SigninSuite signs out
          // everywhere from a live one).
          EXPECT_EQ(r.status, 401) << r.body;
          EXPECT_EQ(json::parse(r.body)["error"]["key"], "auth.session_ended");
        }}},
      {"POST /api/v1/auth/password",
       {"/api/v1/auth/password", R"({"current_password":"not-it","new_password":"long-enough-1"})",
        "application/json", nullptr,
        [](const Account&, const http::HttpResponse& r) {
          EXPECT_EQ(r.status, 422) << r.body;  // the current password is checked first
        }}},
      {"POST /api/v1/auth/totp",
       {"/api/v1/auth/totp", "", "application/json", nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          EXPECT_EQ(r.status, a.office.empty() ? 403 : 200) << r.body;  // staff only
        }}},
      {"POST /api/v1/auth/totp/confirm",
       {"/api/v1/auth/totp/confirm", R"({"code":"000000"})", "application/json", nullptr,
        [](const Account&, const http::HttpResponse& r) {
          EXPECT_TRUE(r.status == 409 || r.status == 422) << r.body;  // none pending, or wrong
        }}},
      {"GET /api/v1/offices", {"/api/v1/offices", ""}},
      {"PUT /api/v1/offices/{id}", {"/api/v1/offices/kzo-city", city_office.dump()}},
      {"GET /api/v1/offices/{id}/staff", {"/api/v1/offices/kzo-city/staff?role=executor", ""}},
      {"GET /api/v1/users", {"/api/v1/users?office=kzo-city", ""}},
      {"POST /api/v1/users",
       {"/api/v1/users",
        R"({"login":"matrix","full_name":"Matrix","office":"kzo-city","roles":["analyst"],"password":"matrix-pass"})"}},
      {"PATCH /api/v1/users/{login}",
       {"/api/v1/users/executor2", R"({"full_name":"Мадина Құлова"})"}},
      // "matrix" is the account POST /api/v1/users made, so no account of the walk is reset.
      {"POST /api/v1/users/{login}/password-reset", {"/api/v1/users/matrix/password-reset", ""}},
      {"DELETE /api/v1/users/{login}/totp",
       {"/api/v1/users/matrix/totp", "", "application/json", nullptr,
        [](const Account&, const http::HttpResponse& r) {
          EXPECT_EQ(r.status, 409) << r.body;  // it has no second factor
        }}},
      {"GET /api/v1/people/{iin}", {"/api/v1/people/851102400347", ""}},
      {"POST /api/v1/people",
       {"/api/v1/people", R"({"iin":"851102400347","surname":"Ахметова","given_name":"Сәуле"})"}},
      {"GET /api/v1/employers/{bin}", {"/api/v1/employers/150340004568", ""}},
      {"POST /api/v1/employers",
       {"/api/v1/employers",
        R"({"bin":"150340004568","name":"«Сыр Құрылыс» ЖШС","registered_on":"2015-03-02","kato":"431010000"})"}},
      {"GET /api/v1/employers/{bin}/revenue", {"/api/v1/employers/150340004568/revenue", ""}},
      {"POST /api/v1/revenue-data",
       {"/api/v1/revenue-data",
        "bin,as_of,tax_arrears_tiyn,social_arrears_tiyn\n150340004568,2026-11-20,0,0\n",
        "text/csv"}},
      {"GET /api/v1/calendar/deadline",
       {"/api/v1/calendar/deadline?office=kzo-city&from=2026-11-23T05:00:00Z&limit=2h", ""}},
      {"GET /api/v1/calendar/days", {"/api/v1/calendar/days?from=2026-03-20&to=2026-03-24", ""}},
      {"PUT /api/v1/calendar/days/{date}",
       {"/api/v1/calendar/days/2026-12-28", R"({"working":false,"note":"matrix"})"}},
      {"DELETE /api/v1/calendar/days/{date}", {"/api/v1/calendar/days/2026-12-28", ""}},
      {"GET /api/v1/audit/verify", {"/api/v1/audit/verify", ""}},
      {"GET /api/v1/processes", {"/api/v1/processes", ""}},
      {"GET /api/v1/processes/{code}/bpmn", {"/api/v1/processes/job-seeker-registration/bpmn", ""}},
      {"GET /api/v1/refusal-grounds",
       {"/api/v1/refusal-grounds?process=job-seeker-registration", ""}},
      {"POST /api/v1/cases",
       {"/api/v1/cases",
        R"({"process":"job-seeker-registration","channel":"office","applicant":{"iin":"851102400347"},)"
        R"("documents":[{"type":"application"},{"type":"identity_document","valid_until":"2030-01-01"}]})",
        "application/json", nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          // A clerk files at their own office (an oblast office does not provide S1); an
          // applicant files only from the portal.
          const int expected = a.office.empty() ? 403 : a.office == "kzo-oblast" ? 422 : 201;
          EXPECT_EQ(r.status, expected) << r.body;
        }}},
      {"GET /api/v1/cases",
       {"/api/v1/cases?number=" + number, "", "application/json", nullptr,
        [number](const Account& a, const http::HttpResponse& r) {
          ASSERT_EQ(r.status, 200) << r.body;
          const bool sees_city = a.office == "kzo-city" || a.office == "kzo-oblast";
          EXPECT_EQ(json::parse(r.body)["items"].size(), sees_city ? 1u : 0u) << r.body;
        }}},
      {"GET /api/v1/cases/{id}", {"/api/v1/cases/" + case_id, ""}},
      {"GET /api/v1/cases/{id}/documents/{doc_id}", {document_url, ""}},
      {"GET /api/v1/tasks", {"/api/v1/tasks", ""}},
      {"POST /api/v1/tasks/{id}/complete",
       {"", R"({"outcome":"accepted"})", "application/json",
        [&api, clerk] { return FreshClerkTask(api, clerk); },
        [](const Account& a, const http::HttpResponse& r) {
          // Only a city clerk works the city register step; an applicant does not see it.
          const int expected = a.login == "clerk" ? 200 : a.office.empty() ? 404 : 403;
          EXPECT_EQ(r.status, expected) << r.body;
        }}},
      {"GET /api/v1/people/{iin}/employment-card",
       {"/api/v1/people/851102400347/employment-card", ""}},
      {"GET /api/v1/reports/sla",
       {"/api/v1/reports/sla?from=2026-11-01&to=2026-11-30&office=kzo-city", ""}},
  };
}

const std::vector<Account> kAccounts = {
    {"clerk", "kzo-city"},
    {"head", "kzo-city"},
    {"executor", "kzo-city"},
    {"employment", "kzo-city"},
    {"employers", "kzo-city"},
    {"analyst", "kzo-city"},
    {"unit-head", "kzo-city"},
    {"member", "kzo-oblast"},
    {"clerk2", "kzo-aral"},
    {"head2", "kzo-aral"},
    {"executor2", "kzo-aral"},
    {"oblast-clerk", "kzo-oblast"},
    {"oblast-head", "kzo-oblast"},
    {"oblast-executor", "kzo-oblast"},
    {"commission", "kzo-oblast"},
    {"admin", "kzo-oblast"},
    {"seeker", ""},
    {"employer", ""},
};

TEST(AccessMatrix, TheAccountsCoverEveryRole) {
  ApiHarness api(Backend::kSqlite);
  std::set<std::string> covered;
  for (const auto& a : kAccounts) {
    auto me = json::parse(api.Call("GET", "/api/v1/auth/me", "", api.Login(a.login)).body);
    for (const auto& r : me["roles"]) covered.insert(r.get<std::string>());
  }
  for (Role r : AllRoles()) EXPECT_TRUE(covered.count(RoleName(r))) << RoleName(r);
}

TEST(AccessMatrix, EveryRouteEveryRoleEveryOffice) {
  ApiHarness api(Backend::kSqlite);
  const auto samples = Samples(api);
  std::vector<const http::Route*> routes;
  for (const auto& r : api.runtime().api().router().routes()) {
    ASSERT_TRUE(samples.count(r.method + " " + r.pattern))
        << "no sample for " << r.method << " " << r.pattern;
    if (!r.pattern.starts_with("/api/v1/auth/logout")) routes.push_back(&r);
  }
  for (const auto& r : api.runtime().api().router().routes()) {
    // Last: they end the session (logout-all every session of the account).
    if (r.pattern.starts_with("/api/v1/auth/logout")) routes.push_back(&r);
  }
  std::map<std::string, std::string> tokens;
  for (const auto& a : kAccounts) tokens[a.login] = api.Login(a.login);

  int checked = 0;
  for (const http::Route* route : routes) {
    const Sample& s = samples.at(route->method + " " + route->pattern);
    for (const auto& account : kAccounts) {
      SCOPED_TRACE(route->method + " " + route->pattern + " as " + account.login);
      const bool with_token = route->scope != http::Scope::kPublic;
      const std::string target = s.fresh_target ? s.fresh_target() : s.target;
      auto response = api.Call(route->method, target, s.body,
                               with_token ? tokens[account.login] : "", s.content_type);
      ++checked;
      if (!with_token) {
        EXPECT_LT(response.status, 300) << response.body;
        continue;
      }
      // The role check comes first and is the same for every scope.
      auto me = json::parse(api.Call("GET", "/api/v1/auth/me", "", tokens[account.login]).body);
      RoleSet roles;
      for (const auto& name : me["roles"]) roles.Add(*ParseRole(name.get<std::string>()));
      if (!route->roles.empty() && !route->roles.Intersects(roles)) {
        EXPECT_EQ(response.status, 403) << response.body;
        continue;
      }
      if (s.check) {
        s.check(account, response);
        continue;
      }
      const bool applicant = account.office.empty();
      const bool sees_city = account.office == "kzo-city" || account.office == "kzo-oblast";
      switch (route->scope) {
        case http::Scope::kOffice:
          if (applicant) {
            EXPECT_EQ(response.status, 404)
                << "an applicant reached another's record: " << response.body;
          } else if (sees_city) {
            EXPECT_LT(response.status, 300) << response.body;
          } else {
            // Aral staff: a city record neither shows (404) nor can be taken over (409).
            EXPECT_EQ(response.status, route->method == "GET" ? 404 : 409) << response.body;
          }
          break;
        case http::Scope::kSelf:
        case http::Scope::kAny:
        case http::Scope::kOblast:
          EXPECT_LT(response.status, 300) << response.body;
          break;
        case http::Scope::kPublic:
          break;
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(routes.size() * kAccounts.size()));
}

}  // namespace
}  // namespace jumys::testing
