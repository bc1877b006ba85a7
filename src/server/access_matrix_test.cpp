// Walks every route x every demo account (every role, three offices, both applicants) and
// proves the one authorisation rule the router enforces from the route table: a record
// outside the caller's scope answers 404 exactly as a missing record; inside the scope a
// wrong role answers 403; inside the scope with the role, the route answers.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <set>

#include "core/base64.h"
#include "core/identifiers.h"
#include "core/source_dir.h"
#include "security/eds_test_support.h"
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
  // A route whose path names a record: the same call for a record that does not exist.
  std::string missing_target = {};
  // Which accounts the sample record is in scope for; default: staff of the city centre and of
  // the oblast department (oblast-level staff), and no applicant.
  std::function<bool(const Account&)> in_scope = {};
  // A route whose body is used up (a signed single-use challenge) gets a fresh one per call.
  std::function<std::string()> fresh_body = {};
};

// A sign-in challenge signed with the seeker's key file: a fresh EDS sign-in body.
std::string FreshEdsLogin(ApiHarness& api) {
  auto r = api.Call("POST", "/api/v1/auth/eds-challenge", "{}");
  if (r.status != 201) throw std::runtime_error("sample challenge: " + r.body);
  const std::string challenge = json::parse(r.body)["challenge"];
  auto der = SignWithKeyFile(TestDevCaDir() / "seeker.p12", kDevCaPassword, challenge);
  if (!der) throw std::runtime_error("sample signature: " + der.error().message);
  return json{{"challenge", challenge}, {"signature", Base64Encode(*der)}}.dump();
}

// The shipped NKZ file (what the demo loaded: importing it again changes nothing), and an
// import of it to read back.
std::string ShippedNkz() {
  std::ifstream in(SourceDir() / "reference/classifiers/nkz.csv", std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
std::string NkzImport(ApiHarness& api) {
  auto r = api.Call("POST", "/api/v1/reference/nkz/imports", ShippedNkz(), api.Login("admin"),
                    "text/csv");
  if (r.status != 202) throw std::runtime_error("sample import: " + r.body);
  return std::to_string(json::parse(r.body)["id"].get<int>());
}

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

// The task of a new city case that a city clerk completes with "accepted"; each for a fresh
// person, as S1 allows one open case per person.
std::string FreshClerkTask(ApiHarness& api, const std::string& clerk_token) {
  static int filed = 0;
  std::optional<std::string> iin;
  while (!iin) {
    const std::string serial = std::to_string(10000 + filed++ % 10000).substr(1);
    iin = AppendCheckDigit("9002023" + serial);
  }
  auto r = api.Call("POST", "/api/v1/cases",
                    R"({"process":"job-seeker-registration","channel":"office",)"
                    R"("applicant":{"iin":")" +
                        *iin +
                        R"("},"documents":[{"type":"application"},)"
                        R"({"type":"identity_document","valid_until":"2030-01-01"}]})",
                    clerk_token);
  if (r.status != 201) throw std::runtime_error("sample task: " + r.body);
  return "/api/v1/tasks/" + std::to_string(json::parse(r.body)["tasks"][0]["id"].get<int>()) +
         "/complete";
}

// The id of the open register task of a new city case (anyone's of the city clerks).
std::string FreshCityTaskId(ApiHarness& api, const std::string& clerk_token) {
  const std::string complete = FreshClerkTask(api, clerk_token);  // /api/v1/tasks/N/complete
  const auto start = std::string("/api/v1/tasks/").size();
  return complete.substr(start, complete.rfind('/') - start);
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

// The open signing task (6.5, the city head's) of a new city case, of another person than
// CityCase's: S1 allows one open case per person.
std::string CitySigningTask(ApiHarness& api) {
  json kase =
      WorkSampleCase(api, "clerk",
                     R"({"process":"job-seeker-registration","channel":"office",)"
                     R"("applicant":{"iin":"780611300895"},"documents":[{"type":"application"},)"
                     R"({"type":"identity_document","valid_until":"2030-01-01"}]})",
                     {{"clerk", "accepted", "{}"},
                      {"head", "assigned", R"({"assignee":"executor"})"},
                      {"executor", "approve", "{}"}});
  return std::to_string(kase["tasks"].back()["id"].get<int>());
}

// A message of the city centre the store holds (the sample cases' inbox messages).
std::string SomeCityNotification(ApiHarness& api) {
  std::string id;
  auto read = api.runtime().db().Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT id FROM notifications WHERE office_id = 'kzo-city' LIMIT 1"));
    if (!rows.empty()) id = rows.Text(0, 0);
    return {};
  });
  if (!read || id.empty()) throw std::runtime_error("no notification of the city centre");
  return id;
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

// A well-formed IIN (or BIN) that no record holds: `stem` (11 digits) and a check digit.
std::string UnusedIin(const std::string& stem) {
  for (char d = '0'; d <= '9'; ++d) {
    if (Iin::Parse(stem + d)) return stem + d;
  }
  throw std::runtime_error("no valid IIN for " + stem);
}
std::string UnusedBin(const std::string& stem) {
  for (char d = '0'; d <= '9'; ++d) {
    if (Bin::Parse(stem + d)) return stem + d;
  }
  throw std::runtime_error("no valid BIN for " + stem);
}

