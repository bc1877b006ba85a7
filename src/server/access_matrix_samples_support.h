#pragma once
// The sample call of every route for the access-matrix walk (access_matrix_test.cpp): its
// target and body, and where the scope rule alone does not say the answer, the check of it.
// Every sample resource belongs to the Kyzylorda city centre (kzo-city) unless its sample says
// otherwise (in_scope).
#include <functional>
#include <map>
#include <string>

#include "server/access_matrix_records_support.h"
#include "server/access_matrix_support.h"

namespace jumys::testing::access_matrix {

using nlohmann::json;

inline std::map<std::string, Sample> Samples(ApiHarness& api) {
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
  const std::string decision_list = "/api/v1/decision-lists/" + CityDecisionList(api, case_id);
  // Its case is not at the deciding step, so taking the stale cases off has its own list.
  const std::string stale_list =
      "/api/v1/decision-lists/" + CityDecisionList(api, case_id, "KZO-CITY-2026-L000002");
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
  // A decision-list action: `actor` (the role the definition names) gets `status` and `key`;
  // the oblast's staff, who see the list but work at another office, 404; the city's other
  // staff 403 (the executor may hold the head's role by the sample delegation meanwhile).
  const auto list_actor = [](const std::string& actor, int status, const std::string& key) {
    return [actor, status, key](const Account& a, const http::HttpResponse& r) {
      const json body = json::parse(r.body, nullptr, false);
      if (a.login == actor || (a.login == "executor" && actor == "head" && r.status == status)) {
        EXPECT_EQ(r.status, status) << r.body;
        EXPECT_EQ(body["error"]["key"], key) << r.body;
      } else if (a.office == "kzo-oblast") {
        EXPECT_EQ(r.status, 404) << r.body;
        EXPECT_EQ(body["error"]["key"], "decision_list.not_found") << r.body;
      } else {
        EXPECT_EQ(r.status, 403) << r.body;
        EXPECT_EQ(body["error"]["key"], "decision_list.role") << r.body;
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
  const std::string payment_order = CityPaymentOrder(api);
  const std::string payment_batch = CityPaymentBatch(api);
  const std::string payment_statement = CityPaymentStatement(api);
  const std::string activity = CityActivity(api);
  // The paying office's staff act; the oblast's, who see the order, get 403.
  const auto office_staff_only = [](int status) {
    return [status](const Account& a, const http::HttpResponse& r) {
      EXPECT_EQ(r.status, a.office == "kzo-city" ? status : 403) << r.body;
      if (a.office != "kzo-city") {
        EXPECT_EQ(json::parse(r.body)["error"]["key"], "payment.other_office") << r.body;
      }
    };
  };
  const auto no_contract = [](const Account&, const http::HttpResponse& r) {
    EXPECT_EQ(r.status, 404) << r.body;
    EXPECT_EQ(json::parse(r.body)["error"]["key"], "contract.not_found") << r.body;
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
      {"GET /api/v1/reference/programmes", {"/api/v1/reference/programmes?on=2026-03-10", ""}},
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
      // The same filing, only checked: nothing is stored, so every clerk may ask again.
      {"POST /api/v1/cases/check",
       {"/api/v1/cases/check",
        R"({"process":"active-measures-referral","channel":"office","applicant":{"iin":"851102400347"},)"
        R"("documents":[{"type":"application"},{"type":"identity_document","valid_until":"2030-01-01"}]})",
        "application/json", nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          const int expected = a.office.empty() ? 403 : a.office == "kzo-oblast" ? 422 : 200;
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
       {"/api/v1/vacancies/" + city_vacancy + "/matches", "", "application/json", nullptr, nullptr,
        "/api/v1/vacancies/999999/matches", employer_or(CityOrOblastStaff)}},
      {"GET /api/v1/people/{iin}/employment-card",
       {"/api/v1/people/851102400347/employment-card", "", "application/json", nullptr, nullptr,
        "/api/v1/people/" + no_iin + "/employment-card"}},
      {"PUT /api/v1/people/{iin}/employment-card/disability",
       {"/api/v1/people/851102400347/employment-card/disability",
        R"({"group":2,"established_on":"2024-05-01","document":"Matrix"})", "application/json",
        nullptr, nullptr, "/api/v1/people/" + no_iin + "/employment-card/disability"}},
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
      // Contracts: the demo has none yet; the one flow that makes them is
      // SubsidisedJobsApiSuite. Any reader admitted gets 404 for a contract that is not there.
      {"GET /api/v1/contracts", {"/api/v1/contracts", ""}},
      {"GET /api/v1/contracts/{id}",
       {"/api/v1/contracts/999999", "", "application/json", nullptr, no_contract,
        "/api/v1/contracts/999998"}},
      {"GET /api/v1/contracts/{id}/pdf",
       {"/api/v1/contracts/999999/pdf", "", "application/json", nullptr, no_contract,
        "/api/v1/contracts/999998/pdf"}},
      {"GET /api/v1/contracts/{id}/signatures/{seq}",
       {"/api/v1/contracts/999999/signatures/1", "", "application/json", nullptr, no_contract,
        "/api/v1/contracts/999998/signatures/1"}},
      {"GET /api/v1/contracts/{id}/reports",
       {"/api/v1/contracts/999999/reports", "", "application/json", nullptr, no_contract,
        "/api/v1/contracts/999998/reports"}},
      {"GET /api/v1/contracts/{id}/visits",
       {"/api/v1/contracts/999999/visits", "", "application/json", nullptr, no_contract,
        "/api/v1/contracts/999998/visits"}},
      // Payments: a draft order of the city centre to the demo employer, one per using call.
      {"GET /api/v1/payments", {"/api/v1/payments", ""}},
      {"GET /api/v1/payments/totals", {"/api/v1/payments/totals", ""}},
      {"GET /api/v1/payments/budgets",
       {"/api/v1/payments/budgets?programme=special-workplaces&year=2026", ""}},
      {"PUT /api/v1/payments/budgets",
       {"/api/v1/payments/budgets",
        R"({"programme":"special-workplaces","year":2026,"office":"kzo-city","allocated":0})"}},
      {"GET /api/v1/payments/batches", {"/api/v1/payments/batches", ""}},
      {"POST /api/v1/payments/batches",
       {"/api/v1/payments/batches", "", "application/json", nullptr,
        [](const Account&, const http::HttpResponse& r) {
          EXPECT_EQ(r.status, 422) << r.body;  // nothing approved waits
          EXPECT_EQ(json::parse(r.body)["error"]["key"], "payment.nothing_to_export") << r.body;
        }}},
      {"GET /api/v1/payments/batches/{id}",
       {payment_batch, "", "application/json", nullptr, nullptr,
        "/api/v1/payments/batches/999999"}},
      {"GET /api/v1/payments/batches/{id}/pain.001",
       {payment_batch + "/pain.001", "", "application/json", nullptr, nullptr,
        "/api/v1/payments/batches/999999/pain.001"}},
      {"GET /api/v1/payments/batches/{id}/csv",
       {payment_batch + "/csv", "", "application/json", nullptr, nullptr,
        "/api/v1/payments/batches/999999/csv"}},
      {"POST /api/v1/payments/statements",
       {"/api/v1/payments/statements", "reference,status,amount,date\r\n", "text/csv"}},
      {"GET /api/v1/payments/statements", {"/api/v1/payments/statements", ""}},
      {"GET /api/v1/payments/statements/{id}",
       {payment_statement, "", "application/json", nullptr, nullptr,
        "/api/v1/payments/statements/999999"}},
      {"GET /api/v1/payments/{id}",
       {payment_order, "", "application/json", nullptr, nullptr, "/api/v1/payments/999999",
        employer_or(CityOrOblastStaff)}},
      {"GET /api/v1/payments/{id}/approval-text",
       {payment_order + "/approval-text", "", "application/json", nullptr, nullptr,
        "/api/v1/payments/999999/approval-text", employer_or(CityOrOblastStaff)}},
      {"POST /api/v1/payments/{id}/approve",
       {payment_order + "/approve", R"({"signature":"bm90IGEgc2lnbmF0dXJl"})", "application/json",
        nullptr,
        [](const Account&, const http::HttpResponse& r) {
          EXPECT_EQ(r.status, 400) << r.body;  // not a CMS signature: nothing approved
        },
        "/api/v1/payments/999999/approve", employer_or(CityOrOblastStaff)}},
      {"POST /api/v1/payments/{id}/return",
       {"", R"({"reason":"Matrix"})", "application/json",
        [&api] { return CityPaymentOrder(api) + "/return"; }, office_staff_only(200),
        "/api/v1/payments/999999/return", employer_or(CityOrOblastStaff)}},
      {"POST /api/v1/payments/{id}/reissue",
       {payment_order + "/reissue", "{}", "application/json", nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          const json body = json::parse(r.body);
          EXPECT_EQ(r.status, a.office == "kzo-city" ? 409 : 403) << r.body;  // a draft
          EXPECT_EQ(body["error"]["key"],
                    a.office == "kzo-city" ? "payment.wrong_status" : "payment.other_office");
        },
        "/api/v1/payments/999999/reissue", employer_or(CityOrOblastStaff)}},
      // Programme activities: recorded at the caller's own office, read by the staff who see
      // the office.
      {"GET /api/v1/activity-kinds", {"/api/v1/activity-kinds", ""}},
      {"POST /api/v1/activities",
       {"/api/v1/activities",
        R"({"programme":"voluntary-relocation","kind":"consultation","ref":"4.2",)"
        R"("audience":"job_seekers","held_on":"2026-11-20","place":"Matrix","participants":2})",
        "application/json", nullptr, status_is(201)}},
      {"GET /api/v1/activities", {"/api/v1/activities?programme=voluntary-relocation", ""}},
      {"GET /api/v1/activities/{id}",
       {activity, "", "application/json", nullptr, nullptr, "/api/v1/activities/999999"}},
      {"GET /api/v1/reports/placements",
       {"/api/v1/reports/placements?from=2026-11-01&to=2026-11-30", ""}},
      {"GET /api/v1/analytics",
       {"/api/v1/analytics?from=2026-11-01&to=2026-11-30&office=kzo-city", "", "application/json",
        nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          EXPECT_EQ(r.status, CityOrOblastStaff(a) ? 200 : 404) << r.body;
        }}},
      {"GET /api/v1/open-data", {"/api/v1/open-data?oblast=430000000&month=2026-11", ""}},
      {"GET /api/v1/reports/sla",
       {"/api/v1/reports/sla?from=2026-11-01&to=2026-11-30&office=kzo-city", "", "application/json",
        nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          // The city centre asked for by name: outside the scope it is not found (404).
          EXPECT_EQ(r.status, CityOrOblastStaff(a) ? 200 : 404) << r.body;
        }}},
      // An employer's users: only the employer's director (the demo employer) manages them.
      // Drafts, walked in route order: none yet, the employer saves P2's (a person may not),
      // then discards it.
      {"GET /api/v1/drafts", {"/api/v1/drafts", ""}},
      {"GET /api/v1/drafts/{process}",
       {"/api/v1/drafts/subsidised-jobs", "", "application/json", nullptr,
        [](const Account&, const http::HttpResponse& r) {
          EXPECT_EQ(r.status, 404) << r.body;
          EXPECT_EQ(json::parse(r.body)["error"]["key"], "draft.not_found") << r.body;
        }}},
      {"PUT /api/v1/drafts/{process}",
       {"/api/v1/drafts/subsidised-jobs", R"({"data":{"requisites":{"legal_name":"ЖШС"}}})",
        "application/json", nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          EXPECT_EQ(r.status, a.login == "employer" ? 200 : 422) << r.body;
        }}},
      {"DELETE /api/v1/drafts/{process}",
       {"/api/v1/drafts/subsidised-jobs", "", "application/json", nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          EXPECT_EQ(r.status, a.login == "employer" ? 204 : 404) << r.body;
        }}},
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
      // Decision lists: the city's submitted list. Its office's staff see it; the role that
      // may act comes from the definition (the head decides, the employers' specialist submits
      // and records), others of the office get 403, the oblast's staff who see it 404.
      {"GET /api/v1/decision-lists",
       {"/api/v1/decision-lists", "", "application/json", nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          ASSERT_EQ(r.status, 200) << r.body;
          const auto items = json::parse(r.body)["items"];
          EXPECT_EQ(items.size(), a.office == "kzo-aral" ? 0u : 2u) << r.body;
        }}},
      {"GET /api/v1/decision-lists/{id}",
       {decision_list, "", "application/json", nullptr, nullptr, "/api/v1/decision-lists/999999"}},
      {"GET /api/v1/decision-lists/{id}/pdf",
       {decision_list + "/pdf", "", "application/json", nullptr,
        [](const Account&, const http::HttpResponse& r) {
          EXPECT_EQ(r.status, 409) << r.body;
          EXPECT_EQ(json::parse(r.body)["error"]["key"], "decision_list.not_decided") << r.body;
        },
        "/api/v1/decision-lists/999999/pdf"}},
      {"POST /api/v1/decision-lists/{id}/drop-stale",
       {stale_list + "/drop-stale", "", "application/json", nullptr,
        [](const Account& a, const http::HttpResponse& r) {
          const json body = json::parse(r.body, nullptr, false);
          // The listing role (employers) and the deciding one (head, or executor acting): the
          // first takes the stale case off, the others find none left.
          if (a.login == "employers" || a.login == "head" ||
              (a.login == "executor" && r.status != 403)) {
            if (r.status == 200) {
              EXPECT_TRUE(body["items"].empty()) << r.body;
            } else {
              EXPECT_EQ(r.status, 409) << r.body;
              EXPECT_EQ(body["error"]["key"], "decision_list.none_stale") << r.body;
            }
          } else if (a.office == "kzo-oblast") {
            EXPECT_EQ(r.status, 404) << r.body;
          } else {
            EXPECT_EQ(r.status, 403) << r.body;
            EXPECT_EQ(body["error"]["key"], "decision_list.role") << r.body;
          }
        },
        "/api/v1/decision-lists/999999/drop-stale"}},
      {"POST /api/v1/decision-lists/{id}/submit",
       {decision_list + "/submit", "", "application/json", nullptr,
        list_actor("employers", 409, "decision_list.not_open"),
        "/api/v1/decision-lists/999999/submit"}},
      {"POST /api/v1/decision-lists/{id}/decide",
       {decision_list + "/decide", R"({"items":[]})", "application/json", nullptr,
        list_actor("head", 422, "decision_list.invalid"), "/api/v1/decision-lists/999999/decide"}},
      {"POST /api/v1/decision-lists/{id}/record",
       {decision_list + "/record", "", "application/json", nullptr,
        list_actor("employers", 409, "decision_list.not_decided"),
        "/api/v1/decision-lists/999999/record"}},
  };
}

}  // namespace jumys::testing::access_matrix
