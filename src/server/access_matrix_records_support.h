#pragma once
// The records the access-matrix samples name, made through the API (or, where that is another
// part's route, as a fixture row): cases, tasks, transfers, vacancies, placements, and codes
// that name no record. Every one belongs to the Kyzylorda city centre (kzo-city) unless its
// comment says otherwise.
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "core/base64.h"
#include "core/identifiers.h"
#include "core/source_dir.h"
#include "security/eds_test_support.h"
#include "server/testing/api_harness.h"

namespace jumys::testing::access_matrix {

using nlohmann::json;

// A sign-in challenge signed with the seeker's key file: a fresh EDS sign-in body.
inline std::string FreshEdsLogin(ApiHarness& api) {
  auto r = api.Call("POST", "/api/v1/auth/eds-challenge", "{}");
  if (r.status != 201) throw std::runtime_error("sample challenge: " + r.body);
  const std::string challenge = json::parse(r.body)["challenge"];
  auto der = SignWithKeyFile(TestDevCaDir() / "seeker.p12", kDevCaPassword, challenge);
  if (!der) throw std::runtime_error("sample signature: " + der.error().message);
  return json{{"challenge", challenge}, {"signature", Base64Encode(*der)}}.dump();
}

// The shipped NKZ file (what the demo loaded: importing it again changes nothing), and an
// import of it to read back.
inline std::string ShippedNkz() {
  std::ifstream in(SourceDir() / "reference/classifiers/nkz.csv", std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
inline std::string NkzImport(ApiHarness& api) {
  auto r = api.Call("POST", "/api/v1/reference/nkz/imports", ShippedNkz(), api.Login("admin"),
                    "text/csv");
  if (r.status != 202) throw std::runtime_error("sample import: " + r.body);
  return std::to_string(json::parse(r.body)["id"].get<int>());
}

// A city case (S1 at kzo-city, applicant 851102400347) refused at intake for a missing
// identity document, so it has a result document.
inline json CityCase(ApiHarness& api) {
  auto r = api.Call("POST", "/api/v1/cases",
                    R"({"process":"job-seeker-registration","channel":"office",)"
                    R"("applicant":{"iin":"851102400347"},"documents":[{"type":"application"}]})",
                    api.Login("clerk"));
  if (r.status != 201) throw std::runtime_error("sample case: " + r.body);
  return json::parse(r.body);
}

// The task of a new city case that a city clerk completes with "accepted"; each for a fresh
// person, as S1 allows one open case per person.
inline std::string FreshClerkTask(ApiHarness& api, const std::string& clerk_token) {
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
inline std::string FreshCityTaskId(ApiHarness& api, const std::string& clerk_token) {
  const std::string complete = FreshClerkTask(api, clerk_token);  // /api/v1/tasks/N/complete
  const auto start = std::string("/api/v1/tasks/").size();
  return complete.substr(start, complete.rfind('/') - start);
}

// Files a case as `filer` and completes its tasks in turn (login, outcome, data JSON); the case
// as it stands after the last turn.
using Turns = std::vector<std::tuple<std::string, std::string, std::string>>;
inline json WorkSampleCase(ApiHarness& api, const std::string& filer, const std::string& filing,
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
inline std::string CitySigningTask(ApiHarness& api) {
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
inline std::string SomeCityNotification(ApiHarness& api) {
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
inline std::string SomeVerificationCode(ApiHarness& api) {
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
inline std::string UnusedIin(const std::string& stem) {
  for (char d = '0'; d <= '9'; ++d) {
    if (Iin::Parse(stem + d)) return stem + d;
  }
  throw std::runtime_error("no valid IIN for " + stem);
}
inline std::string UnusedBin(const std::string& stem) {
  for (char d = '0'; d <= '9'; ++d) {
    if (Bin::Parse(stem + d)) return stem + d;
  }
  throw std::runtime_error("no valid BIN for " + stem);
}

// A pending transfer request: the Aral clerk registers a city person, so the city centre gets
// a request to move the record (it answers it).
inline std::string CityTransfer(ApiHarness& api, const std::string& iin) {
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
inline std::string OblastPermitCase(ApiHarness& api) {
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
// A draft payment order of the city centre to the demo employer; its path.
inline std::string CityPaymentOrder(ApiHarness& api) {
  static int seq = 0;
  const std::string basis = "contract:" + std::to_string(900000 + ++seq);
  std::string id;
  auto wrote = api.runtime().db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query("INSERT INTO payment_orders (number, kind, programme, office_id, payee_iin, "
                 "payee_bin, payee_name, iban, amount, period_from, period_to, basis, "
                 "budget_code, status, return_reason, created_at, created_by) VALUES ($1, "
                 "'workplace_subsidy', 'special-workplaces', 'kzo-city', '', '080540001238', "
                 "'Matrix', 'KZ86125KZT5004100100', 100000, '2026-11-01', '2026-11-30', $2, "
                 "'254-101', 'draft', '', '2026-11-02T05:00:00Z', 'employers') RETURNING id",
                 {"KZO-CITY-2026-P9" + std::to_string(10000 + seq), basis}));
    id = rows.Text(0, 0);
    return {};
  });
  if (!wrote) throw std::runtime_error("sample payment: " + wrote.error().message);
  return "/api/v1/payments/" + id;
}

// An (empty) batch of the city centre; its path.
inline std::string CityPaymentBatch(ApiHarness& api) {
  std::string id;
  auto wrote = api.runtime().db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows, tx.Query("INSERT INTO payment_batches (number, office_id, orders, total, "
                            "created_at, created_by) VALUES ('KZO-CITY-2026-B900001', 'kzo-city', "
                            "1, 100000, '2026-11-02T05:00:00Z', 'head') RETURNING id"));
    id = rows.Text(0, 0);
    return {};
  });
  if (!wrote) throw std::runtime_error("sample batch: " + wrote.error().message);
  return "/api/v1/payments/batches/" + id;
}

// A statement the city centre's head imported, of no lines; its path.
inline std::string CityPaymentStatement(ApiHarness& api) {
  std::string id;
  auto wrote = api.runtime().db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows,
                           tx.Query("INSERT INTO payment_statements (sha256, lines, imported_at, "
                                    "imported_by, office_id) VALUES ('matrix-sample', 0, "
                                    "'2026-11-02T05:00:00Z', 'head', 'kzo-city') RETURNING id"));
    id = rows.Text(0, 0);
    return {};
  });
  if (!wrote) throw std::runtime_error("sample statement: " + wrote.error().message);
  return "/api/v1/payments/statements/" + id;
}

// An outreach session the city centre recorded (docs/ACTIVITIES.md); its path.
inline std::string CityActivity(ApiHarness& api) {
  std::string id;
  auto wrote = api.runtime().db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query("INSERT INTO programme_activities (office_id, programme, kind, ref, audience, "
                 "held_on, place, participants, employer_bins, person_iins, notes, recorded_by, "
                 "recorded_at) VALUES ('kzo-city', 'voluntary-relocation', 'outreach', '1.1', "
                 "'employers', '2026-11-20', 'Matrix', 3, '[]', '[]', '', 'employers', "
                 "'2026-11-20T05:00:00Z') RETURNING id"));
    id = rows.Text(0, 0);
    return {};
  });
  if (!wrote) throw std::runtime_error("sample activity: " + wrote.error().message);
  return "/api/v1/activities/" + id;
}