// A pending transfer request: the Aral clerk registers a city person, so the city centre gets
// a request to move the record (it answers it).
std::string CityTransfer(ApiHarness& api, const std::string& iin) {
  auto r = api.Call("POST", "/api/v1/people",
                    R"({"iin":")" + iin + R"(","surname":"Матрица","given_name":"Тест"})",
                    api.Login("clerk2"));
  if (r.status != 201) throw std::runtime_error("sample transfer: " + r.body);
  auto list = json::parse(api.Call("GET", "/api/v1/transfers", "", api.Login("clerk")).body);
  for (const auto& t : list["items"]) {
    if (t["record"] == iin) return std::to_string(t["id"].get<int>());
  }
  throw std::runtime_error("sample transfer not listed");
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
      R"("workers":1,"occupation":"2","region":"431010000","term_months":12}})",
      {{"oblast-clerk", "accepted", "{}"},
       {"oblast-head", "assigned", R"({"assignee":"oblast-executor"})"},
       {"oblast-executor", "submitted", "{}"}});
  return std::to_string(kase["id"].get<int>());
}

// A referral of a city person to the demo employer's vacancy (a fixture row: the vacancy
// routes are another part of issue 17), awaiting the employer's answer; the placement's id.
std::string CityPlacement(ApiHarness& api) {
  std::string vacancy;
  auto wrote = api.runtime().db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query("INSERT INTO vacancies (employer_bin, office_id, title, description, nkz, kato, "
                 "wage_tiyn, working_time, workplaces, requirements, disability_suitable, status, "
                 "created_by, created_at, updated_at) VALUES ('080540001238', 'kzo-city', "
                 "'Matrix', '', '7', '431010000', 0, 'full_time', 5, '{}', 0, 'published', "
                 "'employers', '2026-11-01T05:00:00Z', '2026-11-01T05:00:00Z') RETURNING id"));
    vacancy = rows.Text(0, 0);
    return {};
  });
  if (!wrote) throw std::runtime_error("sample vacancy: " + wrote.error().message);
  json kase = WorkSampleCase(
      api, "clerk",
      R"({"process":"active-measures-referral","channel":"office",)"
      R"("applicant":{"iin":"851102400347"},"documents":[{"type":"application"},)"
      R"({"type":"identity_document","valid_until":"2030-01-01"}]})",
      {{"clerk", "accepted", "{}"},
       {"head", "assigned", R"({"assignee":"executor"})"},
       {"executor", "refer_employment",
        R"({"vacancy_id":)" + vacancy +
            R"(,"employer_name":"Matrix","position":"Matrix","valid_until":"2030-12-31"})"}});
  std::string id;
  auto read = api.runtime().db().Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id FROM placements WHERE case_id = $1",
                                               {kase["id"].get<std::int64_t>()}));
    if (!rows.empty()) id = rows.Text(0, 0);
    return {};
  });
  if (!read || id.empty()) throw std::runtime_error("sample placement not recorded");
  return id;
}

bool CityOrOblastStaff(const Account& a) {
  return a.office == "kzo-city" || a.office == "kzo-oblast";
}
bool OblastStaff(const Account& a) { return a.office == "kzo-oblast"; }
bool AnyStaff(const Account& a) { return !a.office.empty(); }

// Every sample resource belongs to the Kyzylorda city centre (kzo-city) unless its sample says
// otherwise (in_scope).
// A draft vacancy of a city employer (not the demo employer's), entered by the city's
// employer-interaction specialist; `publish_at` given: then scheduled.
std::string CityVacancy(ApiHarness& api, const std::string& publish_at = "") {
  const std::string token = api.Login("employers");
  auto r = api.Call("POST", "/api/v1/vacancies",
                    R"({"employer_bin":"150340004568","title":"Matrix","nkz":"7",)"
                    R"("kato":"431010000","wage":{"amount":10000000,"currency":"KZT"},)"
                    R"("working_time":"full_time","workplaces":1})",
                    token);
  if (r.status != 201) throw std::runtime_error("sample vacancy: " + r.body);
  const std::string id = std::to_string(json::parse(r.body)["id"].get<int>());
  if (!publish_at.empty()) {
    r = api.Call("POST", "/api/v1/vacancies/" + id + "/publish",
                 json{{"publish_at", publish_at}}.dump(), token);
    if (r.status != 200) throw std::runtime_error("sample schedule: " + r.body);
  }
  return id;
}

// The demo's stale city vacancy.
std::string StaleCityVacancy(ApiHarness& api) {
  auto r = api.Call("GET", "/api/v1/vacancies/managed?status=stale", "", api.Login("employers"));
  const json items = json::parse(r.body)["items"];
  if (items.size() != 1) throw std::runtime_error("sample stale vacancy: " + r.body);
  return std::to_string(items[0]["id"].get<int>());
}

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
  const std::string accept_transfer = CityTransfer(api, "951203400783");
  const std::string decline_transfer = CityTransfer(api, "780611300895");
  const std::string city_message = SomeCityNotification(api);
  const std::string nkz_import = NkzImport(api);
  const std::string vacancy_edit = CityVacancy(api);
  const std::string vacancy_publish = CityVacancy(api);
  const std::string vacancy_close = CityVacancy(api);
  const std::string vacancy_unpublish = CityVacancy(api, "2027-06-01T04:00:00Z");
  const std::string vacancy_stale = StaleCityVacancy(api);
  const std::string placement = CityPlacement(api);
  // Documents of fresh city cases for the annulment routes: the city head annuls one, replaces
  // another (unsigned: issued at once) and finds no replacement draft of the third.
  const std::string annul_doc = CityCase(api)["result"]["document_url"];
  const std::string replace_doc = CityCase(api)["result"]["document_url"];
  const std::string draft_doc = CityCase(api)["result"]["document_url"];
  const auto head_only = [](int head_status, const std::string& head_key) {
    return [head_status, head_key](const Account& a, const http::HttpResponse& r) {
      const json body = json::parse(r.body, nullptr, false);
      if (a.login == "head") {
        EXPECT_EQ(r.status, head_status) << r.body;
        if (!head_key.empty()) EXPECT_EQ(body["error"]["key"], head_key) << r.body;
      } else {
        EXPECT_EQ(r.status, 403) << r.body;
        EXPECT_EQ(body["error"]["key"], "annulment.not_head") << r.body;
      }
    };
  };
  // The city head answers 200; other staff the route admits answer 403 with `key`.
  const auto head_or_403 = [](const std::string& key) {
    return [key](const Account& a, const http::HttpResponse& r) {
      if (a.login == "head") {
        EXPECT_EQ(r.status, 200) << r.body;
      } else {
        EXPECT_EQ(r.status, 403) << r.body;
        EXPECT_EQ(json::parse(r.body)["error"]["key"], key) << r.body;
      }
    };
  };
  // City staff answer `city_status`; other staff in scope 403 with `key`.
  const auto city_or_403 = [](int city_status, const std::string& key) {
    return [city_status, key](const Account& a, const http::HttpResponse& r) {
      if (a.office == "kzo-city") {
        EXPECT_EQ(r.status, city_status) << r.body;
      } else {
        EXPECT_EQ(r.status, 403) << r.body;
        EXPECT_EQ(json::parse(r.body)["error"]["key"], key) << r.body;
      }
    };
  };
  const std::string no_iin = UnusedIin("99010130000");
  const std::string no_bin = UnusedBin("21014000123");
  const auto seeker_or = [](std::function<bool(const Account&)> staff) {
    return [staff](const Account& a) { return a.login == "seeker" || staff(a); };
  };
  const auto employer_or = [](std::function<bool(const Account&)> staff) {
    return [staff](const Account& a) { return a.login == "employer" || staff(a); };
  };
  // A transfer answered once: later callers in scope find it already answered (409).
  const auto answered_once = [](const Account&, const http::HttpResponse& r) {
    EXPECT_TRUE(r.status == 200 || r.status == 409) << r.body;
  };
  // A published city vacancy for its matches (the vacancy routes are another part's).
  std::string city_vacancy;
  {
    auto written = api.runtime().db().Write([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(
          auto rows,
          tx.Query("INSERT INTO vacancies (employer_bin, office_id, title, description, nkz, kato, "
                   "wage_tiyn, working_time, workplaces, requirements, disability_suitable, "
                   "status, created_by, created_at, updated_at) VALUES ('080540001238', "
                   "'kzo-city', 'Matrix', '', '7', '431010000', 30000000, 'full_time', 1, '{}', 0, "
                   "'published', 'employers', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') "
                   "RETURNING id",
                   {}));
      city_vacancy = std::to_string(rows.Int(0, 0));
      return {};
    });
    if (!written) throw std::runtime_error("sample vacancy: " + written.error().internal);
  }
  const auto status_is = [](int expected) {
    return [expected](const Account&, const http::HttpResponse& r) {
      EXPECT_EQ(r.status, expected) << r.body;
    };
  };
  return {
      // Notifications: every account has its own inbox and contacts; another's message is not
      // there (404); the delivery log is for administrators and analysts; a delivered message
      // is not sent again (409); a receipt without the gateway's secret is refused (401).
      {"GET /api/v1/inbox", {"/api/v1/inbox", ""}},
      {"POST /api/v1/inbox/{id}/read",
       {"/api/v1/inbox/" + city_message + "/read", "", "application/json", nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          // The city message is the clerk's own (task assigned), or the seeker's (accepted).
          EXPECT_TRUE(r.status == 204 || r.status == 404) << a.login << r.body;
        }}},
      {"POST /api/v1/inbox/read-all",
       {"/api/v1/inbox/read-all", "", "application/json", nullptr, status_is(204)}},
      {"GET /api/v1/me/contacts", {"/api/v1/me/contacts", ""}},
      {"PUT /api/v1/me/contacts", {"/api/v1/me/contacts", R"({"language":"ru"})"}},
      {"GET /api/v1/notifications", {"/api/v1/notifications", ""}},
      {"POST /api/v1/notifications/{id}/retry",
       {"/api/v1/notifications/" + city_message + "/retry", "", "application/json", nullptr,
        status_is(409), "/api/v1/notifications/999999/retry"}},
      {"POST /api/v1/notifications/receipts",
       {"/api/v1/notifications/receipts", R"({"reference":"0123","status":"delivered"})",
        "application/json", nullptr, status_is(401)}},
      {"GET /api/v1/tasks/{id}/document",
       {"/api/v1/tasks/" + signing_task + "/document", "", "application/json", nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          // Only the city head signs it; other staff in scope may not (403).
          EXPECT_EQ(r.status, a.login == "head" ? 200 : 403) << r.body;
        },
        "/api/v1/tasks/999999/document"}},
      {"GET /api/v1/tasks/{id}/documents",
       {"/api/v1/tasks/" + signing_task + "/documents", "", "application/json", nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          // The list of drafts is the signer's, like each draft.
          EXPECT_EQ(r.status, a.login == "head" ? 200 : 403) << r.body;
        },
        "/api/v1/tasks/999999/documents"}},
      {"GET /api/v1/verify/{code}", {"/api/v1/verify/" + code, ""}},
      {"GET /verify/{code}", {"/verify/" + code, ""}},
      {"GET /api/v1/permits", {"/api/v1/permits?bin=080540001238", ""}},
      {"GET /api/v1/permits/{number}",
       {"/api/v1/permits/KZO-OBLAST-DEMO-P1", "", "application/json", nullptr, nullptr,
        "/api/v1/permits/KZO-NO-SUCH-PERMIT", employer_or(AnyStaff)}},
      {"GET /api/v1/permit-quotas", {"/api/v1/permit-quotas?year=2026", ""}},
      {"PUT /api/v1/permit-quotas/{year}/{category}",
       {"/api/v1/permit-quotas/2026/2", R"({"quota":12})"}},
      {"GET /api/v1/cases/{id}/coupon",
       {"/api/v1/cases/" + permit_case + "/coupon", "", "application/json", nullptr, nullptr,
        "/api/v1/cases/999999/coupon", employer_or(OblastStaff)}},
      {"GET /api/v1/commissions", {"/api/v1/commissions", ""}},
      {"POST /api/v1/commissions",
       {"/api/v1/commissions",
        R"({"name":"matrix","secretary":"commission","members":["member"]})"}},
      {"POST /api/v1/commissions/{id}/meetings",
       {"/api/v1/commissions/1/meetings", R"({"held_on":"2026-12-01"})", "application/json",
        nullptr, nullptr, "/api/v1/commissions/999999/meetings", OblastStaff}},
      {"GET /api/v1/commission/agenda", {"/api/v1/commission/agenda", ""}},
      {"POST /api/v1/commission/agenda/{case_id}/votes",
       {"/api/v1/commission/agenda/" + permit_case + "/votes", R"({"vote":"grant"})",
        "application/json", nullptr, nullptr, "/api/v1/commission/agenda/999999/votes",
        employer_or(OblastStaff)}},
      {"GET /healthz", {"/healthz", ""}},
      {"GET /api/openapi.json", {"/api/openapi.json", ""}},
      {"POST /api/v1/auth/login", {"/api/v1/auth/login", R"({"login":"clerk","password":"demo"})"}},
      {"POST /api/v1/auth/logout", {"/api/v1/auth/logout", ""}},
      {"POST /api/v1/auth/eds-challenge", {"/api/v1/auth/eds-challenge", "{}"}},
      {"POST /api/v1/auth/eds-login",
       {"/api/v1/auth/eds-login", "", "application/json", nullptr, nullptr, "", nullptr,
        [&api] { return FreshEdsLogin(api); }}},
      {"POST /api/v1/challenges", {"/api/v1/challenges", "{}"}},
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
      {"PUT /api/v1/offices/{id}",
       {"/api/v1/offices/kzo-city", city_office.dump(), "application/json", nullptr, nullptr,
        "/api/v1/offices/no-such-office"}},
      {"GET /api/v1/offices/{id}/staff",
       {"/api/v1/offices/kzo-city/staff?role=executor", "", "application/json", nullptr, nullptr,
        "/api/v1/offices/no-such-office/staff?role=executor"}},
      {"GET /api/v1/users", {"/api/v1/users?office=kzo-city", ""}},
      {"POST /api/v1/users",
       {"/api/v1/users",
        R"({"login":"matrix","full_name":"Matrix","office":"kzo-city","roles":["analyst"],"password":"matrix-pass"})",
        "application/json", nullptr,
        [](const Account&, const http::HttpResponse& r) {
          // The first administrator creates it; the login is then taken.
          EXPECT_TRUE(r.status == 201 || r.status == 409) << r.body;
        }}},
      {"PATCH /api/v1/users/{login}",
       {"/api/v1/users/executor2", R"({"full_name":"Мадина Құлова"})", "application/json", nullptr,
        nullptr, "/api/v1/users/no-such-user",
        [](const Account& a) { return a.office == "kzo-aral" || a.office == "kzo-oblast"; }}},
      // "matrix" is the account POST /api/v1/users made, so no account of the walk is reset.
      {"POST /api/v1/users/{login}/password-reset",
       {"/api/v1/users/matrix/password-reset", "", "application/json", nullptr, nullptr,
        "/api/v1/users/no-such-user/password-reset"}},
      {"DELETE /api/v1/users/{login}/totp",
       {"/api/v1/users/matrix/totp", "", "application/json", nullptr,
        [](const Account&, const http::HttpResponse& r) {
          EXPECT_EQ(r.status, 409) << r.body;  // it has no second factor
        },
        "/api/v1/users/no-such-user/totp"}},
      {"GET /api/v1/people/{iin}",
       {"/api/v1/people/900515300127", "", "application/json", nullptr, nullptr,
        "/api/v1/people/" + no_iin, seeker_or(CityOrOblastStaff)}},
      {"POST /api/v1/people",
       {"/api/v1/people", R"({"iin":"851102400347","surname":"Ахметова","given_name":"Сәуле"})"}},
      {"GET /api/v1/employers/{bin}",
       {"/api/v1/employers/080540001238", "", "application/json", nullptr, nullptr,
        "/api/v1/employers/" + no_bin, employer_or(CityOrOblastStaff)}},
      {"POST /api/v1/employers",
       {"/api/v1/employers",
        R"({"bin":"150340004568","name":"«Сыр Құрылыс» ЖШС","registered_on":"2015-03-02","kato":"431010000"})"}},
      {"GET /api/v1/employers/{bin}/revenue",
       {"/api/v1/employers/150340004568/revenue", "", "application/json", nullptr, nullptr,
        "/api/v1/employers/" + no_bin + "/revenue"}},
      {"POST /api/v1/revenue-data",
       {"/api/v1/revenue-data",
        "bin,as_of,tax_arrears_tiyn,social_arrears_tiyn\n150340004568,2026-11-20,0,0\n",
        "text/csv"}},
      {"GET /api/v1/calendar/deadline",
       {"/api/v1/calendar/deadline?office=kzo-city&from=2026-11-23T05:00:00Z&limit=2h", ""}},
      {"GET /api/v1/calendar/days", {"/api/v1/calendar/days?from=2026-03-20&to=2026-03-24", ""}},
      // Classifiers: national reference data, read by anyone signed in, loaded by administrators.
      {"GET /api/v1/reference/{kind}", {"/api/v1/reference/nkz?q=2", ""}},
      {"GET /api/v1/reference/{kind}/{code}", {"/api/v1/reference/kato/431010000", ""}},
      {"POST /api/v1/reference/{kind}/imports",
       {"/api/v1/reference/nkz/imports", ShippedNkz(), "text/csv", nullptr,
        [](const Account&, const http::HttpResponse& r) { EXPECT_EQ(r.status, 202) << r.body; }}},
      {"GET /api/v1/reference/{kind}/imports/{id}",
       {"/api/v1/reference/nkz/imports/" + nkz_import, ""}},
      // Public vacancy search: anyone, signed in or not.
      {"GET /api/v1/vacancies", {"/api/v1/vacancies?nkz=7&kato=43&limit=5", ""}},
      {"PUT /api/v1/calendar/days/{date}",
       {"/api/v1/calendar/days/2026-12-28", R"({"working":false,"note":"matrix"})"}},
      // The vacancy bank: entered by the employer or the office's employer-interaction
      // specialist; a published vacancy is public.
      {"POST /api/v1/vacancies",
       {"/api/v1/vacancies",
        R"({"employer_bin":"150340004568","title":"Matrix","nkz":"7","kato":"431010000",)"
        R"("wage":{"amount":10000000,"currency":"KZT"},"working_time":"full_time","workplaces":1})",
        "application/json", nullptr,
        [](const Account&, const http::HttpResponse& r) { EXPECT_EQ(r.status, 201) << r.body; }}},
      {"GET /api/v1/vacancies/managed", {"/api/v1/vacancies/managed?status=published", ""}},
      {"GET /api/v1/vacancies/{id}",
       {"/api/v1/vacancies/" + vacancy_stale, "", "application/json", nullptr,
        [](const Account&, const http::HttpResponse& r) {
          // Stale: not the public's, and a public route reads no session from the walk.
          EXPECT_EQ(r.status, 404) << r.body;
        }}},
      {"PUT /api/v1/vacancies/{id}",
       {"/api/v1/vacancies/" + vacancy_edit,
        R"({"title":"Matrix 2","nkz":"7","kato":"431010000","wage":{"amount":1,"currency":"KZT"},)"
        R"("working_time":"shift","workplaces":2,"row_version":1})",
        "application/json", nullptr, nullptr, "/api/v1/vacancies/999999"}},
      {"POST /api/v1/vacancies/{id}/publish",
       {"/api/v1/vacancies/" + vacancy_publish + "/publish", "", "application/json", nullptr,
        nullptr, "/api/v1/vacancies/999999/publish"}},
      {"POST /api/v1/vacancies/{id}/confirm",
       {"/api/v1/vacancies/" + vacancy_stale + "/confirm", "", "application/json", nullptr, nullptr,
        "/api/v1/vacancies/999999/confirm"}},
      {"POST /api/v1/vacancies/{id}/close",
       {"/api/v1/vacancies/" + vacancy_close + "/close", "", "application/json", nullptr, nullptr,
        "/api/v1/vacancies/999999/close"}},
      {"POST /api/v1/vacancies/{id}/unpublish",
       {"/api/v1/vacancies/" + vacancy_unpublish + "/unpublish", "", "application/json", nullptr,
        nullptr, "/api/v1/vacancies/999999/unpublish"}},
      {"DELETE /api/v1/calendar/days/{date}", {"/api/v1/calendar/days/2026-12-28", ""}},
      {"GET /api/v1/audit/verify", {"/api/v1/audit/verify", ""}},
      {"GET /api/v1/processes", {"/api/v1/processes", ""}},
      {"GET /api/v1/processes/{code}/bpmn", {"/api/v1/processes/job-seeker-registration/bpmn", ""}},
      {"GET /api/v1/refusal-grounds",
       {"/api/v1/refusal-grounds?process=job-seeker-registration", ""}},
      // S3, which allows several open cases of one person (S1 does not): every clerk files one.
      {"POST /api/v1/cases",
       {"/api/v1/cases",
        R"({"process":"active-measures-referral","channel":"office","applicant":{"iin":"851102400347"},)"
        R"("documents":[{"type":"application"},{"type":"identity_document","valid_until":"2030-01-01"}]})",
        "application/json", nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          // A clerk files at their own office (an oblast office does not provide S3); an
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
      {"GET /api/v1/cases/{id}",
       {"/api/v1/cases/" + case_id, "", "application/json", nullptr, nullptr,
        "/api/v1/cases/999999"}},
      {"POST /api/v1/cases/{id}/complaints",
       {"/api/v1/cases/" + case_id + "/complaints",
        R"({"text":"The result came late and was wrong."})", "application/json", nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          // Filed at the office that holds the case: the oblast clerk sees it but does not file.
          EXPECT_EQ(r.status, a.office == "kzo-city" ? 201 : 422) << r.body;
        },
        "/api/v1/cases/999999/complaints"}},
      {"GET /api/v1/cases/{id}/complaints",
       {"/api/v1/cases/" + case_id + "/complaints", "", "application/json", nullptr, nullptr,
        "/api/v1/cases/999999/complaints"}},
      {"GET /api/v1/cases/{id}/documents/{doc_id}",
       {document_url, "", "application/json", nullptr, nullptr,
        "/api/v1/cases/999999/documents/1"}},
      {"GET /api/v1/tasks", {"/api/v1/tasks", ""}},
      {"GET /api/v1/signing", {"/api/v1/signing", ""}},
      {"POST /api/v1/tasks/{id}/complete",
       {"", R"({"outcome":"accepted"})", "application/json",
        [&api, clerk] { return FreshClerkTask(api, clerk); },
        [](const Account& a, const http::HttpResponse& r) {
          // Only a city clerk works the city register step; others in scope may not (403).
          EXPECT_EQ(r.status, a.login == "clerk" ? 200 : 403) << r.body;
        },
        "/api/v1/tasks/999999/complete"}},
      // Reassigning: only the city head, of the city's own task; other staff in scope 403.
      {"GET /api/v1/tasks/{id}/assignees",
       {"/api/v1/tasks/" + FreshCityTaskId(api, clerk) + "/assignees", "", "application/json",
        nullptr, head_or_403("task.reassign_by_head"), "/api/v1/tasks/999999/assignees"}},
      {"POST /api/v1/tasks/{id}/reassign",
       {"", R"({"assignee":"clerk"})", "application/json",
        [&api, clerk] { return "/api/v1/tasks/" + FreshCityTaskId(api, clerk) + "/reassign"; },
        head_or_403("task.reassign_by_head"), "/api/v1/tasks/999999/reassign"}},
      // Internal notes: the city case's own office only; oblast staff see the case but 403.
      {"GET /api/v1/cases/{id}/notes",
       {"/api/v1/cases/" + case_id + "/notes", "", "application/json", nullptr,
        city_or_403(200, "case_note.other_office"), "/api/v1/cases/999999/notes"}},
      {"POST /api/v1/cases/{id}/notes",
       {"/api/v1/cases/" + case_id + "/notes", R"({"text":"matrix sample"})", "application/json",
        nullptr, city_or_403(201, "case_note.other_office"), "/api/v1/cases/999999/notes"}},
      {"GET /api/v1/dashboard", {"/api/v1/dashboard", ""}},
      // The job seeker's profile and matching: the person's scope; a vacancy's candidates for
      // staff of its office or oblast (Aral's staff do not see a city vacancy).
      {"GET /api/v1/people/{iin}/profile",
       {"/api/v1/people/900515300127/profile", "", "application/json", nullptr, nullptr,
        "/api/v1/people/" + no_iin + "/profile", seeker_or(CityOrOblastStaff)}},
      {"PUT /api/v1/people/{iin}/profile",
       {"/api/v1/people/851102400347/profile",
        R"({"occupations":["7"],"mobility":"none","home_kato":"431010000"})", "application/json",
        nullptr,
        [](const Account&, const http::HttpResponse& r) {
          // The first caller creates it; the rest would create it again without its version.
          EXPECT_TRUE(r.status == 201 || r.status == 409) << r.body;
        },
        "/api/v1/people/" + no_iin + "/profile"}},
      {"GET /api/v1/people/{iin}/matches",
       {"/api/v1/people/900515300127/matches", "", "application/json", nullptr, nullptr,
        "/api/v1/people/" + no_iin + "/matches", seeker_or(CityOrOblastStaff)}},
      {"GET /api/v1/vacancies/{id}/matches",
       {"/api/v1/vacancies/" + city_vacancy + "/matches", "", "application/json", nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          EXPECT_EQ(r.status, a.office == "kzo-aral" ? 404 : 200) << r.body;
        }}},
      {"GET /api/v1/people/{iin}/employment-card",
       {"/api/v1/people/851102400347/employment-card", "", "application/json", nullptr, nullptr,
        "/api/v1/people/" + no_iin + "/employment-card"}},
      {"GET /api/v1/transfers", {"/api/v1/transfers", ""}},
      {"POST /api/v1/transfers/{id}/accept",
       {"/api/v1/transfers/" + accept_transfer + "/accept", "", "application/json", nullptr,
        answered_once, "/api/v1/transfers/999999/accept"}},
      {"POST /api/v1/transfers/{id}/decline",
       {"/api/v1/transfers/" + decline_transfer + "/decline", "", "application/json", nullptr,
        answered_once, "/api/v1/transfers/999999/decline"}},
      // Placements: the city referral to the demo employer's vacancy; the employer and the
      // office's employer-interaction specialist answer it once (later callers 409).
      {"GET /api/v1/placements", {"/api/v1/placements", ""}},
      {"GET /api/v1/placements/{id}",
       {"/api/v1/placements/" + placement, "", "application/json", nullptr, nullptr,
        "/api/v1/placements/999999", employer_or(CityOrOblastStaff)}},
      {"POST /api/v1/placements/{id}/answer",
       {"/api/v1/placements/" + placement + "/answer", R"({"hired":false,"reason":"did_not_come"})",
        "application/json", nullptr, answered_once, "/api/v1/placements/999999/answer",
        employer_or(CityOrOblastStaff)}},
      {"GET /api/v1/reports/placements",
       {"/api/v1/reports/placements?from=2026-11-01&to=2026-11-30", ""}},
      {"GET /api/v1/reports/sla",
       {"/api/v1/reports/sla?from=2026-11-01&to=2026-11-30&office=kzo-city", "", "application/json",
        nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          // The city centre asked for by name: outside the scope it is not found (404).
          EXPECT_EQ(r.status, CityOrOblastStaff(a) ? 200 : 404) << r.body;
        }}},
      // An employer's users: only the employer's director (the demo employer) manages them.
      {"GET /api/v1/employer/capacity", {"/api/v1/employer/capacity", ""}},
      {"GET /api/v1/employer/users", {"/api/v1/employer/users", ""}},
      {"POST /api/v1/employer/users",
       {"/api/v1/employer/users",
        R"({"login":"matrix-drafter","full_name":"Matrix","iin":"851102400347",)"
        R"("capacity":"drafter"})"}},
      {"POST /api/v1/employer/users/{login}/deactivate",
       {"/api/v1/employer/users/matrix-drafter/deactivate", "", "application/json", nullptr,
        nullptr, "/api/v1/employer/users/no-such-user/deactivate",
        [](const Account& a) { return a.login == "employer"; }}},
      // Delegations: each office lists its own; the city head delegates to a colleague, which
      // no other office's head can name (422) nor revoke (404).
      {"GET /api/v1/delegations",
       {"/api/v1/delegations", "", "application/json", nullptr,
        [](const Account&, const http::HttpResponse& r) {
          ASSERT_EQ(r.status, 200) << r.body;
          const auto items = json::parse(r.body)["items"];
          for (const auto& d : items) EXPECT_EQ(d["office"], "kzo-city");
        }}},
      {"POST /api/v1/delegations",
       {"/api/v1/delegations",
        R"({"delegate":"executor","starts_on":"2026-11-23","ends_on":"2026-11-24"})",
        "application/json", nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          const int expected = a.login == "head" ? 201 : a.login == "unit-head" ? 403 : 422;
          EXPECT_EQ(r.status, expected) << r.body;
        }}},
      {"POST /api/v1/cases/{id}/documents/{doc_id}/annul",
       {annul_doc + "/annul", R"({"reason":"matrix sample"})", "application/json", nullptr,
        head_only(201, ""), "/api/v1/cases/999999/documents/1/annul"}},
      {"POST /api/v1/cases/{id}/documents/{doc_id}/replace",
       {replace_doc + "/replace", R"({"reason":"matrix sample"})", "application/json", nullptr,
        head_only(201, ""), "/api/v1/cases/999999/documents/1/replace"}},
      {"GET /api/v1/cases/{id}/documents/{doc_id}/replacement",
       {draft_doc + "/replacement", "", "application/json", nullptr,
        head_only(422, "annulment.prepare_first"), "/api/v1/cases/999999/documents/1/replacement"}},
      {"POST /api/v1/cases/{id}/documents/{doc_id}/replacement/sign",
       {draft_doc + "/replacement/sign", R"({"signature":"AAAA"})", "application/json", nullptr,
        head_only(422, "annulment.prepare_first"),
        "/api/v1/cases/999999/documents/1/replacement/sign"}},
      {"GET /api/v1/cases/{id}/annulments",
       {"/api/v1/cases/" + case_id + "/annulments", "", "application/json", nullptr, nullptr,
        "/api/v1/cases/999999/annulments"}},
      {"POST /api/v1/delegations/{id}/revoke",
       {"/api/v1/delegations/1/revoke", "", "application/json", nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          const int expected = a.login == "head" ? 200 : a.login == "unit-head" ? 403 : 404;
          EXPECT_EQ(r.status, expected) << r.body;
        },
        "/api/v1/delegations/999999/revoke"}},
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
    {"national-admin", "kzo-oblast"},
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