inline std::string CityPlacement(ApiHarness& api) {
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

// A draft vacancy of a city employer (not the demo employer's), entered by the city's
// employer-interaction specialist; `publish_at` given: then scheduled.
inline std::string CityVacancy(ApiHarness& api, const std::string& publish_at = "") {
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
inline std::string StaleCityVacancy(ApiHarness& api) {
  auto r = api.Call("GET", "/api/v1/vacancies/managed?status=stale", "", api.Login("employers"));
  const json items = json::parse(r.body)["items"];
  if (items.size() != 1) throw std::runtime_error("sample stale vacancy: " + r.body);
  return std::to_string(items[0]["id"].get<int>());
}

// A submitted city decision list of the P2 sketch (a fixture row: no runnable process lists
// yet) holding the city case `case_id`; the list's id.
inline std::string CityDecisionList(ApiHarness& api, const std::string& case_id,
                                    const std::string& number = "KZO-CITY-2026-L000001") {
  std::string id;
  auto wrote = api.runtime().db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query("INSERT INTO decision_lists (number, office_id, process, version, list_name, "
                 "status, created_at, submitted_by, submitted_at) VALUES "
                 "($1, 'kzo-city', 'subsidised-jobs', 'fk-b03', "
                 "'applications_review', 'submitted', '2026-11-20T05:00:00Z', 'employers', "
                 "'2026-11-20T05:00:00Z') RETURNING id",
                 {number}));
    id = rows.Text(0, 0);
    JUMYS_ASSIGN_OR_RETURN(
        auto n, tx.Exec("INSERT INTO decision_list_items (list_id, case_id, position, added_at, "
                        "added_by) VALUES ($1, $2, 1, '2026-11-20T05:00:00Z', 'employers')",
                        {std::stoll(id), std::stoll(case_id)}));
    (void)n;
    return {};
  });
  if (!wrote) throw std::runtime_error("sample decision list: " + wrote.error().message);
  return id;
}

}  // namespace jumys::testing::access_matrix