// A path parameter that names no record of anyone: reference data and public codes; and the
// caller's own inbox messages, which the service looks for only among the caller's.
const std::set<std::string> kNotRecords = {
    "POST /api/v1/inbox/{id}/read",
    "PUT /api/v1/calendar/days/{date}",
    "DELETE /api/v1/calendar/days/{date}",
    "GET /api/v1/verify/{code}",
    "GET /verify/{code}",
    "GET /api/v1/processes/{code}/bpmn",
    "PUT /api/v1/permit-quotas/{year}/{category}",
    "GET /api/v1/reference/{kind}",
    "GET /api/v1/reference/{kind}/{code}",
    "POST /api/v1/reference/{kind}/imports",
    "GET /api/v1/reference/{kind}/imports/{id}",
    // Public: a published vacancy is anyone's; the handler shows more to its owner and staff.
    "GET /api/v1/vacancies/{id}",
    // Until Record::kVacancy (the vacancy routes' part) is on main: the matching service finds
    // the vacancy and checks its office itself, answering 404 vacancy.not_found outside it.
    "GET /api/v1/vacancies/{id}/matches",
};

TEST(AccessMatrix, EveryRecordParameterIsDeclared) {
  ApiHarness api(Backend::kSqlite);
  for (const auto& r : api.runtime().api().router().routes()) {
    const std::string name = r.method + " " + r.pattern;
    const auto open = r.pattern.find('{');
    if (open == std::string::npos || kNotRecords.count(name)) continue;
    // The first parameter names the record; later ones are parts of it ({doc_id} of a case).
    const std::string first = r.pattern.substr(open + 1, r.pattern.find('}', open) - open - 1);
    EXPECT_NE(r.record.kind, http::Record::kNone) << name << " names a record the router ignores";
    EXPECT_EQ(r.record.param, first) << name;
  }
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
  std::map<std::string, RoleSet> roles_of;
  for (const auto& a : kAccounts) {
    tokens[a.login] = api.Login(a.login);
    auto me = json::parse(api.Call("GET", "/api/v1/auth/me", "", tokens[a.login]).body);
    for (const auto& name : me["roles"]) roles_of[a.login].Add(*ParseRole(name.get<std::string>()));
  }

  int checked = 0;
  for (const http::Route* route : routes) {
    const std::string name = route->method + " " + route->pattern;
    const Sample& s = samples.at(name);
    const bool record = route->record.kind != http::Record::kNone;
    if (record) {
      ASSERT_FALSE(s.missing_target.empty()) << name << ": no missing_target";
    }
    int outside = 0, wrong_role = 0, admitted = 0;
    for (const auto& account : kAccounts) {
      SCOPED_TRACE(name + " as " + account.login);
      const bool with_token = route->scope != http::Scope::kPublic;
      const std::string token = with_token ? tokens[account.login] : "";
      const std::string target = s.fresh_target ? s.fresh_target() : s.target;
      auto response = api.Call(route->method, target, s.fresh_body ? s.fresh_body() : s.body, token,
                               s.content_type);
      ++checked;
      if (!with_token) {
        if (s.check) {
          s.check(account, response);
        } else {
          EXPECT_LT(response.status, 300) << response.body;
        }
        continue;
      }
      const bool role_ok = route->roles.empty() || route->roles.Intersects(roles_of[account.login]);
      if (record) {
        const bool in_scope = s.in_scope ? s.in_scope(account) : CityOrOblastStaff(account);
        if (!in_scope) {
          // Outside the scope: exactly the answer for a record that does not exist, whatever
          // the role.
          auto missing = api.Call(route->method, s.missing_target, s.body, token, s.content_type);
          EXPECT_EQ(missing.status, 404) << missing.body;
          EXPECT_EQ(response.status, 404) << response.body;
          EXPECT_EQ(response.body, missing.body);
          ++outside;
          continue;
        }
        if (!role_ok) {
          EXPECT_EQ(response.status, 403) << response.body;
          EXPECT_EQ(json::parse(response.body)["error"]["key"], "access.role") << response.body;
          ++wrong_role;
          continue;
        }
        ++admitted;
        if (s.check) {
          s.check(account, response);
        } else {
          EXPECT_LT(response.status, 300) << response.body;
        }
        continue;
      }
      if (!role_ok) {
        EXPECT_EQ(response.status, 403) << response.body;
        continue;
      }
      if (s.check) {
        s.check(account, response);
      } else {
        EXPECT_LT(response.status, 300) << response.body;
      }
    }
    if (record) {
      // Every record route shows all three answers over the demo accounts.
      EXPECT_GT(outside, 0) << name << ": no account outside the scope";
      bool every_staff_role = true;  // then no one in an office's scope has a wrong role
      for (Role r : AllRoles()) {
        if (!IsApplicantRole(r) && !route->roles.empty() && !route->roles.Has(r)) {
          every_staff_role = false;
        }
      }
      // A route only applicants may call has no staff in its scope: no wrong role to show.
      const bool applicants_only = !route->roles.empty() && [&] {
        for (Role r : route->roles.ToVector()) {
          if (!IsApplicantRole(r)) return false;
        }
        return true;
      }();
      if (!every_staff_role && !applicants_only) {
        EXPECT_GT(wrong_role, 0) << name << ": no account in scope with a wrong role";
      }
      EXPECT_GT(admitted, 0) << name << ": no account admitted";
    }
  }
  EXPECT_EQ(checked, static_cast<int>(routes.size() * kAccounts.size()));
}

}  // namespace
}  // namespace jumys::testing
